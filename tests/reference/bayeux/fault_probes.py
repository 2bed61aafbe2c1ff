"""A probe per Bayeux fault that no on/off test of its own covers: one observation of what the
fault changes, made with the fault off and on, at the lowest level that shows it: the protocol
core (`Protocol`, no transport), the hub (publish, matching, the hold loop, no server) or the
wire (a served hub, for what only a transport decides).

`test_bayeux_faults.py` runs every probe both ways, and fails for a fault of the registry that
has neither a probe here nor an on/off test of its own.
"""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bayeux_testkit import Peer, basic
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect as ws_connect

from conformance.reference.auth import Authenticator
from conformance.reference.bayeux.behaviour import BayeuxBehaviour
from conformance.reference.bayeux.faults import BayeuxFault as F
from conformance.reference.bayeux.holds import Hold
from conformance.reference.bayeux.hub import BayeuxHub
from conformance.reference.bayeux.origin import LONG_POLLING, WEBSOCKET, Context
from conformance.reference.bayeux.sessions import Socket
from conformance.reference.config import ServerConfig

Message = dict[str, Any]
AGENT = Context("agent1", LONG_POLLING)
CHANNEL = "/v2/me/emails"
SHORT = 0.3  # s: a hold that should have ended by now has not (a bounded negative window)
_ids = itertools.count(1)


class Rig:
    """A hub with some switches on, driven without a server; `served()` serves one like it."""

    def __init__(self, switches: tuple[str, ...], serve: Callable[..., Any]) -> None:
        self.switches = switches
        self._serve = serve
        self.config = dataclasses.replace(ServerConfig(), bayeux_timeout_ms=2000, bayeux_interval_ms=0)
        self.hub = BayeuxHub(self.config, Authenticator(self.config.agents), BayeuxBehaviour.of(switches))
        self.protocol = self.hub.protocol

    def handle(self, message: Message, context: Context = AGENT) -> Any:
        return self.protocol.handle({"id": str(next(_ids)), **message}, context)

    def handshake(self, **fields: Any) -> Message:
        message = {"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": [LONG_POLLING], **fields}
        replies, _ = self.protocol.dispatch([message], AGENT)
        return replies[0]

    def session(self, *subscriptions: str) -> str:
        """A handshaken session, connected once (so later connects are held), subscribed."""
        client_id = self.handshake()["clientId"]
        first = self.handle(self.connect_message(client_id))
        assert isinstance(first, Hold)
        self.protocol.settle(first)
        for subscription in subscriptions:
            assert self.subscribe(client_id, subscription)["successful"] is True
        return client_id

    def connect_message(self, client_id: str, **fields: Any) -> Message:
        return {"channel": "/meta/connect", "clientId": client_id, "connectionType": LONG_POLLING, **fields}

    def subscribe(self, client_id: str, subscription: str) -> Message:
        reply: Message = self.handle({"channel": "/meta/subscribe", "clientId": client_id, "subscription": subscription})
        return reply

    def served(self) -> Any:
        return self._serve(faults=self.switches)


@dataclass(frozen=True)
class Probe:
    observe: Callable[[Rig], object]
    clean: object  # what the clean server shows
    faulty: object  # what it shows with the fault on


# --- the protocol core ---------------------------------------------------------------------------


def _offered(rig: Rig) -> list[str]:
    return list(rig.handshake()["supportedConnectionTypes"])


def _held_for(rig: Rig) -> float:
    client_id = rig.session()
    hold = rig.handle(rig.connect_message(client_id, advice={"timeout": 0}))
    assert isinstance(hold, Hold)
    return hold.timeout


def _unknown_client(rig: Rig) -> Message:
    reply: Message = rig.handle(rig.connect_message("0" * 32))
    return reply


def _unsubscribe(rig: Rig) -> tuple[bool, int]:
    client_id = rig.session(CHANNEL)
    reply = rig.handle({"channel": "/meta/unsubscribe", "clientId": client_id, "subscription": CHANNEL})
    return "subscription" in reply, rig.hub.subscribers("agent1", CHANNEL)


def _reaches(pattern: str, channel: str) -> Callable[[Rig], int]:
    def observe(rig: Rig) -> int:
        rig.session(pattern)
        return rig.hub.subscribers("agent1", channel)

    return observe


