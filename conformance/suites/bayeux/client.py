"""A raw Bayeux client for protocol checks: one batch at a time, no background connect loop.

The check decides every message and sees every reply; replies are located by channel and id
(`verify.bayeux.answer_to`), never by position. The same client speaks long-polling or
websocket; the socket is opened (with the agent's credentials) on first use.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from conformance.clients.bayeux import messages as bx
from conformance.clients.bayeux.websocket import WebSocketWire
from conformance.clients.bayeux.wire import LongPollingWire, WireReply, why_meta_failed
from conformance.errors import Blocked, TargetError

LONG_POLLING = "long-polling"
WEBSOCKET = "websocket"


@dataclass
class Exchange:
    """One request and the answer it got."""

    message: dict[str, Any]
    reply: WireReply

    @property
    def answer(self) -> dict[str, Any] | None:
        return self.reply.reply_to(self.message.get("id"), self.message.get("channel"))

    def deliveries(self, channel: str | None = None) -> list[dict[str, Any]]:
        """The non-meta messages that came with the answer (on `channel`, if given)."""
        return [m for m in self.reply.deliveries if channel is None or m.get("channel") == channel]


class BayeuxClient:
    def __init__(self, http: httpx.AsyncClient, url: str, *, actor: str, transport: str, request_timeout: float) -> None:
        self.http = http
        self.actor = actor
        self.transport = transport
        self.request_timeout = request_timeout
        self.wire = LongPollingWire(http, url, actor=actor)
        self.socket = WebSocketWire(http, url, actor=actor) if transport == WEBSOCKET else None
        self._ids = bx.MessageIds()
        self.client_id: str | None = None
        self.advice: dict[str, Any] = {}  # the latest advice received

    def next_id(self) -> str:
        return self._ids.next()

    # -- messages ----------------------------------------------------------------------

    def handshake_message(self, **overrides: Any) -> dict[str, Any]:
        message = bx.handshake(self.next_id(), [self.transport])
        message.update(overrides)
        return message

    def connect_message(self, *, client_id: str | None = None, advice: dict[str, Any] | None = None) -> dict[str, Any]:
        return bx.connect(self.next_id(), client_id or self._require_client_id(), self.transport, advice=advice)

    def subscribe_message(self, subscription: str | list[str]) -> dict[str, Any]:
        return bx.subscribe(self.next_id(), self._require_client_id(), subscription)

    def unsubscribe_message(self, subscription: str | list[str]) -> dict[str, Any]:
        return bx.unsubscribe(self.next_id(), self._require_client_id(), subscription)

    def disconnect_message(self) -> dict[str, Any]:
        return bx.disconnect(self.next_id(), self._require_client_id())

    def publish_message(self, channel: str, data: Any) -> dict[str, Any]:
        return {"channel": channel, "data": data, "clientId": self._require_client_id(), "id": self.next_id()}

    def _require_client_id(self) -> str:
        if self.client_id is None:
            raise Blocked(f"{self.actor}: handshake", "this step needs a clientId; the client has none")
        return self.client_id

    # -- exchanges ---------------------------------------------------------------------

    async def send(self, batch: Sequence[Any], *, timeout: float | None = None, deliberately_invalid: bool = False) -> WireReply:
        """Send one batch on the client's transport; the answer as it came."""
        timeout = timeout or self.request_timeout
        if self.socket is None:
            reply = await self.wire.send(batch, timeout=timeout, deliberately_invalid=deliberately_invalid)
        else:
            if not self.socket.is_open:
                await self.socket.open(timeout=self.request_timeout)  # TargetError when refused
            reply = await self.socket.exchange(batch, timeout=timeout, deliberately_invalid=deliberately_invalid)
        for message in reply.meta:
            if isinstance(message.get("advice"), dict):
                self.advice = message["advice"]
        return reply

    async def ask(self, message: dict[str, Any], *, timeout: float | None = None, deliberately_invalid: bool = False) -> Exchange:
        return Exchange(message, await self.send([message], timeout=timeout, deliberately_invalid=deliberately_invalid))

    async def timed(self, message: dict[str, Any], *, timeout: float) -> tuple[Exchange, float]:
        """Send one message and measure how long its answer took (seconds)."""
        started = time.monotonic()
        sent = await self.ask(message, timeout=timeout)
        return sent, time.monotonic() - started

    # -- preconditions (a failure blocks the check, naming the step) ------------------

    async def open(self) -> dict[str, Any]:
        """Handshake; Blocked unless it succeeds with a clientId."""
        sent = await self._precondition(self.handshake_message(), "handshake")
        # Located by id, or else as the one handshake reply: a target that drops ids is judged
        # by the id checks, not blocked here.
        answer = sent.answer or _lone(sent.reply.by_channel(bx.HANDSHAKE))
        client_id = answer.get("clientId") if answer else None
        if answer is None or answer.get("successful") is not True or not isinstance(client_id, str) or not client_id:
            raise Blocked(f"{self.actor}: handshake", f"no session: {why_meta_failed(sent.reply, answer, bx.HANDSHAKE)}")
        self.client_id = client_id
        return answer

    async def settle(self) -> Exchange:
        """The first connect of a session, asking for an immediate answer (CometD answers the
        first one at once anyway); Blocked unless successful."""
        return await self.expect_success(self.connect_message(advice={"timeout": 0}), "connect", timeout=self.hold_bound())

    async def expect_success(self, message: dict[str, Any], step: str, *, timeout: float | None = None) -> Exchange:
        sent = await self._precondition(message, step, timeout=timeout)
        answer = sent.answer or _lone(sent.reply.by_channel(message["channel"]))
        if answer is None or answer.get("successful") is not True:
            raise Blocked(f"{self.actor}: {step}", why_meta_failed(sent.reply, answer, message["channel"]))
        return sent

    async def _precondition(self, message: dict[str, Any], step: str, *, timeout: float | None = None) -> Exchange:
        try:
            return await self.ask(message, timeout=timeout)
        except TargetError as exc:  # e.g. the WebSocket upgrade was refused
            raise Blocked(f"{self.actor}: {step}", str(exc)) from None

    # -- advice --------------------------------------------------------------------------

    def advertised_timeout(self) -> float | None:
        """The hold the server advises (seconds), from the latest advice; None if it gives none."""
        advice = dict(self.advice)
        nested = advice.get(self.transport)
        if isinstance(nested, dict):
            advice.update(nested)
        value = advice.get("timeout")
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
            return value / 1000
        return None

    def hold_bound(self, *, cap: float | None = None) -> float:
        """How long a connect that the server may hold can take: the advertised hold plus a margin."""
        advertised = self.advertised_timeout()
        hold = 30.0 if advertised is None else advertised
        if cap is not None:
            hold = min(hold, cap)
        return hold * 1.5 + 2.0 + self.request_timeout

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()


def _lone(messages: list[dict[str, Any]]) -> dict[str, Any] | None:
    return messages[0] if len(messages) == 1 else None


async def stay_silent(seconds: float) -> None:
    """The stimulus of an expiry check is silence: send nothing for `seconds`.

    This is the one deliberate pause of the section; it waits for no event (there is none to
    observe until the probe that follows it).
    """
    await asyncio.sleep(seconds)
