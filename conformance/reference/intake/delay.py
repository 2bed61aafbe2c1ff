"""The intake's delay: a real E-mail Server polls its mailbox every few seconds to a minute, so an
inbound email reaches routing only some time after it was handed over.

Event-driven: each email gets an id at once (the control endpoint answers it) and a timer on the
server's loop; nothing blocks and nothing waits on shutdown, which drops the emails still due.
"""

from __future__ import annotations

import asyncio
import random

from conformance.reference.email.model import InboundMessage
from conformance.reference.email.service import EmailService


class DelayedIntake:
    """Hands inbound messages to routing `delay` seconds later, uniformly within +-`jitter`
    (`seed` makes the draws repeatable); with no delay and no jitter, at once."""

    def __init__(self, service: EmailService, *, delay: float = 0.0, jitter: float = 0.0, seed: int | None = None) -> None:
        self._service = service
        self._delay = delay
        self._jitter = jitter
        self._random = random.Random(seed)
        self._timers: set[asyncio.TimerHandle] = set()
        self._arriving: set[asyncio.Task[str]] = set()
        self._stopped = False

    @property
    def pending(self) -> int:
        """Emails handed over that have not reached routing yet."""
        return len(self._timers) + len(self._arriving)

    def draw_delay(self) -> float:
        return max(0.0, self._delay + self._random.uniform(-self._jitter, self._jitter)) if self._jitter else self._delay

    async def deliver(self, message: InboundMessage) -> str:
        """The new email's id, at once; the email itself reaches routing after the delay."""
        if not self._delay and not self._jitter:
            return await self._service.deliver(message)
        email_id = self._service.new_email_id()
        if self._stopped:
            return email_id  # the server is stopping: the email is dropped, as an unpolled mailbox keeps it
        loop = asyncio.get_running_loop()
        timer: asyncio.TimerHandle

        def arrive() -> None:
            self._timers.discard(timer)
            task = loop.create_task(self._service.deliver(message, email_id=email_id))
            self._arriving.add(task)
            task.add_done_callback(self._arriving.discard)

        timer = loop.call_later(self.draw_delay(), arrive)
        self._timers.add(timer)
        return email_id

    async def stop(self) -> None:
        """Drop the emails still due (a shutdown never waits for them)."""
        self._stopped = True
        for timer in self._timers:
            timer.cancel()
        self._timers.clear()
        for task in list(self._arriving):
            task.cancel()
        await asyncio.gather(*self._arriving, return_exceptions=True)