def _batch_of_two(rig: Rig) -> int:
    client_id = rig.session()
    batch = [{"channel": "/meta/subscribe", "clientId": client_id, "subscription": c, "id": c} for c in (CHANNEL, "/v2/me/channels")]
    replies, _ = rig.protocol.dispatch(batch, AGENT)
    return len(replies)


def _connect_interval(rig: Rig) -> object:
    client_id = rig.handshake()["clientId"]
    hold = rig.handle(rig.connect_message(client_id))
    return type(rig.protocol.settle(hold)["advice"]["interval"])


# --- the hub: publish and the hold loop ------------------------------------------------------------


def _published_event(rig: Rig) -> Message:
    async def run() -> Message:
        client_id = rig.session(CHANNEL)
        assert await rig.hub.publish("agent1", CHANNEL, {"n": 1}) == 1
        session = rig.hub.sessions.get(client_id)
        assert session is not None
        (event,) = session.drain()
        return event

    return asyncio.run(run())


def _client_publish(rig: Rig) -> bool:
    async def run() -> bool:
        reply = rig.handle({"channel": CHANNEL, "clientId": rig.session(), "data": {}})
        await rig.hub.shutdown()
        return bool(reply["successful"])

    return asyncio.run(run())


def _websocket_delivery(rig: Rig) -> int:
    async def run() -> int:
        async def sent(text: str) -> None:
            return None

        client_id = rig.session(CHANNEL)
        on_socket = Context("agent1", WEBSOCKET, socket=Socket(sent))
        hold = rig.handle({**rig.connect_message(client_id), "connectionType": WEBSOCKET, "advice": {"timeout": 0}}, on_socket)
        assert isinstance(hold, Hold)
        await rig.hub.holds.run(hold)
        count = await rig.hub.publish("agent1", CHANNEL, {"n": 1})
        await rig.hub.shutdown()
        return count

    return asyncio.run(run())


def _hold_ends_on_event(rig: Rig) -> bool:
    async def run() -> bool:
        client_id = rig.session(CHANNEL)
        hold = rig.handle(rig.connect_message(client_id))
        task = asyncio.ensure_future(rig.hub.holds.run(hold))
        await asyncio.sleep(0)  # the hold starts waiting
        await rig.hub.publish("agent1", CHANNEL, {"n": 1})
        done, _ = await asyncio.wait({task}, timeout=SHORT)
        await rig.hub.shutdown()
        await task
        return task in done

    return asyncio.run(run())


def _replaced_hold(rig: Rig) -> tuple[bool, bool]:
    """Whether a held connect replaced by a newer one ends at once, and whether its reply says successful."""

    async def run() -> tuple[bool, bool]:
        client_id = rig.session()
        older = asyncio.ensure_future(rig.hub.holds.run(rig.handle(rig.connect_message(client_id))))
        await asyncio.sleep(0)
        newer = asyncio.ensure_future(rig.hub.holds.run(rig.handle(rig.connect_message(client_id))))
        done, _ = await asyncio.wait({older}, timeout=SHORT)
        ended = older in done
        await rig.hub.shutdown()
        reply = await older
        await newer
        return ended, "successful" in reply

    return asyncio.run(run())


def _replaced_reply_successful(rig: Rig) -> bool:
    async def run() -> bool:
        client_id = rig.session()
        hold = rig.handle(rig.connect_message(client_id))
        older = asyncio.ensure_future(rig.hub.holds.run(hold))
        await asyncio.sleep(0)
        newer = asyncio.ensure_future(rig.hub.holds.run(rig.handle(rig.connect_message(client_id))))
        reply = await asyncio.wait_for(older, 5)
        (answered,) = [m for m in rig.protocol.answer(hold, reply) if m.get("channel") == "/meta/connect"]
        await rig.hub.shutdown()
        await newer
        return "successful" in answered

    return asyncio.run(run())


# --- the wire ------------------------------------------------------------------------------------


def _single_reply_shape(rig: Rig) -> str:
    peer = Peer(rig.served())
    body = json.loads(peer.post([peer.handshake_message()]).text)
    return type(body).__name__


