"""The Bayeux protocol core on its own: messages in, replies or holds out, no Starlette, no socket."""

from __future__ import annotations

import subprocess
import sys

from conformance.reference.bayeux.behaviour import BayeuxBehaviour
from conformance.reference.bayeux.client_ids import ClientIds
from conformance.reference.bayeux.faults import BayeuxFault
from conformance.reference.bayeux.holds import Hold, Lifecycle
from conformance.reference.bayeux.origin import LONG_POLLING, Context
from conformance.reference.bayeux.protocol import Protocol
from conformance.reference.bayeux.sessions import SessionTable

AGENT = Context("agent1", LONG_POLLING)
ANONYMOUS = Context(None, LONG_POLLING)


def _protocol(*switches: str, published: list | None = None) -> Protocol:
    behaviour = BayeuxBehaviour.of(switches)
    sessions = SessionTable(ClientIds(behaviour), bound_to_agent=behaviour.session_bound_to_agent)
    return Protocol(
        behaviour,
        sessions,
        Lifecycle(),
        timeout_ms=2000,
        interval_ms=0,
        websocket=True,
        client_publish=lambda *event: (published if published is not None else []).append(event),
    )


def _handshake(protocol: Protocol, context: Context = AGENT) -> dict:
    message = {"channel": "/meta/handshake", "id": "1", "version": "1.0", "supportedConnectionTypes": [LONG_POLLING]}
    replies, holds = protocol.dispatch([message], context)
    assert holds == []
    return replies[0]


def test_the_core_imports_without_starlette() -> None:
    code = "import sys, conformance.reference.bayeux.protocol; print(any(m.startswith('starlette') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_handshake_gives_a_client_id_and_echoes_the_id() -> None:
    reply = _handshake(_protocol())
    assert reply["successful"] is True and reply["id"] == "1" and reply["version"] == "1.0"
    assert len(reply["clientId"]) == 32
    assert reply["supportedConnectionTypes"] == ["long-polling", "websocket"]
    assert reply["advice"] == {"reconnect": "retry", "interval": 0, "timeout": 2000}


def test_handshake_without_credentials_is_denied() -> None:
    reply = _handshake(_protocol(), ANONYMOUS)
    assert reply["successful"] is False and reply["error"] == "403::Handshake denied"
    assert reply["advice"] == {"reconnect": "none"}


def test_first_connect_is_a_hold_of_no_time_and_later_ones_wait() -> None:
    protocol = _protocol()
    client_id = _handshake(protocol)["clientId"]
    connect = {"channel": "/meta/connect", "clientId": client_id, "connectionType": LONG_POLLING, "id": "2"}
    first = protocol.handle(connect, AGENT)
    assert isinstance(first, Hold) and first.timeout == 0
    reply = protocol.settle(first)
    assert reply == {"channel": "/meta/connect", "id": "2", "successful": True, "advice": {"reconnect": "retry", "interval": 0, "timeout": 2000}}
    later = protocol.handle({**connect, "advice": {"timeout": 500}}, AGENT)
    assert isinstance(later, Hold) and later.timeout == 0.5


def test_unknown_and_foreign_client_ids_are_unknown_clients() -> None:
    protocol = _protocol()
    client_id = _handshake(protocol)["clientId"]
    for message, context in (
        ({"channel": "/meta/connect", "clientId": "nope", "connectionType": LONG_POLLING}, AGENT),
        ({"channel": "/meta/subscribe", "clientId": client_id, "subscription": "/v2/me/emails"}, Context("agent2", LONG_POLLING)),
    ):
        reply = protocol.handle(message, context)
        assert reply == {"channel": message["channel"], "successful": False, "error": "402::Unknown client", "advice": {"reconnect": "handshake", "interval": 0}}


def test_a_handshake_in_a_batch_is_answered_alone() -> None:
    protocol = _protocol()
    batch = [
        {"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": [LONG_POLLING]},
        {"channel": "/meta/subscribe", "clientId": "x", "subscription": "/v2/me/emails"},
    ]
    replies, holds = protocol.dispatch(batch, AGENT)
    assert [r["channel"] for r in replies] == ["/meta/handshake"] and holds == []


def test_subscribe_then_client_publish_is_denied_unless_the_behaviour_allows_it() -> None:
    for switches, allowed in (((), False), ((BayeuxFault.CLIENT_PUBLISH_ACCEPTED,), True)):
        published: list = []
        protocol = _protocol(*switches, published=published)
        client_id = _handshake(protocol)["clientId"]
        reply = protocol.handle({"channel": "/meta/subscribe", "clientId": client_id, "subscription": "/v2/me/emails"}, AGENT)
        assert reply["successful"] is True and reply["subscription"] == "/v2/me/emails"
        reply = protocol.handle({"channel": "/v2/me/emails", "clientId": client_id, "data": {}}, AGENT)
        assert reply["successful"] is allowed
        assert published == ([("agent1", "/v2/me/emails", {})] if allowed else [])


def test_behaviour_fields_change_the_replies() -> None:
    reply = _handshake(_protocol(BayeuxFault.NO_ID_ECHO, BayeuxFault.HANDSHAKE_NO_CLIENTID))
    assert reply["successful"] is True and "id" not in reply and "clientId" not in reply


def test_disconnect_ends_the_session() -> None:
    protocol = _protocol()
    client_id = _handshake(protocol)["clientId"]
    assert protocol.handle({"channel": "/meta/disconnect", "clientId": client_id}, AGENT)["successful"] is True
    assert protocol.handle({"channel": "/meta/disconnect", "clientId": client_id}, AGENT)["error"] == "402::Unknown client"
