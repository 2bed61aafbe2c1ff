"""The reference server's CometD endpoint: a Bayeux 1.0 server in CometD 3 style, on Starlette.

Transports: `long-polling` (POST on the CometD URL and on every sub-path of it, as CometD JS
appends `/handshake`, `/connect`, ...) and `websocket` (when `config.websocket`).

Authentication: every POST and the WebSocket upgrade go through the shared `Authenticator`
(Basic or the `GWS_SESSIONID` cookie). Bayeux POSTs always answer **HTTP 200 with Bayeux
replies**, even without credentials: a handshake without valid credentials gets
`403::Handshake denied` with advice `{reconnect: none}`; any other message whose credentials
do not name the session's agent gets `402::Unknown client` (the other agent's session is
neither revealed nor touched). A WebSocket upgrade without valid credentials is refused
(HTTP 403, before the socket is accepted). Only undecodable bodies get HTTP 400.

Connect hold: as CometD, the first /meta/connect after a handshake is answered at once; later
ones are held for min(client advice.timeout, config timeout), until an event is queued, a newer
connect of the session arrives, the session is disconnected or dropped, or shutdown. Over
WebSocket, events queued while no connect is held are pushed at once.

Variants (`bayeux/variants.py`) switch to choices other Bayeux servers make: faye's error
strings, advice and reply order; CometD's unchecked handshake, its HTTP 500 for a replaced
connect, its batched connects never held, the Node.js port's first connect held, its HTTP 500
for a handshake batched with other messages, its connectionType never read.

Shutdown: uvicorn waits for in-flight requests *before* it runs the lifespan shutdown, so
whoever runs the server should `await hub.shutdown()` before asking uvicorn to exit (e.g. on
the server's loop, then set `should_exit`); calling it again from the lifespan is harmless.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket

from conformance.reference.auth import Authenticator
from conformance.reference.bayeux.behaviour import BayeuxBehaviour
from conformance.reference.bayeux.channels import channel_error, has_inner_wildcard, is_meta, is_service, is_wildcard, matches
from conformance.reference.bayeux.client_ids import ClientIds
from conformance.reference.bayeux.wire import BadRequest, decode_body, decode_frame
from conformance.reference.config import ServerConfig

log = logging.getLogger(__name__)

LONG_POLLING = "long-polling"
WEBSOCKET = "websocket"
BAYEUX_VERSION = "1.0"
PER_USER_PREFIX = "/v2/me/"

Message = dict[str, Any]


class _Wakeup:
    """Wakes every hold of a session that waits now. A waiter takes `current()` before it looks
    at the session and waits on that event; `set()` swaps in a fresh one instead of anybody
    clearing a shared event, so no hold can swallow another's wakeup (with one shared event, two
    connects arriving in one loop iteration, as through a proxy, left both held: the newer
    one's clear() ran before the older one began waiting)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def current(self) -> asyncio.Event:
        return self._event

    def set(self) -> None:
        event, self._event = self._event, asyncio.Event()
        event.set()


class _Session:
    """One Bayeux client: bound to an agent at handshake."""

    def __init__(self, client_id: str, agent_id: str | None) -> None:
        self.client_id = client_id
        self.agent_id = agent_id
        self.subscriptions: set[str] = set()
        self.queue: list[Message] = []  # events not yet handed to a reply or a frame
        self.wake = _Wakeup()  # set on: event queued, newer connect, removal, shutdown
        self.generation = 0  # bumped by each connect; an older held connect sees it and leaves
        self.held = 0  # connects currently held
        self.last_seen = time.monotonic()  # handshake, start and end of each connect
        self.removed: str | None = None  # why the session is gone: disconnect, expired, dropped
        self.socket: _Socket | None = None  # the WebSocket its last connect came on
        self.connected = False  # a connect has been answered (CometD holds only later ones)

    def drain(self, limit: int | None = None) -> list[Message]:
        """The queued events to hand over now: all of them, or the first `limit`."""
        count = len(self.queue) if limit is None else limit
        events, self.queue = self.queue[:count], self.queue[count:]
        return events

    def requeue(self, events: list[Message]) -> None:
        if self.removed is None and events:
            self.queue[:0] = events


