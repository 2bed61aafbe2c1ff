"""The long-poll hold: a /meta/connect waits until there is something to say.

A hold ends when its timeout passes, an event is queued for its session, a newer connect of the
session arrives, the session is removed, the HTTP client goes away, or the hub shuts down. What
the connect then answers is the protocol's to say (`settle`, given by the hub).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from conformance.reference.bayeux.origin import Context
from conformance.reference.bayeux.sessions import Message, Session, SessionTable


@dataclass
class Hold:
    """A /meta/connect to answer after a hold."""

    session: Session
    message: Message
    context: Context
    timeout: float  # seconds
    generation: int = 0  # the session's generation this connect started
    abandoned: bool = False  # the HTTP client went away during the hold
    superseded: bool = False  # a newer connect of the session ended the hold
    events: list[Message] = field(default_factory=list)  # what its reply releases


@dataclass
class Lifecycle:
    """Whether the hub is shutting down: holds then end at once."""

    closing: bool = False
    stop: asyncio.Event = field(default_factory=asyncio.Event)


class HoldLoop:
    def __init__(
        self,
        sessions: SessionTable,
        lifecycle: Lifecycle,
        settle: Callable[[Hold], Message],
        *,
        events_end_long_polling_hold: bool = True,
        answer_replaced_connect: bool = True,
    ) -> None:
        self._sessions = sessions
        self._lifecycle = lifecycle
        self._settle = settle
        self._events_end_long_polling_hold = events_end_long_polling_hold
        self._answer_replaced_connect = answer_replaced_connect

    async def run(self, hold: Hold) -> Message:
        """Hold the connect, then its reply."""
        await self._wait_out(hold)
        return self._settle(hold)

    async def _wait_out(self, hold: Hold) -> None:
        session, lifecycle = hold.session, self._lifecycle
        loop = asyncio.get_running_loop()
        session.held += 1
        session.generation += 1
        hold.generation = generation = session.generation
        session.wake.set()  # releases an older held connect
        session.last_seen = time.monotonic()
        self._sessions.notify()
        gone_task = asyncio.ensure_future(hold.context.gone()) if hold.context.gone else None
        events_wake = self._events_end_long_polling_hold or hold.context.socket is not None
        orphanable = not self._answer_replaced_connect
        try:
            deadline = loop.time() + hold.timeout
            while True:
                woken = session.wake.current()  # taken before looking: a later set() wakes it
                orphaned = orphanable and session.generation != generation
                if lifecycle.closing:
                    break
                if not orphaned and (
                    session.removed or session.generation != generation or (session.queue and events_wake)
                ):
                    break
                if gone_task is not None and gone_task.done():
                    hold.abandoned = True
                    break
                remaining = None if orphaned else deadline - loop.time()
                if remaining is not None and remaining <= 0:
                    break
                wake_task = asyncio.ensure_future(woken.wait())
                waiters = {wake_task} if gone_task is None else {wake_task, gone_task}
                if orphaned:
                    waiters.add(asyncio.ensure_future(lifecycle.stop.wait()))
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
            self._sessions.notify()
