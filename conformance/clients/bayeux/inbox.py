"""Every non-meta message a Bayeux session received, in arrival order, awaitable.

Waits are event-driven (an asyncio.Condition notified on each arrival) and always bounded.
An agent's inbox knows its stream's health: a wait on a stream known broken ends at once,
before it begins or while it runs (`conformance/clients/stream_health.py`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from conformance.clients.stream_health import StreamHealth
from conformance.evidence import current_recorder
from conformance.harness.waiting import waiting


@dataclass(frozen=True)
class Delivery:
    message: dict[str, Any]
    channel: str | None  # None when the message has no string `channel` (a broken envelope)
    data: Any  # None when absent
    received: float  # time.monotonic() on arrival
    index: int  # position in the inbox

    @property
    def has_data(self) -> bool:
        return "data" in self.message


Predicate = Callable[[Delivery], bool]


class Inbox:
    def __init__(self, health: StreamHealth | None = None) -> None:
        self._deliveries: list[Delivery] = []
        self._arrived = asyncio.Condition()
        self.health = health  # None: nobody waits on this stream for notifications
        self._observers: list[Callable[[Delivery], None]] = []

    def observe(self, observer: Callable[[Delivery], None]) -> None:
        """Call `observer` with every delivery, on arrival (the stream watcher)."""
        self._observers.append(observer)

    def __len__(self) -> int:
        return len(self._deliveries)

    def all(self) -> list[Delivery]:
        return list(self._deliveries)

    def mark(self) -> int:
        """The position after the last delivery so far: wait "after" this point with `since=`."""
        return len(self._deliveries)

    def since(self, mark: int) -> list[Delivery]:
        return self._deliveries[mark:]

    async def add(self, message: dict[str, Any], received: float | None = None) -> Delivery:
        channel = message.get("channel")
        delivery = Delivery(
            message=message,
            channel=channel if isinstance(channel, str) else None,
            data=message.get("data"),
            received=time.monotonic() if received is None else received,
            index=len(self._deliveries),
        )
        async with self._arrived:
            self._deliveries.append(delivery)
            for observer in self._observers:
                observer(delivery)
            self._arrived.notify_all()
        return delivery

    async def stream_changed(self) -> None:
        """Wake every wait, so that each sees the stream's health anew."""
        async with self._arrived:
            self._arrived.notify_all()

    async def wait_for(self, predicate: Predicate, *, timeout: float, since: int = 0, what: str = "a notification") -> Delivery | None:
        """The first delivery at or after `since` that satisfies `predicate`; None after `timeout` s.

        A predicate that raises on a malformed delivery (a KeyError on a missing field, ...)
        is taken as "does not match": what the target sends cannot crash a check. `what` is
        shown on the live progress line while the wait lasts. StreamBroken (BLOCKED) when the
        stream is, or becomes, known not to deliver.
        """
        checked = since
        started = time.monotonic()
        try:
            with waiting(what, timeout):
                return await self._first_match(predicate, checked, timeout, started)
        except TimeoutError:
            # Benchmarks separate waits that ended by timeout (negative checks, mostly).
            current_recorder().timing("wait_timeout", time.monotonic() - started)
            return None

    async def _first_match(self, predicate: Predicate, checked: int, timeout: float, started: float) -> Delivery:
        async with asyncio.timeout(timeout):
            async with self._arrived:
                while True:
                    while checked < len(self._deliveries):
                        delivery = self._deliveries[checked]
                        checked += 1
                        if _matches(predicate, delivery):
                            current_recorder().timing("wait", time.monotonic() - started)
                            return delivery
                    if self.health is not None:
                        self.health.require_intact()
                    await self._arrived.wait()

    async def expect_none(self, predicate: Predicate, *, window: float, since: int) -> Delivery | None:
        """Watch for `window` seconds: the first offending delivery (at once), or None if none came."""
        return await self.wait_for(predicate, timeout=window, since=since, what="a quiet window (nothing more may arrive)")


def _matches(predicate: Predicate, delivery: Delivery) -> bool:
    try:
        return bool(predicate(delivery))
    except Exception as exc:  # noqa: BLE001 - the target's data, not our code, is at fault
        current_recorder().note("inbox", f"predicate could not read delivery #{delivery.index} ({type(exc).__name__}: {exc}); treated as no match")
        return False