class _Socket:
    """One accepted WebSocket: sends are serialised with a lock."""

    def __init__(self, websocket: WebSocket) -> None:
        self.websocket = websocket
        self.lock = asyncio.Lock()
        self.closed = False
        self.sessions: set[_Session] = set()
        self.unwrap_single = False  # a single message is sent bare, not in an array

    async def send(self, messages: list[Message]) -> bool:
        if self.closed:
            return False
        text = json.dumps(messages[0] if self.unwrap_single and len(messages) == 1 else messages)
        async with self.lock:
            try:
                await self.websocket.send_text(text)
            except Exception:  # the peer went away mid-send
                self.closed = True
                return False
        return True


@dataclass
class _Context:
    """Where one batch came from."""

    agent_id: str | None  # the agent named by the request's credentials; None: none or wrong
    transport: str
    socket: _Socket | None = None
    # long-polling: resolves when the HTTP client goes away (a held connect then leaves its
    # events queued for the next connect instead of writing them to a dead connection)
    gone: Callable[[], Awaitable[None]] | None = None


@dataclass
class _Hold:
    """A /meta/connect to answer after a hold; `run()` waits and builds the reply."""

    hub: BayeuxHub
    session: _Session
    message: Message
    context: _Context
    timeout: float  # seconds
    events: list[Message] = field(default_factory=list)
    superseded: bool = False  # a newer connect of the session ended the hold

    async def run(self) -> Message:
        hub, session = self.hub, self.session
        loop = asyncio.get_running_loop()
        session.held += 1
        session.generation += 1
        generation = session.generation
        session.wake.set()  # releases an older held connect
        session.last_seen = time.monotonic()
        hub._notify()
        gone_task = asyncio.ensure_future(self.context.gone()) if self.context.gone else None
        abandoned = False
        events_wake = hub._behaviour.event_ends_long_polling_hold or self.context.socket is not None
        orphanable = not hub._behaviour.answer_replaced_connect
        try:
            deadline = loop.time() + self.timeout
            while True:
                woken = session.wake.current()  # taken before looking: a later set() wakes it
                orphaned = orphanable and session.generation != generation
                if hub._closing:
                    break
                if not orphaned and (
                    session.removed or session.generation != generation or (session.queue and events_wake)
                ):
                    break
                if gone_task is not None and gone_task.done():
                    abandoned = True
                    break
                remaining = None if orphaned else deadline - loop.time()
                if remaining is not None and remaining <= 0:
                    break
                wake_task = asyncio.ensure_future(woken.wait())
                waiters = {wake_task} if gone_task is None else {wake_task, gone_task}
                if orphaned:
                    waiters.add(asyncio.ensure_future(hub._stop.wait()))
                try:
                    await asyncio.wait(waiters, timeout=remaining, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    for waiter in waiters - {gone_task}:
                        waiter.cancel()
        finally:
            session.held -= 1
            session.last_seen = time.monotonic()
            if gone_task is not None:
                gone_task.cancel()
            hub._notify()
        if session.removed in ("expired", "dropped"):
            return hub._unknown_client(self.message)
        session.connected = True
        reply = hub._reply(self.message, successful=True)
        if not hub._behaviour.connect_reply_has_successful:
            del reply["successful"]
        if session.removed == "disconnect":
            reply["advice"] = {"reconnect": "none", "interval": hub._interval_ms}
        else:
            reply["advice"] = hub._retry_advice()
            if not hub._behaviour.connect_interval_integer:
                reply["advice"]["interval"] = hub._interval_ms + 0.5
        self.superseded = session.generation != generation
        if not abandoned and not self.superseded:
            self.events = session.drain(hub._events_per_delivery)
        return reply


class BayeuxHub:
    """Sessions, subscriptions and delivery of one reference server's CometD endpoint."""

    def __init__(self, config: ServerConfig, authenticator: Authenticator, behaviour: BayeuxBehaviour) -> None:
        self._config = config
        self._auth = authenticator
        self._behaviour = behaviour
        self._sessions: dict[str, _Session] = {}
        self._client_ids = ClientIds(behaviour)
        self._closing = False
        self._stop = asyncio.Event()
        self._sweeper: asyncio.Task[None] | None = None
        self._delayed: asyncio.Queue[tuple[float, list[_Session], Message]] | None = None
        self._event_ids = 0  # variant event-id-and-ext
        self._deliverer: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[Any]] = set()
        self._changed = threading.Condition()  # notified on every session/subscription change
        self._interval_ms = config.bayeux_interval_ms
        self._timeout_ms = config.bayeux_timeout_ms
        self._connection_types = [LONG_POLLING, WEBSOCKET] if config.websocket else [LONG_POLLING]
        self._events_per_delivery = behaviour.events_per_delivery
        self._published = 0  # events published so far: seeds the late-notifications jitter

    # ------------------------------------------------------------------ public API

    def routes(self, path: str = "/api/v2/notifications") -> list[BaseRoute]:
        path = "/" + path.strip("/")
        return [
            Route(path, self._http_endpoint, methods=["POST"]),
            Route(path + "/{rest:path}", self._http_endpoint, methods=["POST"]),
            WebSocketRoute(path, self._ws_endpoint),
            WebSocketRoute(path + "/{rest:path}", self._ws_endpoint),
        ]

    async def startup(self) -> None:
        """Start the sweeper that expires sessions idle for longer than maxInterval."""
        self._closing = False
        self._stop.clear()
        if self._sweeper is None or self._sweeper.done():
            self._sweeper = asyncio.create_task(self._sweep_loop(), name="bayeux-sweeper")

    async def shutdown(self) -> None:
        """Release every held connect (so uvicorn exits promptly) and stop the background tasks."""
        self._closing = True
        self._stop.set()
        for session in list(self._sessions.values()):
            session.wake.set()
        tasks = [t for t in (self._sweeper, self._deliverer, *self._background) if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._sweeper = self._deliverer = None
        self._delayed = None
        self._background.clear()

    async def publish(self, agent_id: str, channel: str, data: dict[str, Any]) -> int:
        """Deliver `{channel, data}` to each of the agent's sessions subscribed to a matching
        pattern; returns how many sessions it went to. `/v2/me/**` channels are per user:
        never delivered to another agent's sessions."""
        if channel_error(channel, wildcard_ok=False) or is_meta(channel):
            raise ValueError(f"cannot publish to {channel!r}")
        json.dumps(data, allow_nan=False)  # fail here, not later inside some client's connect reply
        everyone = not self._behaviour.per_user_channels_private and channel.startswith(PER_USER_PREFIX)
        drop_websocket = not self._behaviour.deliver_over_websocket
        targets = [
            s
            for s in self._sessions.values()
            if (everyone or s.agent_id == agent_id)
            and not (drop_websocket and s.socket is not None)
            and any(self._matches(p, channel) for p in s.subscriptions)
        ]
        event: Message = {"channel": channel, "data": data} if self._behaviour.event_has_channel else {"data": data}
        if not targets:
            return 0
        if self._behaviour.event_carries_client_id:
            event["clientId"] = targets[0].client_id
        if self._behaviour.event_id_and_ext:
            self._event_ids += 1
            event.update(id=f"event-{self._event_ids}", ext={"vendor": {"server": "reference"}})
        delay = self._delivery_delay(data)
        if delay > 0:
            if self._delayed is None:
                self._delayed = asyncio.Queue()
            if self._deliverer is None or self._deliverer.done():
                self._deliverer = asyncio.create_task(self._deliver_delayed(), name="bayeux-latency")
            due = asyncio.get_running_loop().time() + delay
            self._delayed.put_nowait((due, targets, event))
        else:
            for session in targets:
                self._enqueue(session, event)
        return len(targets)

    def session_count(self) -> int:
        return len(self._sessions)

    # ------------------------------------------------------------------ extra helpers

    async def drop_sessions(self, agent_id: str | None = None) -> int:
        """Forget every session (or one agent's), as a server restart would: their next
        message, and any connect held now, get `402::Unknown client` + reconnect=handshake."""
        doomed = [s for s in self._sessions.values() if agent_id is None or s.agent_id == agent_id]
        for session in doomed:
            self._remove(session, "dropped")
        return len(doomed)

    def subscribers(self, agent_id: str, channel: str) -> int:
        """How many of the agent's sessions `publish(agent_id, channel, ...)` would reach now.
        Safe to call from another thread (it reads copies)."""
        return sum(
            1
            for s in list(self._sessions.values())
            if s.agent_id == agent_id and any(self._matches(p, channel) for p in list(s.subscriptions))
        )

    def _matches(self, pattern: str, channel: str) -> bool:
        behaviour = self._behaviour
        if not behaviour.double_star_matches_deeper and pattern.endswith("/**"):
            pattern = pattern[:-1]
        return matches(
            pattern,
            channel,
            star_is_deep=behaviour.star_matches_deeper,
            parent_too=behaviour.wildcard_matches_parent,
            loose_prefix=behaviour.wildcard_matches_prefix,
        )

    def wait_until(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Block (from another thread, e.g. a test) until `predicate()` holds or `timeout` s
        pass. Woken by every change of sessions, subscriptions or held connects (handshake,
        (un)subscribe, connect start and end, sweep, disconnect, drop), so nothing polls on a
        fixed sleep. Returns the last value."""
        with self._changed:
            return self._changed.wait_for(predicate, timeout)

    # ------------------------------------------------------------------ delivery

    def _delivery_delay(self, data: dict[str, Any]) -> float:
        """Seconds between publishing an event and queueing it for its sessions: the simulated
        latency (the REST answer waits as long), plus the behaviour's late delivery if any."""
        self._published += 1
        delay = self._config.latency_ms / 1000
        if self._behaviour.late_delivery_s is not None:
            # Seeded by the event's rank and its request's referenceId: a run that sends the
            # same requests in the same order gets the same delays.
            seed = f"{self._published}:{data.get('referenceId')}"
            delay += random.Random(seed).uniform(*self._behaviour.late_delivery_s)
        return delay

    def _enqueue(self, session: _Session, event: Message) -> None:
        if session.removed:
            return
        session.queue.append(dict(event))
        session.wake.set()
        socket = session.socket
        if socket is not None and not socket.closed and session.held == 0:
            # No connect is held on the socket: push the event frame at once.
            self._spawn(self._flush(session, socket))

    async def _flush(self, session: _Session, socket: _Socket) -> None:
        while not session.held and session.socket is socket and session.queue:
            events = session.drain(self._events_per_delivery)
            if not await socket.send(events):
                session.requeue(events)
                return

    async def _deliver_delayed(self) -> None:
        """Simulated notification latency: FIFO, so events keep their order."""
        assert self._delayed is not None
        loop = asyncio.get_running_loop()
        while True:
            due, targets, event = await self._delayed.get()
            delay = due - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)  # simulated latency (config.latency_ms), bounded
            for session in targets:
                self._enqueue(session, event)

    def _spawn(self, coro: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    # ------------------------------------------------------------------ sessions

    def _remove(self, session: _Session, reason: str) -> None:
        if self._sessions.get(session.client_id) is session:
            del self._sessions[session.client_id]
            self._client_ids.release(session.client_id)
        session.removed = reason
        session.wake.set()
        if session.socket is not None:
            session.socket.sessions.discard(session)
        self._notify()

    def _notify(self) -> None:
        with self._changed:
            self._changed.notify_all()

    async def _sweep_loop(self) -> None:
        max_interval = self._config.bayeux_max_interval_ms / 1000
        tick = min(1.0, max(0.02, max_interval / 4))
        while not self._closing:
            try:
                await asyncio.wait_for(self._stop.wait(), tick)
            except TimeoutError:
                pass
            self._sweep()

    def _sweep(self) -> None:
        if not self._behaviour.expire_idle_sessions:
            return
        limit = self._config.bayeux_max_interval_ms / 1000
        now = time.monotonic()
        for session in [s for s in self._sessions.values() if s.held == 0 and now - s.last_seen > limit]:
            self._remove(session, "expired")

    def _session_for(self, message: Message, context: _Context) -> _Session | None:
        client_id = message.get("clientId")
        session = self._sessions.get(client_id) if isinstance(client_id, str) else None
        if session is None:
            return None
        if session.agent_id != context.agent_id and self._behaviour.session_bound_to_agent:
            return None  # another agent's session: refused as unknown, and left untouched
        return session

    # ------------------------------------------------------------------ replies

    def _reply(self, message: Message, **fields: Any) -> Message:
        reply: Message = {"channel": message.get("channel")}
        if "id" in message and self._behaviour.echo_id:
            if isinstance(message["id"], str) or self._behaviour.echo_numeric_id:
                reply["id"] = message["id"]
        reply.update(fields)
        return reply

    def _error(self, message: Message, error: str, **fields: Any) -> Message:
        if not self._behaviour.error_code_args_message:
            error = error.split(":", 2)[-1]  # "402::Unknown client" -> "Unknown client"
        reply = self._reply(message, successful=False, error=error, **fields)
        if self._behaviour.errors_as == "faye" and reply["channel"] in ("/meta/handshake", "/meta/connect"):
            reply["advice"] = {"reconnect": "handshake"}  # faye advises every failed handshake or connect so
        return reply

    def _unknown_client(self, message: Message) -> Message:
        if self._behaviour.errors_as == "faye":
            client_id = message.get("clientId")
            return self._error(message, f"401:{client_id if isinstance(client_id, str) else ''}:Unknown client")
        reply = self._error(message, "402::Unknown client")
        if self._behaviour.unknown_client_advises_handshake:
            reply["advice"] = {"reconnect": "handshake", "interval": 0}
        return reply

    def _connect_answer(self, hold: _Hold, reply: Message) -> list[Message]:
        """A held connect's part of the answer: the events it releases and its reply."""
        if not self._behaviour.replaced_connect_has_successful and hold.superseded:
            reply = {k: v for k, v in reply.items() if k != "successful"}
        if self._behaviour.connect_reply_first:
            return [reply, *hold.events]  # faye puts the connect reply first
        return [*hold.events, reply]

    def _retry_advice(self) -> Message:
        return {"reconnect": "retry", "interval": self._interval_ms, "timeout": self._timeout_ms}

    # ------------------------------------------------------------------ message handling

    def _dispatch(self, messages: list[object], context: _Context) -> tuple[list[Message], list[_Hold]]:
        """Immediate replies, and the connects still to be held (their replies come later)."""
        if not self._behaviour.process_whole_batch:
            messages = messages[:1]
        for message in messages:
            if isinstance(message, dict) and message.get("channel") == "/meta/handshake":
                # A handshake in a batch: the other messages of that batch are ignored.
                if self._behaviour.handshake_batch_ignores_others:
                    return [self._handshake(message, context)], []
        replies: list[Message] = []
        holds: list[_Hold] = []
        for message in messages:
            result = self._handle(message, context)
            if isinstance(result, _Hold):
                holds.append(result)
            else:
                replies.append(result)
        if not self._behaviour.hold_batched_connects and len(messages) > 1:
            for hold in holds:
                hold.timeout = 0  # CometD suspends a connect only when it came alone
        return replies, holds

    def _handle(self, message: object, context: _Context) -> Message | _Hold:
        if not isinstance(message, dict):
            return {"successful": False, "error": "400::message_not_an_object"}
        channel = message.get("channel")
        if not isinstance(channel, str) or not channel:
            reply: Message = {"successful": False, "error": "400::channel_missing"}
            if "id" in message and self._behaviour.echo_id:
                reply["id"] = message["id"]
            return reply
        if channel == "/meta/handshake":  # only under a fault: _dispatch answers a handshake alone
            return self._handshake(message, context)
        if channel == "/meta/connect":
            return self._connect(message, context)
        if channel in ("/meta/subscribe", "/meta/unsubscribe"):
            return self._subscription(message, context, subscribe=channel == "/meta/subscribe")
        if channel == "/meta/disconnect":
            return self._disconnect(message, context)
        if is_meta(channel):
            return self._error(message, f"404:{channel}:unknown_channel")
        return self._publish_from_client(message, context)

    def _handshake(self, message: Message, context: _Context) -> Message:
        behaviour = self._behaviour
        if context.agent_id is None and behaviour.handshake_needs_credentials:
            return self._error(message, "403::Handshake denied", advice={"reconnect": "none"})
        # CometD's servers check neither the version nor the connection types of a handshake.
        validate = behaviour.check_handshake
        version = message.get("version")
        if validate and (not isinstance(version, str) or not version) and behaviour.handshake_needs_version:
            return self._error(message, "402:version:Missing required parameter", advice={"reconnect": "none"})
        if validate and isinstance(version, str) and version and version.split(".")[0] != "1":
            return self._error(
                message,
                f"300:{BAYEUX_VERSION}:version_mismatch",
                version=BAYEUX_VERSION,
                advice={"reconnect": "none"},
            )
        offered = message.get("supportedConnectionTypes")
        if validate and (not isinstance(offered, list) or not offered):
            return self._error(
                message, "402:supportedConnectionTypes:Missing required parameter", advice={"reconnect": "none"}
            )
        common = isinstance(offered, list) and any(t in self._connection_types for t in offered if isinstance(t, str))
        if validate and not common and behaviour.handshake_needs_common_transport:
            assert isinstance(offered, list)  # with validate, anything else was refused above
            types = ",".join(str(t) for t in offered)
            return self._error(
                message,
                f"301:{types}:Connection types not supported",
                version=BAYEUX_VERSION,
                supportedConnectionTypes=list(self._connection_types),
                advice={"reconnect": "none"},
            )
        reused = None if behaviour.handshake_new_session else self._live_session_of(context.agent_id)
        session = reused or _Session(self._client_ids.issue(), context.agent_id)
        self._sessions[session.client_id] = session
        self._notify()
        advertised = [
            t
            for t in self._connection_types
            if (t != LONG_POLLING or behaviour.advertise_long_polling) and (t != WEBSOCKET or behaviour.advertise_websocket)
        ]
        advice = self._retry_advice()
        advice["reconnect"] = behaviour.handshake_reconnect_advice
        reply = self._reply(
            message,
            version=behaviour.reply_version,
            minimumVersion=BAYEUX_VERSION,
            supportedConnectionTypes=advertised,
            successful=True,
            advice=advice,
        )
        if behaviour.handshake_gives_client_id:
            reply["clientId"] = session.client_id
        return reply

    def _live_session_of(self, agent_id: str | None) -> _Session | None:
        return next((s for s in self._sessions.values() if agent_id is not None and s.agent_id == agent_id), None)

    def _connect(self, message: Message, context: _Context) -> Message | _Hold:
        behaviour = self._behaviour
        session = self._session_for(message, context)
        if session is None:
            anonymous = "clientId" not in message and not behaviour.connect_needs_client_id
            if not behaviour.refuse_unknown_client or anonymous:
                return self._reply(message, successful=True, advice=self._retry_advice())
            return self._unknown_client(message)
        connection_type = message.get("connectionType")
        if not isinstance(connection_type, str) or not connection_type:
            if behaviour.connect_needs_connection_type:
                return self._error(message, "402:connectionType:Missing required parameter", advice=self._retry_advice())
            connection_type = context.transport
        if connection_type not in self._connection_types:
            return self._error(
                message, f"301:{connection_type}:Connection type not supported", advice={"reconnect": "handshake"}
            )
        if context.socket is not None and session.socket is not context.socket:
            if session.socket is not None:
                session.socket.sessions.discard(session)
            session.socket = context.socket
            context.socket.sessions.add(session)
        elif context.socket is None and session.socket is not None:
            session.socket.sessions.discard(session)
            session.socket = None
        timeout: float = self._timeout_ms
        advice = message.get("advice")
        if isinstance(advice, dict) and behaviour.connect_honours_timeout_advice:
            asked = advice.get("timeout")
            if isinstance(asked, (int, float)) and not isinstance(asked, bool) and asked >= 0:
                timeout = min(timeout, asked)
        if not session.connected and not behaviour.hold_first_connect:
            # As CometD: the first connect after a handshake is answered at once, so that the
            # client knows it is connected (and aiocometd's open() does not wait for a hold).
            timeout = 0
        if not behaviour.hold_connects or self._closing:
            timeout = 0
        return _Hold(self, session, message, context, timeout / 1000)

    def _subscription(self, message: Message, context: _Context, *, subscribe: bool) -> Message:
        session = self._session_for(message, context)
        if session is None:
            return self._unknown_client(message)
        requested = message.get("subscription")
        names = requested if isinstance(requested, list) else [requested]
        verb = "subscribe" if subscribe else "unsubscribe"
        behaviour = self._behaviour
        if requested is None and not behaviour.subscribe_needs_subscription:
            return self._reply(message, successful=True)
        if requested is None or not names:
            return self._error(message, "403::subscription_missing", subscription=requested)
        channels: list[str] = []
        for name in names:
            if not isinstance(name, str):
                return self._error(message, "405::invalid_channel", subscription=requested)
            if is_meta(name) and behaviour.deny_meta_subscriptions:
                denial = "Forbidden channel" if behaviour.errors_as == "faye" else f"{verb}_denied"
                return self._error(message, f"403:{name}:{denial}", subscription=requested)
            if channel_error(name, wildcard_ok=True) and not (
                not behaviour.refuse_inner_wildcards and has_inner_wildcard(name)
            ):
                return self._error(message, f"405:{name}:invalid_channel", subscription=requested)
            channels.append(name)
        for name in channels:
            if is_service(name):
                continue  # accepted, never recorded: /service/** is not broadcast
            if subscribe:
                session.subscriptions.add(name)
            elif behaviour.unsubscribe_removes:
                session.subscriptions.discard(name)
        self._notify()
        reply = self._reply(message, successful=True)
        if behaviour.subscribe_echoes_subscription if subscribe else behaviour.unsubscribe_echoes_subscription:
            reply["subscription"] = requested
        return reply

    def _disconnect(self, message: Message, context: _Context) -> Message:
        session = self._session_for(message, context)
        if session is None:
            return self._unknown_client(message)
        if self._behaviour.disconnect_ends_session:
            self._remove(session, "disconnect")
        return self._reply(message, successful=True)

    def _publish_from_client(self, message: Message, context: _Context) -> Message:
        channel = message["channel"]
        if not self._behaviour.refuse_publish_to_wildcard and is_wildcard(channel) and not channel_error(channel, wildcard_ok=True):
            return self._reply(message, successful=True)
        if channel_error(channel, wildcard_ok=False):
            return self._error(message, f"405:{channel}:invalid_channel")
        if "data" not in message:
            return self._error(message, "402:data:Missing required parameter")
        if is_service(channel):
            if "clientId" in message and self._session_for(message, context) is None:
                return self._unknown_client(message)
            return self._reply(message, successful=True)
        session = self._session_for(message, context)
        if not self._behaviour.deny_client_publish and session is not None and session.agent_id is not None:
            self._spawn(self.publish(session.agent_id, channel, message["data"]))
            return self._reply(message, successful=True)
        return self._error(message, f"403:{channel}:publish_denied")

    # ------------------------------------------------------------------ transports

    async def _http_endpoint(self, request: Request) -> Response:
        if request.path_params.get("rest") and not self._behaviour.serve_sub_paths:
            return Response(status_code=404)  # only the bare CometD URL is served
        limit = self._config.max_body_bytes
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return _bad_request(f"the body exceeds {limit} bytes")
        body = bytearray()
        try:
            async for chunk in request.stream():
                body += chunk
                if len(body) > limit:
                    return _bad_request(f"the body exceeds {limit} bytes")
        except ClientDisconnect:
            return Response(status_code=400)
        try:
            messages = decode_body(bytes(body), request.headers.get("content-type", ""))
        except BadRequest as exc:
            return _bad_request(str(exc))
        refused = self._behaviour.handshake_batch_http_status
        if refused is not None and _handshake_among_others(messages):
            return Response(status_code=refused)  # CometD's "bayeux protocol violation": nothing is processed
        agent = self._auth.authenticate(request.headers, request.cookies)
        context = _Context(agent.id if agent else None, LONG_POLLING, gone=_gone_waiter(request))
        replies, holds = self._dispatch(messages, context)
        if holds:
            for hold, reply in zip(holds, await asyncio.gather(*(h.run() for h in holds)), strict=True):
                replies.extend(self._connect_answer(hold, reply))
            replaced = self._behaviour.replaced_connect_http_status
            if replaced is not None and any(h.superseded for h in holds):
                return Response(status_code=replaced)  # CometD answers a replaced connect so, without a body
        bare = not self._behaviour.reply_always_array and len(replies) == 1
        return JSONResponse(replies[0] if bare else replies)

    async def _ws_endpoint(self, websocket: WebSocket) -> None:
        agent = self._auth.authenticate(websocket.headers, websocket.cookies)
        agent_id = agent.id if agent else None
        if agent_id is None and not self._behaviour.websocket_needs_credentials:
            agent_id = "(anonymous)"
        if not self._config.websocket or agent_id is None:
            await websocket.close(code=1008)  # before accept: the upgrade is refused with HTTP 403
            return
        await websocket.accept()
        socket = _Socket(websocket)
        socket.unwrap_single = not self._behaviour.frame_always_array
        context = _Context(agent_id, WEBSOCKET, socket=socket)
        tasks: set[asyncio.Task[None]] = set()
        try:
            while True:
                frame = await websocket.receive()
                if frame["type"] == "websocket.disconnect":
                    break
                text = frame.get("text")
                if text is None and frame.get("bytes") is not None:
                    text = frame["bytes"].decode("utf-8", errors="replace")
                task = asyncio.create_task(self._ws_frame(text or "", context))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
        finally:
            socket.closed = True
            for session in list(socket.sessions):
                if session.socket is socket:
                    session.socket = None
            socket.sessions.clear()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _ws_frame(self, text: str, context: _Context) -> None:
        socket = context.socket
        assert socket is not None
        if len(text.encode("utf-8")) > self._config.max_body_bytes:
            await socket.send([{"successful": False, "error": "400::message_too_large"}])
            return
        try:
            messages = decode_frame(text)
        except BadRequest as exc:
            await socket.send([{"successful": False, "error": f"400::{exc}"}])
            return
        replies, holds = self._dispatch(messages, context)
        if not holds:
            if replies:
                await socket.send(replies)
            return
        pending = asyncio.gather(*(h.run() for h in holds))
        try:
            if replies:  # e.g. a subscribe batched with the connect: answered now, not after the hold
                await socket.send(replies)
            results = await pending
        except asyncio.CancelledError:
            pending.cancel()
            raise
        out: list[Message] = []
        for hold, reply in zip(holds, results, strict=True):
            out.extend(self._connect_answer(hold, reply))
        if not await socket.send(out):
            for hold in holds:
                hold.session.requeue(hold.events)


def _handshake_among_others(messages: list[object]) -> bool:
    return len(messages) > 1 and any(isinstance(m, dict) and m.get("channel") == "/meta/handshake" for m in messages)


def _bad_request(reason: str) -> Response:
    return JSONResponse([{"successful": False, "error": f"400::{reason}"}], status_code=400)


def _gone_waiter(request: Request) -> Callable[[], Awaitable[None]]:
    """A coroutine factory that returns once the HTTP client has disconnected."""

    async def wait() -> None:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return
        await asyncio.Future()  # no way to tell any more: never resolves (cancelled with the hold)

    return wait
