"""What a check needs to itself: the resources it claims, and the guard that enforces them.

Most checks are about their own emails: their invitation, their notifications (correlated by
email id and referenceId), their "nothing else happens about this email". Such checks share an
agent pair and run concurrently. A check that changes or watches something shared declares it,
and then runs alone:

- "ready": it changes an agent's Ready state (every other check needs the agent Ready);
- "stream": it judges or listens to a whole notification stream, not only its own emails
  (a stream-wide rule, a listener on /v2/me/emails or on a wildcard, "no new email appears");
- "session": it ends or replaces an agent's long-lived session;
- "handshakes": it judges how the target allocates clientIds across handshakes (unique, never
  reused), so no other client may open or end a Bayeux session meanwhile, not even one of a
  check that leaves the agents alone.

The guard makes a forgotten declaration an ERROR of that check, in every run, serial ones
included: never a flaky verdict of another check that happened to run beside it. Code the
harness runs for the whole run (an agent's setup, the routing) is not any check's doing and
runs unguarded.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator
from typing import Final

from conformance.errors import HarnessError

READY: Final = "ready"
STREAM: Final = "stream"
SESSION: Final = "session"
HANDSHAKES: Final = "handshakes"
RESOURCES: Final = {
    READY: "an agent's Ready state",
    STREAM: "a whole notification stream",
    SESSION: "an agent's long-lived session",
    HANDSHAKES: "the target's Bayeux handshakes",
}
MARKER: Final = "exclusive"  # @pytest.mark.exclusive("ready", ...)


class UndeclaredExclusivity(HarnessError):
    """A check touched a shared resource it did not declare: a bug of the suite, not of the target."""


# The resources the check of this task declared; None outside any check (harness work).
_claimed: contextvars.ContextVar[frozenset[str] | None] = contextvars.ContextVar("gws_claimed", default=None)


def validated(resources: Iterable[str]) -> frozenset[str]:
    claimed = frozenset(resources)
    unknown = sorted(claimed - RESOURCES.keys())
    if unknown:
        raise ValueError(f"unknown exclusive resource(s) {', '.join(unknown)}; known: {', '.join(sorted(RESOURCES))}")
    return claimed


@contextlib.contextmanager
def claiming(resources: frozenset[str]) -> Iterator[None]:
    """Run a check (its fixtures included) holding `resources`, and nothing else."""
    token = _claimed.set(resources)
    try:
        yield
    finally:
        _claimed.reset(token)


@contextlib.contextmanager
def harness_work() -> Iterator[None]:
    """Work the harness does for the whole run, whichever check happens to trigger it."""
    token = _claimed.set(None)
    try:
        yield
    finally:
        _claimed.reset(token)


def claimed() -> frozenset[str] | None:
    return _claimed.get()


def require(resource: str, doing: str) -> None:
    """Raise UndeclaredExclusivity when the current check touches `resource` without claiming it."""
    held = _claimed.get()
    if held is not None and resource not in held:
        raise UndeclaredExclusivity(
            f"this check {doing}, which needs {RESOURCES[resource]} to itself, but it does not declare "
            f"@pytest.mark.{MARKER}({resource!r}): checks running beside it could be disturbed"
        )