def _single_frame_shape(rig: Rig) -> str:
    server = rig.served()
    headers = {"Authorization": basic("agent1", "password1")}
    with ws_connect(server.ws_url, additional_headers=headers, open_timeout=5) as socket:
        socket.send(json.dumps([{"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": [WEBSOCKET]}]))
        return type(json.loads(socket.recv(timeout=5))).__name__


def _anonymous_upgrade(rig: Rig) -> str:
    server = rig.served()
    try:
        with ws_connect(server.ws_url, open_timeout=5):
            return "accepted"
    except InvalidStatus as exc:
        return f"HTTP {exc.response.status_code}"


PROBES: dict[F, Probe] = {
    F.HANDSHAKE_NO_LONG_POLLING: Probe(lambda rig: LONG_POLLING in _offered(rig), True, False),
    F.WEBSOCKET_NOT_ADVERTISED: Probe(lambda rig: WEBSOCKET in _offered(rig), True, False),
    F.HANDSHAKE_BAD_ADVICE: Probe(lambda rig: rig.handshake()["advice"]["reconnect"], "retry", "reconnect"),
    F.HANDSHAKE_VERSION_2: Probe(lambda rig: rig.handshake()["version"], "1.0", "2.0"),
    F.HANDSHAKE_ANY_TRANSPORT: Probe(lambda rig: rig.handshake(supportedConnectionTypes=["callback-polling"])["successful"], False, True),
    F.HANDSHAKE_WITHOUT_VERSION: Probe(lambda rig: rig.handshake(version=None)["successful"], False, True),
    F.NUMERIC_ID_DROPPED: Probe(lambda rig: rig.handshake(id=7).get("id"), 7, None),
    F.UNKNOWN_CLIENT_ACCEPTED: Probe(lambda rig: _unknown_client(rig)["successful"], False, True),
    F.ERROR_FIELD_FREE_TEXT: Probe(lambda rig: _unknown_client(rig)["error"], "402::Unknown client", "Unknown client"),
    F.CONNECT_IGNORES_TIMEOUT_ADVICE: Probe(_held_for, 0, 2.0),
    F.CONNECT_ADVICE_MALFORMED: Probe(_connect_interval, int, float),
    F.UNSUBSCRIBE_NO_ECHO: Probe(lambda rig: _unsubscribe(rig)[0], True, False),
    F.UNSUBSCRIBE_IGNORED: Probe(lambda rig: _unsubscribe(rig)[1], 0, 1),
    F.BATCH_FIRST_ONLY: Probe(_batch_of_two, 2, 1),
    F.INVALID_WILDCARD_SUBSCRIBABLE: Probe(lambda rig: rig.subscribe(rig.session(), "/v2/*/emails")["successful"], False, True),
    F.PUBLISH_TO_WILDCARD_ACCEPTED: Probe(
        lambda rig: rig.handle({"channel": "/v2/me/*", "clientId": rig.session(), "data": {}})["successful"], False, True
    ),
    F.CLIENT_PUBLISH_ACCEPTED: Probe(_client_publish, False, True),
    F.WILDCARD_DOUBLE_STAR_SHALLOW: Probe(_reaches("/v2/**", CHANNEL), 1, 0),
    F.WILDCARD_MATCHES_PARENT: Probe(_reaches("/v2/me/*", "/v2/me"), 0, 1),
    F.WILDCARD_MATCHES_PREFIX: Probe(_reaches("/v2/me/*", "/v2/meta"), 0, 1),
    F.EVENT_LEAKS_CLIENTID: Probe(lambda rig: "clientId" in _published_event(rig), False, True),
    F.WEBSOCKET_DROPS_EVENTS: Probe(_websocket_delivery, 1, 0),
    F.EVENT_WAITS_FOR_HOLD_END: Probe(_hold_ends_on_event, True, False),
    F.OLDER_CONNECT_ORPHANED: Probe(lambda rig: _replaced_hold(rig)[0], True, False),
    F.REPLACED_CONNECT_WITHOUT_SUCCESSFUL: Probe(_replaced_reply_successful, True, False),
    F.REPLY_NOT_ARRAY: Probe(_single_reply_shape, "list", "dict"),
    F.WEBSOCKET_FRAME_NOT_ARRAY: Probe(_single_frame_shape, "list", "dict"),
    F.WEBSOCKET_SKIPS_AUTH: Probe(_anonymous_upgrade, "HTTP 403", "accepted"),
}
