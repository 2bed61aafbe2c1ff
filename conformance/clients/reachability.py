"""Whether the target answers at all: a target that does not answer is unreachable.

A run against a target that accepts connections and never answers would otherwise wait out
the HTTP timeout check after check. Once a client's first request (an agent logging in, a
fresh CometD client) times out, or any request times out before the target has answered
anything, the target is taken as unreachable in this process (a run, or one parallel
worker): every later check is BLOCKED at once, naming the request that timed out.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Reachability:
    answered: bool = False  # the target has sent at least one answer (any status)
    silent_cause: str | None = None  # the request whose timeout made the target unreachable
    _clients: weakref.WeakSet[object] = field(default_factory=weakref.WeakSet)  # clients that sent a request
    _listeners: list[Callable[[], object]] = field(default_factory=list)  # waiting for a first answer

    def observe(self, client: object, what: str, *, answered: bool, timed_out: bool, error: str | None) -> None:
        """Called for every exchange of `client` (an httpx client) with the target."""
        first = client not in self._clients
        self._clients.add(client)
        if answered:
            self.answered = True
            for listener in self._listeners:
                listener()
            self._listeners.clear()
        elif timed_out and (first or not self.answered) and self.silent_cause is None:
            self.silent_cause = f"{what}: {error}"

    def when_answered(self, listener: Callable[[], object]) -> None:
        """Call `listener` once the target has answered anything (at once if it has)."""
        if self.answered:
            listener()
        else:
            self._listeners.append(listener)

    def reset(self) -> None:
        self.answered = False
        self.silent_cause = None
        self._clients = weakref.WeakSet()
        self._listeners.clear()


# One per process: like the evidence recorder, every client reports to it without being handed it.
REACHABILITY = Reachability()
