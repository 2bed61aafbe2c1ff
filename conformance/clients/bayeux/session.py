"""The Bayeux session layer: handshake, a background connect loop that follows the server's
advice, (un)subscribe, disconnect, and an inbox of everything delivered.

Feature checks use it ("after POST ..., a /v2/me/emails message arrives"). It hides nothing:
every meta reply lands in `meta_log`, every oddity (a reply without id, a failed connect, a
body that is not an array, a delivery nobody subscribed to) in `failures`, and every
exchange in the current evidence recorder.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from typing import Any, Literal, TypeGuard

import httpx

from conformance.clients.bayeux import messages as bx
from conformance.clients.bayeux.channels import channel_matches, is_meta, is_service
from conformance.clients.bayeux.inbox import Inbox
from conformance.clients.bayeux.websocket import WebSocketWire
from conformance.clients.bayeux.wire import LongPollingWire, WireReply
from conformance.errors import TargetError
from conformance.evidence import current_recorder, shared_context
from conformance.clients.stream_health import StreamHealth

Transport = Literal["long-polling", "websocket"]

# What a client assumes before the server advises otherwise (CometD's defaults).
DEFAULT_HOLD_SECONDS = 30.0
# A target advertising an absurd hold must not keep a connect outstanding for hours.
MAX_HOLD_SECONDS = 600.0
RECONNECT_ACTIONS = ("retry", "handshake", "none")


class BayeuxSession:
    """One agent's CometD session. Typical use: `handshake` -> `start` -> `subscribe` ->
    `inbox.wait_for(...)` -> `disconnect` or `close`. Requests never raise for what the
    target does (the returned WireReply says it); only our own invalid requests raise
    HarnessError."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        url: str,
        *,
        actor: str,
        transport: Transport = "long-polling",
        hold_margin: float = 5.0,
        request_timeout: float = 10.0,
        max_backoff: float = 10.0,
        append_message_type: bool = False,
        health: StreamHealth | None = None,
        shared: bool = False,
    ) -> None:
        """`shared`: the session outlives the check that opens it and serves every check (an
        agent's own); its background tasks record into whichever check is current, never into
        the one that happened to open it."""
        if transport not in ("long-polling", "websocket"):
            raise ValueError(f"unknown Bayeux transport {transport!r}")
        self.actor = actor
        self.transport: Transport = transport
        self.hold_margin = hold_margin
        self.request_timeout = request_timeout
        self.max_backoff = max_backoff
        self.ids = bx.MessageIds()
        # The wires are public: a protocol check may send its own (odd) batches in this session.
        self.wire = LongPollingWire(http, url, actor=actor, append_message_type=append_message_type)
        self._context = shared_context() if shared else None  # of the background tasks
        self.socket = WebSocketWire(http, url, actor=actor, context=self._context) if transport == "websocket" else None

        self.handshake_reply: dict[str, Any] | None = None
        self.client_id: str | None = None
        self.advice: dict[str, Any] = {}  # the latest advice received, as sent
        self.subscriptions: set[str] = set()  # confirmed by the server
        # Told how the connect loop fares: a stream that cannot deliver ends the inbox's waits.
        self.health = health
        self.inbox = Inbox(health)
        self.meta_log: list[tuple[float, dict[str, Any]]] = []
        self.connected = asyncio.Event()
        self.failures: list[str] = []
        self.stopped_reason: str | None = None  # why the connect loop gave up, if it did
        self.connects = 0  # connect replies (or failures) seen by the loop

        self._interest: set[str] = set()  # subscribed or being subscribed: deliveries expected
        self._handshake_ext: dict[str, Any] | None = None
        self._changed = asyncio.Condition()
        self._stop = asyncio.Event()
        self._loop_task: asyncio.Task[None] | None = None
        self._pump_task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> BayeuxSession:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    # -- requests ----------------------------------------------------------------------
    async def handshake(self, *, timeout: float, ext: dict[str, Any] | None = None) -> WireReply:
        """Handshake (over the session's transport); the caller judges the returned reply."""
        self._handshake_ext = ext
        offered = ["websocket", "long-polling"] if self.transport == "websocket" else ["long-polling"]
        message = bx.handshake(self.ids.next(), offered, ext=ext)
        reply = await self._send([message], timeout=timeout, context="handshake")
        answer = reply.reply_to(message["id"], bx.HANDSHAKE)
        self.handshake_reply = answer
        client_id = answer.get("clientId") if answer else None
        if answer is not None and answer.get("successful") is True and isinstance(client_id, str) and client_id:
            self.client_id = client_id
            if not isinstance(answer.get("advice"), dict):
                self.advice = {}  # a new session starts from the defaults
            types = answer.get("supportedConnectionTypes")
            if not isinstance(types, list) or self.transport not in types:
                self._failure(f"handshake: supportedConnectionTypes {types!r} does not offer {self.transport}")
        else:
            self.client_id = None
            if answer is not None and answer.get("successful") is True:
                self._failure(f"handshake: successful reply without a usable clientId ({client_id!r})")
            elif answer is not None or reply.error is None:
                self._failure(f"handshake: {bx.reply_error(answer)}")
        await self._notify()
        return reply

    async def subscribe(self, channel_or_list: str | list[str], *, timeout: float, deliberately_invalid: bool = False) -> WireReply:
        return await self._subscription(bx.SUBSCRIBE, channel_or_list, timeout, deliberately_invalid)

    async def unsubscribe(self, channel_or_list: str | list[str], *, timeout: float, deliberately_invalid: bool = False) -> WireReply:
        return await self._subscription(bx.UNSUBSCRIBE, channel_or_list, timeout, deliberately_invalid)

    async def _subscription(self, channel: str, subscription: str | list[str], timeout: float, deliberately_invalid: bool) -> WireReply:
        verb = channel.removeprefix("/meta/")
        if self.client_id is None:
            return self._without_session(verb)
        channels = {subscription} if isinstance(subscription, str) else set(subscription)
        if channel == bx.SUBSCRIBE:
            self._interest |= channels  # events may race ahead of the reply
        build = bx.subscribe if channel == bx.SUBSCRIBE else bx.unsubscribe
        message = build(self.ids.next(), self.client_id, subscription)
        reply = await self._send([message], timeout=timeout, context=verb, deliberately_invalid=deliberately_invalid)
        answer = reply.reply_to(message["id"], channel)
        succeeded = answer is not None and answer.get("successful") is True
        if channel == bx.SUBSCRIBE:
            if succeeded:
                self.subscriptions |= channels
            else:
                self._interest -= channels - self.subscriptions
        elif succeeded:
            self.subscriptions -= channels
            self._interest -= channels
        if not succeeded and (answer is not None or reply.error is None):
            self._failure(f"{verb} {sorted(channels)}: {bx.reply_error(answer)}")
        await self._notify()
        return reply

    async def disconnect(self, *, timeout: float) -> WireReply:
        """End the session: no reconnection; waits (at most `timeout`) for the held connect to end."""
        self._stop.set()
        if self.client_id is None:
            await self._stop_loop(0)
            return self._without_session("disconnect")
        message = bx.disconnect(self.ids.next(), self.client_id)
        reply = await self._send([message], timeout=timeout, context="disconnect")
        answer = reply.reply_to(message["id"], bx.DISCONNECT)
        if answer is None or answer.get("successful") is not True:
            if answer is not None or reply.error is None:
                self._failure(f"disconnect: {bx.reply_error(answer)}")
        await self._stop_loop(timeout)
        self.client_id = None
        self.subscriptions.clear()
        self._interest.clear()
        self.connected.clear()
        await self._notify()
        return reply

    async def close(self) -> None:
        """Stop everything at once (the held connect is cancelled); sends nothing."""
        self._stop.set()
        await self._stop_loop(0)
        if self._pump_task is not None:
            self._pump_task.cancel()
            await asyncio.wait([self._pump_task])
            self._pump_task = None
        if self.socket is not None:
            await self.socket.close()
        self.connected.clear()

    async def wait_until(self, predicate: Callable[[BayeuxSession], bool], *, timeout: float) -> bool:
        """Wait (event-driven, at most `timeout` s) until `predicate(self)` holds after some reply."""
        try:
            async with asyncio.timeout(timeout):
                async with self._changed:
                    await self._changed.wait_for(lambda: predicate(self))
            return True
        except TimeoutError:
            return False

    # -- the connect loop ------------------------------------------------------------
    async def start(self) -> None:
        """Run the connect loop in the background (handshaking first if there is no session)."""
        if self._loop_task is not None and not self._loop_task.done():
            return
        self._stop.clear()
        self.stopped_reason = None
        self._loop_task = asyncio.create_task(self._run(), name=f"bayeux-connect-loop-{self.actor}", context=self._context)

    async def _run(self) -> None:
        try:
            await self._connect_loop()
        except Exception as exc:  # noqa: BLE001 - e.g. HarnessError from our own schema check
            # A background task must not die silently: stop visibly, with the reason.
            await self._halt_stream(f"internal error: {type(exc).__name__}: {exc}")

    async def _connect_loop(self) -> None:
        failures_in_row = 0
        fresh = True  # first connect of a session (or after a failure): ask for an immediate answer
        while not self._stop.is_set():
            if self.client_id is None:
                shake = await self.handshake(timeout=self.request_timeout, ext=self._handshake_ext)
                if self._stop.is_set():
                    return
                if self.client_id is None:
                    failures_in_row += 1
                    await self._judge_stream(self.handshake_reply, answered=not shake.unanswered, what="handshake")
                    if not await self._follow_advice(failed=True, answer=self.handshake_reply, failures_in_row=failures_in_row, what="handshake"):
                        return
                    continue
                fresh = True
                if self.subscriptions:
                    await self._resubscribe()
            message = bx.connect(self.ids.next(), self.client_id, self.transport, advice={"timeout": 0} if fresh else None)
            # Bounded by the advertised hold even when asking for timeout 0 (servers SHOULD honour it, may not).
            reply = await self._send([message], timeout=self._hold_seconds() + self.hold_margin, context="connect")
            self.connects += 1
            answer = reply.reply_to(message["id"], bx.CONNECT)
            succeeded = answer is not None and answer.get("successful") is True
            if succeeded:
                failures_in_row = 0
                fresh = False
                self.connected.set()
            else:
                failures_in_row += 1
                fresh = True
                self.connected.clear()
                # A connect our own disconnect ended (faye answers it "Unknown client") is no failure.
                if not self._stop.is_set() and (answer is not None or reply.error is None):
                    self._failure(f"connect: {bx.reply_error(answer)}")
            await self._notify()
            if self._stop.is_set():
                return
            await self._judge_stream(answer, answered=not reply.unanswered, what="connect")
            if not await self._follow_advice(failed=not succeeded, answer=answer, failures_in_row=failures_in_row, what="connect"):
                return

    async def _judge_stream(self, answer: dict[str, Any] | None, *, answered: bool, what: str) -> None:
        """Tell the stream's health how a request of the loop fared. A request the target left
        unanswered says nothing of the stream (the reachability guard judges silence)."""
        if self.health is None:
            return
        if what == "connect" and answer is not None and answer.get("successful") is True:
            self.health.connect_succeeded()
        elif answered and self.health.connect_failed(what, bx.reply_error(answer)):
            await self._stream_broke()

    async def _follow_advice(self, *, failed: bool, answer: dict[str, Any] | None, failures_in_row: int, what: str) -> bool:
        """Wait as the advice says before the next request; False when the loop must stop."""
        action = self._reconnect()
        if action == "none":
            await self._halt_stream(f"{what}: advice reconnect={self._effective_advice().get('reconnect')!r}")
            return False
        interval = self._interval_seconds()
        if interval < 0:
            await self._halt_stream(f"{what}: advice interval {interval * 1000:g} ms < 0 (do not retry)")
            return False
        if action == "handshake" and self.client_id is not None:
            self._failure(f"{what}: advice reconnect=handshake; re-handshaking")
            self.client_id = None
            self.connected.clear()
        delay = interval
        advised = answer is not None and isinstance(answer.get("advice"), dict)
        if failed and (not advised or failures_in_row > 1):
            # Back off when failing without new advice, and when advice alone does not help.
            delay = max(delay, min(self.max_backoff, 0.25 * 2 ** (failures_in_row - 1)))
        await self._pause(delay)
        return not self._stop.is_set()

    async def _resubscribe(self) -> None:
        assert self.client_id is not None
        channels = sorted(self.subscriptions)
        batch = [bx.subscribe(self.ids.next(), self.client_id, channel) for channel in channels]
        reply = await self._send(batch, timeout=self.request_timeout, context="re-subscribe")
        for channel, message in zip(channels, batch):
            answer = reply.reply_to(message["id"], bx.SUBSCRIBE)
            if answer is None or answer.get("successful") is not True:
                self.subscriptions.discard(channel)
                self._interest.discard(channel)
                if answer is not None or reply.error is None:
                    self._failure(f"re-subscribe {channel}: {bx.reply_error(answer)}")

    async def _pause(self, seconds: float) -> None:
        """Honour an advised delay; returns at once when the session is stopped."""
        if seconds <= 0:
            return
        try:
            async with asyncio.timeout(seconds):
                await self._stop.wait()
        except TimeoutError:
            pass

    async def _stop_loop(self, grace: float) -> None:
        task = self._loop_task
        if task is None:
            return
        if not task.done() and grace > 0:
            await asyncio.wait([task], timeout=grace)
        if not task.done():
            task.cancel()
            await asyncio.wait([task])
        self._loop_task = None

    # -- advice ------------------------------------------------------------------------
    def _effective_advice(self) -> dict[str, Any]:
        nested = self.advice.get(self.transport)
        return {**self.advice, **nested} if isinstance(nested, dict) else self.advice

    def _reconnect(self) -> str:
        value = self._effective_advice().get("reconnect", "retry")
        return value if value in RECONNECT_ACTIONS else "none"

    def _hold_seconds(self) -> float:
        value = self._effective_advice().get("timeout")
        if _is_number(value) and value >= 0:
            return min(value / 1000, MAX_HOLD_SECONDS)
        return DEFAULT_HOLD_SECONDS

    def _interval_seconds(self) -> float:
        value = self._effective_advice().get("interval")
        return min(value / 1000, MAX_HOLD_SECONDS) if _is_number(value) else 0.0

    def _take_advice(self, advice: dict[str, Any], context: str) -> None:
        self.advice = dict(advice)
        effective = self._effective_advice()
        reconnect = effective.get("reconnect")
        if reconnect is not None and reconnect not in RECONNECT_ACTIONS:
            self._failure(f"{context}: advice reconnect={reconnect!r} is not retry|handshake|none (treated as none)")
        for name in ("interval", "timeout"):
            if name in effective and not _is_number(effective[name]):
                self._failure(f"{context}: advice {name}={effective[name]!r} is not a number (ignored)")

    # -- transport and bookkeeping -----------------------------------------------------
    async def _send(self, batch: Sequence[Any], *, timeout: float, context: str, deliberately_invalid: bool = False) -> WireReply:
        if self.socket is None:
            reply = await self.wire.send(batch, timeout=timeout, deliberately_invalid=deliberately_invalid)
        else:
            problem = await self._ensure_socket(timeout)
            if problem is None:
                reply = await self.socket.exchange(batch, timeout=timeout, deliberately_invalid=deliberately_invalid)
            else:
                reply = WireReply(None, {}, [], b"", 0.0, problem, [], time.monotonic())
        await self._absorb(reply, batch, context)
        return reply

    async def _ensure_socket(self, timeout: float) -> str | None:
        assert self.socket is not None
        if not self.socket.is_open:
            try:
                await self.socket.open(timeout=timeout)
            except TargetError as exc:
                return str(exc)
        if self._pump_task is None or self._pump_task.done():
            self._pump_task = asyncio.create_task(self._pump(), name=f"bayeux-ws-pump-{self.actor}", context=self._context)
        return None

    async def _pump(self) -> None:
        """Frames the socket did not match to a request: events, stray meta replies."""
        assert self.socket is not None
        while True:
            frame = await self.socket.events.get()
            await self._absorb(frame, (), "websocket frame")

    async def _absorb(self, reply: WireReply, sent: Sequence[Any], context: str) -> None:
        received = reply.started + reply.elapsed
        # A held connect cut short because we are disconnecting (e.g. the server closes the
        # socket after /meta/disconnect, as faye does) is the expected end, not a failure.
        ending = context == "connect" and self._stop.is_set()
        if reply.error is not None and not ending:
            self._failure(f"{context}: {reply.error}")
        for problem in reply.problems:
            self._failure(f"{context}: {problem}")
        sent_ids = {bx.id_key(m.get("id")) for m in sent if isinstance(m, dict) and m.get("id") is not None}
        for message in reply.messages:
            channel = message.get("channel")
            key = bx.id_key(message.get("id"))
            if is_meta(channel) or (channel is None and key in sent_ids):
                self.meta_log.append((received, message))
                self._check_meta_reply(message, key, sent_ids, bool(sent), context)
            else:
                await self._deliver(message, received, context)
        await self._notify()

    def _check_meta_reply(self, message: dict[str, Any], key: str | None, sent_ids: set[str | None], solicited: bool, context: str) -> None:
        channel = message.get("channel")
        if channel is None:
            self._failure(f"{context}: reply to id {message.get('id')!r} has no channel")
        elif key is None:
            self._failure(f"{context}: {channel} reply without id")
        elif not solicited:
            self._failure(f"{context}: {channel} reply (id {message.get('id')!r}) matches no pending request")
        elif key not in sent_ids:
            self._failure(f"{context}: {channel} reply with id {message.get('id')!r}, which we did not send")
        if isinstance(message.get("advice"), dict):
            self._take_advice(message["advice"], context)
        elif "advice" in message:
            self._failure(f"{context}: {channel} reply has a non-object advice {message['advice']!r}")

    async def _deliver(self, message: dict[str, Any], received: float, context: str) -> None:
        delivery = await self.inbox.add(message, received)
        if context == "handshake":
            self._failure("handshake: the answer carries a non-meta message (not allowed in a handshake response)")
        if delivery.channel is None:
            self._failure(f"{context}: delivery #{delivery.index} has no channel")
        elif not is_service(delivery.channel) and not any(channel_matches(p, delivery.channel) for p in self._interest):
            self._failure(f"{context}: delivery #{delivery.index} on {delivery.channel} matches no subscription of this session")

    def _without_session(self, verb: str) -> WireReply:
        reason = f"no Bayeux session: {verb} needs a clientId (handshake first)"
        self._failure(reason)
        return WireReply(None, {}, [], b"", 0.0, reason, [], time.monotonic())

    def _failure(self, text: str) -> None:
        self.failures.append(text)
        current_recorder().note(self.actor, f"bayeux session: {text}")

    def _halt(self, reason: str) -> None:
        self.stopped_reason = reason
        self.connected.clear()
        self._failure(f"connect loop stopped: {reason}")

    async def _halt_stream(self, reason: str) -> None:
        """The loop stops for good while the session should listen: nothing more can arrive."""
        self._halt(reason)
        if self.health is not None and not self._stop.is_set() and self.health.loop_stopped(reason):
            await self._stream_broke()

    async def _stream_broke(self) -> None:
        """Wake every wait on this session: each ends at once on the broken stream."""
        await self.inbox.stream_changed()
        await self._notify()

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()



def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
