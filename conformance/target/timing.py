"""How fast the target notifies, as a run observed it, and how long "nothing happens" waits."""

from __future__ import annotations

import statistics

from conformance.profile import Timeouts


class Timing:
    def __init__(self, timeouts: Timeouts) -> None:
        self.timeouts = timeouts
        self.notification_latencies: list[float] = []

    def observe_latency(self, seconds: float) -> None:
        self.notification_latencies.append(seconds)

    def negative_window(self) -> float:
        """How long a "nothing else happens" check waits.

        Three times the slowest notification latency seen so far, within the profile's
        floor and cap: long enough to catch a late event from this target, short enough
        that negative checks do not dominate the run.
        """
        timeouts = self.timeouts
        if not self.notification_latencies:
            return timeouts.negative_window
        recent = sorted(self.notification_latencies[-50:])
        p95 = recent[min(len(recent) - 1, int(0.95 * len(recent)))]
        return min(timeouts.negative_window, max(timeouts.negative_floor, 3 * p95, statistics.median(recent) * 5))
