"""The Bayeux wire layer over WebSocket: each text frame is one JSON array of messages.

Replies are matched to the batch that asked for them by message id (and channel), never by
frame or position; every other message (events, unmatched or id-less meta replies) goes to
`events`, one WireReply per frame, in arrival order. The upgrade request carries the Cookie
and Authorization headers of the agent's httpx client, so the socket belongs to the same
GWS session as the REST calls.
"""

from __future__ import annotations

import asyncio
import contextvars
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus, WebSocketException

from conformance.clients.bayeux.channels import is_meta
from conformance.clients.bayeux.messages import id_key
from conformance.clients.bayeux.wire import WireReply, check_batch, encode_batch, parse_batch
from conformance.clients.http import MAX_BODY_BYTES, USER_AGENT
from conformance.clients.jsonbody import snippet
from conformance.errors import NoAnswer, TargetError
from conformance.evidence import current_recorder


class UpgradeRefused(TargetError):
    """The target answered the WebSocket upgrade with an HTTP status other than 101."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def websocket_url(url: str) -> str:
    if url.startswith("https://"):
        return "wss://" + url.removeprefix("https://")
    if url.startswith("http://"):
        return "ws://" + url.removeprefix("http://")
    return url


@dataclass
class _Exchange:
    waiting: dict[str, str]  # str(id) -> channel of each meta message still unanswered
    replies: list[dict[str, Any]] = field(default_factory=list)
    frames: list[bytes] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)


class WebSocketWire:
    transport = "websocket"

    def __init__(
        self, http: httpx.AsyncClient, url: str, *, actor: str, close_timeout: float = 2.0, context: contextvars.Context | None = None
    ) -> None:
        """`context`: that of the reader task (see BayeuxSession's `shared`)."""
        self.http = http
        self._context = context
        self.url = str(http.base_url.join(url))
        self.actor = actor
        self.close_timeout = close_timeout
        self.events: asyncio.Queue[WireReply] = asyncio.Queue()
        self.closed = asyncio.Event()
        self.close_reason: str | None = None
        self.upgrade_status: int | None = None
        self.upgrade_headers: dict[str, str] = {}
        self._ws: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._exchanges: list[_Exchange] = []
        self._send_lock = asyncio.Lock()

    @property
    def is_open(self) -> bool:
        return self._ws is not None and not self.closed.is_set()

    def credentials_headers(self) -> dict[str, str]:
        """Cookie and Authorization exactly as the httpx client would send them to `url`."""
        request = self.http.build_request("GET", self.url)
        auth = self.http.auth
        if auth is not None:
            flow = auth.sync_auth_flow(request)
            request = next(flow)
            flow.close()
        return {k: v for k, v in request.headers.items() if k in ("authorization", "cookie")}

    async def open(self, *, timeout: float) -> None:
        """Open the socket; raises TargetError (with the reason) when the target refuses it."""
        await self.close()
        self.closed = asyncio.Event()
        self.close_reason = None
        headers = self.credentials_headers()
        target = websocket_url(self.url)
        started = time.monotonic()
        try:
            self._ws = await connect(
                target,
                additional_headers=headers,
                open_timeout=timeout,
                close_timeout=self.close_timeout,
                max_size=MAX_BODY_BYTES,
                user_agent_header=USER_AGENT,
            )
        except InvalidStatus as exc:
            refusal = exc.response
            body = bytes(refusal.body) if refusal.body is not None else None
            self._record_upgrade(target, headers, refusal.status_code, dict(refusal.headers.raw_items()), body, started, None)
            raise UpgradeRefused(refusal.status_code, f"websocket upgrade refused: HTTP {refusal.status_code} {snippet(body or b'', 120)}") from None
        except (OSError, TimeoutError, WebSocketException) as exc:
            reason = f"websocket open failed: {type(exc).__name__}: {exc}"
            self._record_upgrade(target, headers, None, {}, None, started, reason)
            raise NoAnswer(reason) from None
        response = self._ws.response
        self.upgrade_status = response.status_code if response else None
        self.upgrade_headers = {k.lower(): v for k, v in response.headers.raw_items()} if response else {}
        self._record_upgrade(target, headers, self.upgrade_status, self.upgrade_headers, None, started, None)
        self._reader = asyncio.create_task(self._read(self._ws), name=f"bayeux-ws-reader-{self.actor}", context=self._context)

    def _record_upgrade(
        self, url: str, headers: dict[str, str], status: int | None, response_headers: dict[str, str], body: bytes | None, started: float, error: str | None
    ) -> None:
        current_recorder().http(self.actor, "GET", url, headers, None, status, response_headers, body, time.monotonic() - started, error)

    async def send(self, messages: Sequence[Any], *, deliberately_invalid: bool = False) -> None:
        """Send one frame; raises TargetError when the socket is not open."""
        check_batch(self.actor, messages, deliberately_invalid)
        await self._send_frame(messages, deliberately_invalid)

    async def _send_frame(self, messages: Sequence[Any], deliberately_invalid: bool) -> None:
        if not self.is_open or self._ws is None:
            raise NoAnswer(f"websocket is not open ({self.close_reason or 'never opened'})")
        current_recorder().bayeux(self.actor, "out", self.transport, [m for m in messages if isinstance(m, dict)])
        frame = encode_batch(messages, allow_nan=deliberately_invalid).decode("utf-8")
        try:
            async with self._send_lock:
                await self._ws.send(frame)
        except ConnectionClosed as exc:
            raise NoAnswer(f"websocket closed while sending: {_closed_reason(exc)}") from None

    async def exchange(self, messages: Sequence[Any], *, timeout: float, deliberately_invalid: bool = False) -> WireReply:
        """Send a batch and wait (at most `timeout`) for one reply per meta message that has an id."""
        check_batch(self.actor, messages, deliberately_invalid)
        waiting = {
            str(m["id"]): m["channel"]
            for m in messages
            if isinstance(m, dict) and is_meta(m.get("channel")) and isinstance(m.get("id"), (str, int))
        }
        pending = _Exchange(waiting)
        self._exchanges.append(pending)
        started = time.monotonic()
        error: str | None = None
        try:
            await self._send_frame(messages, deliberately_invalid)
            if waiting:
                async with asyncio.timeout(timeout):
                    await pending.done.wait()
        except TargetError as exc:
            error = str(exc)
        except TimeoutError:
            error = f"timeout: no reply to id(s) {', '.join(sorted(pending.waiting))} within {timeout:g} s"
        finally:
            self._exchanges.remove(pending)
        if error is None and pending.waiting:
            error = f"websocket closed before the reply to id(s) {', '.join(sorted(pending.waiting))}: {self.close_reason}"
        return WireReply(None, {}, pending.replies, b"\n".join(pending.frames), time.monotonic() - started, error, pending.problems, started)

    async def _read(self, ws: ClientConnection) -> None:
        try:
            async for frame in ws:
                self._dispatch(frame)
            self.close_reason = _closed_reason(None, ws)
        except ConnectionClosed as exc:
            self.close_reason = _closed_reason(exc)
        finally:
            self.closed.set()
            for pending in self._exchanges:
                pending.done.set()

    def _dispatch(self, frame: str | bytes) -> None:
        received = time.monotonic()
        raw = frame.encode("utf-8") if isinstance(frame, str) else frame
        messages, error, problems = parse_batch(raw)
        if isinstance(frame, bytes):
            problems.insert(0, "binary frame (Bayeux frames are text)")
        if messages:
            current_recorder().bayeux(self.actor, "in", self.transport, messages)
        unmatched: list[dict[str, Any]] = []
        answered: list[_Exchange] = []
        for message in messages:
            pending = self._claim(message)
            if pending is None:
                unmatched.append(message)
            else:
                pending.replies.append(message)
                if pending not in answered:
                    answered.append(pending)
        for pending in answered:
            pending.frames.append(raw)
            pending.problems.extend(problems)
            if not pending.waiting:
                pending.done.set()
        if unmatched or (not answered and (error or problems)):
            self.events.put_nowait(WireReply(None, {}, unmatched, raw, 0.0, error, [] if answered else problems, received))

    def _claim(self, message: dict[str, Any]) -> _Exchange | None:
        """The exchange waiting for this message's id (on its channel, or with no channel)."""
        key = id_key(message.get("id"))
        if key is None:
            return None
        for pending in self._exchanges:
            channel = pending.waiting.get(key)
            if channel is not None and message.get("channel") in (channel, None):
                del pending.waiting[key]
                return pending
        return None

    async def close(self) -> None:
        ws, reader = self._ws, self._reader
        self._ws = self._reader = None
        if ws is not None:
            await ws.close()
        if reader is not None:
            reader.cancel()
            await asyncio.wait([reader])
        if ws is not None:
            self.closed.set()
            self.close_reason = self.close_reason or "closed by the client"


def _closed_reason(exc: ConnectionClosed | None, ws: ClientConnection | None = None) -> str:
    if exc is not None:
        return str(exc)
    if ws is not None and ws.close_code is not None:
        return f"closed with code {ws.close_code} {ws.close_reason or ''}".strip()
    return "closed"
