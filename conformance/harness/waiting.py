"""What the run is waiting for right now: the live progress line shows it.

A wait on a slow target can last a minute (an invitation through a polling mailbox); the
user should see which event the current check waits for, not a frozen screen. Checks running
concurrently each wait for something: the line shows the latest wait still in progress. It is
a display, not a ledger.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, eq=False)
class Wait:
    what: str  # e.g. "the invitation of agent1"
    started: float  # time.monotonic()
    timeout: float  # seconds

    def elapsed(self) -> float:
        return time.monotonic() - self.started


_in_progress: list[Wait] = []


@contextlib.contextmanager
def waiting(what: str, timeout: float) -> Iterator[None]:
    wait = Wait(what, time.monotonic(), timeout)
    _in_progress.append(wait)
    try:
        yield
    finally:
        _in_progress.remove(wait)


def current_wait() -> Wait | None:
    return _in_progress[-1] if _in_progress else None
