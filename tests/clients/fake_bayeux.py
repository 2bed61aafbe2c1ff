"""An in-memory Bayeux server behind httpx.MockTransport, scriptable to misbehave.

Just enough protocol to drive the session layer deterministically: handshake, held connects
released by events / disconnect / dropping the session, (un)subscribe with wildcards, and a
`mutate` hook that rewrites each answer before it is sent.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from conformance.clients.bayeux.channels import channel_matches

Message = dict[str, Any]


@dataclass
class FakeSession:
    client_id: str
    subscriptions: set[str] = field(default_factory=set)
    queue: list[Message] = field(default_factory=list)
    wake: asyncio.Event = field(default_factory=asyncio.Event)


class FakeBayeux:
    def __init__(self, *, hold_ms: int = 5000, interval_ms: int = 0, advertised_timeout_ms: int | None = None) -> None:
        self.hold_ms = hold_ms  # how long an idle connect is really held
        self.interval_ms = interval_ms
        self.advertised_timeout_ms = hold_ms if advertised_timeout_ms is None else advertised_timeout_ms
        self.sessions: dict[str, FakeSession] = {}
        self.batches: list[list[Any]] = []  # every batch received, in order
        self.holding = asyncio.Event()  # set while a connect is being held
        self.mutate: Callable[[list[Message]], Any] | None = None  # rewrite an answer (may return bytes)
        self.handshake_answer: Callable[[Message], Message] | None = None  # replace handshake replies
        self._ids = itertools.count(1)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def advice(self) -> Message:
        return {"reconnect": "retry", "interval": self.interval_ms, "timeout": self.advertised_timeout_ms}

    # -- server-side actions used by tests -------------------------------------------
    def publish(self, channel: str, data: Any) -> int:
        delivered = 0
        for session in self.sessions.values():
            if any(channel_matches(p, channel) for p in session.subscriptions):
                session.queue.append({"channel": channel, "data": data})
                session.wake.set()
                delivered += 1
        return delivered

    def drop(self, client_id: str) -> None:
        """Forget a session (as on expiry); its held connect is released."""
        session = self.sessions.pop(client_id)
        session.wake.set()

    def connects(self) -> list[Message]:
        return [m for batch in self.batches for m in batch if isinstance(m, dict) and m.get("channel") == "/meta/connect"]

    # -- the protocol ----------------------------------------------------------------
    async def handle(self, request: httpx.Request) -> httpx.Response:
        batch = json.loads(request.content)
        self.batches.append(batch)
        answer: list[Message] = []
        for message in batch:
            answer.extend(await self._one(message))
        body = self.mutate(answer) if self.mutate else answer
        return httpx.Response(200, content=body if isinstance(body, bytes) else json.dumps(body).encode())

    async def _one(self, message: Message) -> list[Message]:
        channel = message.get("channel")
        reply: Message = {"channel": channel, "id": message.get("id")}
        if channel == "/meta/handshake":
            if self.handshake_answer is not None:
                return [{**reply, **self.handshake_answer(message)}]
            client_id = f"client{next(self._ids)}"
            self.sessions[client_id] = FakeSession(client_id)
            return [{**reply, "successful": True, "clientId": client_id, "version": "1.0", "supportedConnectionTypes": ["long-polling"], "advice": self.advice()}]
        session = self.sessions.get(message.get("clientId"))
        if session is None:
            return [{**reply, "successful": False, "error": "402::Unknown client", "advice": {"reconnect": "handshake", "interval": 0}}]
        if channel == "/meta/connect":
            return await self._connect(session, message, reply)
        if channel in ("/meta/subscribe", "/meta/unsubscribe"):
            wanted = message["subscription"]
            channels = {wanted} if isinstance(wanted, str) else set(wanted)
            if channel == "/meta/subscribe":
                session.subscriptions |= channels
            else:
                session.subscriptions -= channels
            return [{**reply, "successful": True, "subscription": wanted}]
        if channel == "/meta/disconnect":
            self.drop(session.client_id)
            return [{**reply, "successful": True}]
        return [{**reply, "successful": False, "error": "404::Unknown channel"}]

    async def _connect(self, session: FakeSession, message: Message, reply: Message) -> list[Message]:
        immediate = isinstance(message.get("advice"), dict) and message["advice"].get("timeout") == 0
        if not session.queue and not immediate:
            session.wake.clear()
            self.holding.set()
            try:
                async with asyncio.timeout(self.hold_ms / 1000):
                    await session.wake.wait()
            except TimeoutError:
                pass
            finally:
                self.holding.clear()
        if self.sessions.get(session.client_id) is not session:
            return [{**reply, "successful": False, "error": "402::Unknown client", "advice": {"reconnect": "handshake", "interval": 0}}]
        events, session.queue = session.queue, []
        return [*events, {**reply, "successful": True, "advice": self.advice()}]
