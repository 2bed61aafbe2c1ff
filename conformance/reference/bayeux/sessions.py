"""The hub's Bayeux sessions: each client's state, the table of live ones, and their expiry.

A session is bound to the agent whose credentials made its handshake; a message naming its
clientId with another agent's credentials does not reach it (`for_message`). Every change to the
table, a subscription or a held connect is announced on one condition, so that `wait_until`
(tests, another thread) never polls.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

from conformance.reference.bayeux.client_ids import ClientIds

Message = dict[str, Any]


class Wakeup:
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


class Session:
    """One Bayeux client: bound to an agent at handshake."""

    def __init__(self, client_id: str, agent_id: str | None) -> None:
        self.client_id = client_id
        self.agent_id = agent_id
        self.subscriptions: set[str] = set()
        self.queue: list[Message] = []  # events not yet handed to a reply or a frame
        self.wake = Wakeup()  # set on: event queued, newer connect, removal, shutdown
        self.generation = 0  # bumped by each connect; an older held connect sees it and leaves
        self.held = 0  # connects currently held
        self.last_seen = time.monotonic()  # handshake, start and end of each connect
        self.removed: str | None = None  # why the session is gone: disconnect, expired, dropped
        self.socket: Socket | None = None  # the WebSocket its last connect came on
        self.connected = False  # a connect has been answered (CometD holds only later ones)

    def drain(self, limit: int | None = None) -> list[Message]:
        """The queued events to hand over now: all of them, or the first `limit`."""
        count = len(self.queue) if limit is None else limit
        events, self.queue = self.queue[:count], self.queue[count:]
        return events

    def requeue(self, events: list[Message]) -> None:
        if self.removed is None and events:
            self.queue[:0] = events


class Socket:
    """One accepted WebSocket, as the sessions bound to it see it: sends are serialised."""

    def __init__(self, send_text: Callable[[str], Awaitable[None]], *, bare_single: bool = False) -> None:
        self._send_text = send_text
        self._bare_single = bare_single  # a single message goes out bare, not in an array
        self.lock = asyncio.Lock()
        self.closed = False
        self.sessions: set[Session] = set()

    async def send(self, messages: list[Message]) -> bool:
        if self.closed:
            return False
        text = json.dumps(messages[0] if self._bare_single and len(messages) == 1 else messages)
        async with self.lock:
            try:
                await self._send_text(text)
            except Exception:  # the peer went away mid-send
                self.closed = True
                return False
        return True

    def release(self) -> None:
        """The socket is gone: its sessions are bound to no socket any more."""
        self.closed = True
        for session in list(self.sessions):
            if session.socket is self:
                session.socket = None
        self.sessions.clear()


class SessionTable:
    """The live sessions by clientId."""

    def __init__(self, client_ids: ClientIds, *, bound_to_agent: bool = True, expire: bool = True) -> None:
        self._client_ids = client_ids
        self._bound_to_agent = bound_to_agent
        self._expire = expire
        self._sessions: dict[str, Session] = {}
        self._changed = threading.Condition()  # notified on every session/subscription change

    def __len__(self) -> int:
        return len(self._sessions)

    def all(self) -> list[Session]:
        return list(self._sessions.values())

    def get(self, client_id: str) -> Session | None:
        return self._sessions.get(client_id)

    def open(self, agent_id: str | None) -> Session:
        """A new session of `agent_id`, under a freshly issued clientId."""
        return self.keep(Session(self._client_ids.issue(), agent_id))

    def keep(self, session: Session) -> Session:
        self._sessions[session.client_id] = session
        self.notify()
        return session

    def live_session_of(self, agent_id: str | None) -> Session | None:
        return next((s for s in self._sessions.values() if agent_id is not None and s.agent_id == agent_id), None)

    def for_message(self, message: Message, agent_id: str | None) -> Session | None:
        """The session the message's clientId names, if the request's agent may use it."""
        client_id = message.get("clientId")
        session = self._sessions.get(client_id) if isinstance(client_id, str) else None
        if session is None:
            return None
        if session.agent_id != agent_id and self._bound_to_agent:
            return None  # another agent's session: refused as unknown, and left untouched
        return session

    def remove(self, session: Session, reason: str) -> None:
        if self._sessions.get(session.client_id) is session:
            del self._sessions[session.client_id]
            self._client_ids.release(session.client_id)
        session.removed = reason
        session.wake.set()
        if session.socket is not None:
            session.socket.sessions.discard(session)
        self.notify()

    def sweep(self, max_idle_s: float) -> None:
        """Expire the sessions with no connect held and none seen for longer than `max_idle_s`."""
        if not self._expire:
            return
        now = time.monotonic()
        for session in [s for s in self._sessions.values() if s.held == 0 and now - s.last_seen > max_idle_s]:
            self.remove(session, "expired")

    def notify(self) -> None:
        with self._changed:
            self._changed.notify_all()

    def wait_until(self, predicate: Callable[[], bool], timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(predicate, timeout)
