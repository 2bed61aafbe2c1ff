"""Whether the target answers at all: a target that never answers is unreachable.

A run against a target that accepts connections and never answers would otherwise wait out
the HTTP timeout check after check. Once a request times out before the target has answered
anything in this process (a run, or one parallel worker), the target is taken as
unreachable: every later check is BLOCKED at once, naming the request that timed out.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Reachability:
    answered: bool = False  # the target has sent at least one answer (any status)
    silent_cause: str | None = None  # the request that timed out before any answer came

    def observe(self, what: str, *, answered: bool, timed_out: bool, error: str | None) -> None:
        """Called for every exchange with the target."""
        if answered:
            self.answered = True
        elif timed_out and not self.answered and self.silent_cause is None:
            self.silent_cause = f"{what}: {error}"

    def reset(self) -> None:
        self.answered = False
        self.silent_cause = None


# One per process: like the evidence recorder, every client reports to it without being handed it.
REACHABILITY = Reachability()
