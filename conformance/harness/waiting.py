"""What the run is waiting for right now: the live progress line shows it.

A wait on a slow target can last a minute (an invitation through a polling mailbox); the
user should see which event the current check waits for, not a frozen screen. Only the
latest wait of this process is kept: it is a display, not a ledger.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Wait:
    what: str  # e.g. "the invitation of agent1"
    started: float  # time.monotonic()
    timeout: float  # seconds

    def elapsed(self) -> float:
        return time.monotonic() - self.started


_current: Wait | None = None


@contextlib.contextmanager
def waiting(what: str, timeout: float) -> Iterator[None]:
    global _current
    previous, _current = _current, Wait(what, time.monotonic(), timeout)
    try:
        yield
    finally:
        _current = previous


def current_wait() -> Wait | None:
    return _current
