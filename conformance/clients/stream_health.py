"""Whether an agent's CometD stream can still deliver notifications.

A target whose connect replies are never successful (or that refuses every handshake, or sends
the client round a re-handshake loop) leaves the agent's session unconnected: no notification
can arrive, and every check waiting for one would wait out its timeout, one after another.
Once the agent's own Bayeux session has seen such replies `BROKEN_AFTER` times in a row, its
stream is declared broken (so is it when the loop stops on the server's advice): every wait
on it ends at once (also one already in progress), and the check is BLOCKED naming the
observed failure, the requirement it violates, and the SESSION/BAYEUX requirements that
FAILed in this run so far.

"Broken" rests on that evidence alone, never on a FAIL: a SESSION or BAYEUX requirement that
fails on a fault that leaves the stream working (a subscribe reply without its echo) blocks
nothing. A successful connect heals the stream (a server that recovered). The state is per
process, as the agents are: one run, or one parallel worker and its pair of agents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance.errors import Blocked

# Consecutive connect (or re-handshake) replies of the connect loop that were not a success,
# with no successful connect between them. One is normal (a server restart answers the next
# connect "unknown client", and the re-handshake heals it); three in a row are not.
BROKEN_AFTER = 3
STEP = "listen for notifications"
SECTIONS = ("session", "bayeux-")  # the requirements whose FAIL a broken stream is blamed on
# The requirement each kind of failed request of the loop violates, named even before it is judged.
VIOLATES = {"connect": "BAYEUX-CONNECT-07", "handshake": "SESSION-COMETD-01"}


class StreamBroken(Blocked):
    """A wait on a stream known not to deliver: BLOCKED at once, never a timeout waited out."""


@dataclass
class StreamHealth:
    """One agent's stream, fed by its Bayeux session's connect loop."""

    agent: str
    run: RunStreams
    evidence: str | None = None  # why no notification can arrive; None while the stream works
    violates: str | None = None  # the requirement that evidence violates, when one says so
    failed_in_row: int = 0

    @property
    def broken(self) -> bool:
        return self.evidence is not None

    def connect_succeeded(self) -> None:
        self.failed_in_row = 0
        self.evidence = self.violates = None

    def connect_failed(self, request: str, why: str) -> bool:
        """A connect or handshake (`request`) of the loop was answered, and not with a success
        (transport failures are the reachability guard's); True when this declares the stream
        broken."""
        self.failed_in_row += 1
        if self.evidence is None and self.failed_in_row >= BROKEN_AFTER:
            self.evidence = f"{self.failed_in_row} connect attempts in a row failed, the last: {request}: {why}"
            self.violates = VIOLATES.get(request)
            return True
        return False

    def loop_stopped(self, reason: str) -> bool:
        """The connect loop gave up (advice reconnect none, a negative interval): nothing more
        can arrive. True when this declares the stream broken."""
        if self.evidence is not None:
            return False
        self.evidence = f"the connect loop stopped: {reason}"
        return True

    def require_intact(self) -> None:
        """Raise StreamBroken when the stream is known not to deliver."""
        if self.evidence is not None:
            raise StreamBroken(f"{self.agent}: {STEP}", self.reason())

    def reason(self) -> str:
        violates = f", against {self.violates}" if self.violates else ""
        failed = self.run.failed_requirements()
        blamed = f"; FAILed in this run: {', '.join(failed)}" if failed else ""
        return f"not waited for: {self.agent}'s CometD session cannot receive notifications ({self.evidence}{violates}){blamed}"


@dataclass
class RunStreams:
    """The streams of one run's (or worker's) agents, and the SESSION/BAYEUX requirements that
    FAILed in it (what a broken stream's reason names)."""

    streams: dict[str, StreamHealth] = field(default_factory=dict)
    _failed: dict[str, str] = field(default_factory=dict)  # requirement id -> its failure message

    def of(self, agent: str) -> StreamHealth:
        if agent not in self.streams:
            self.streams[agent] = StreamHealth(agent, self)
        return self.streams[agent]

    def requirement_failed(self, requirement: str, section: str, message: str) -> None:
        """From the plugin's judging: a requirement FAILed (only a session one is kept)."""
        if section == SECTIONS[0] or section.startswith(SECTIONS[1]):
            self._failed.setdefault(requirement, message)

    def failed_requirements(self) -> list[str]:
        return sorted(self._failed)

    def reset(self) -> None:
        self.streams.clear()
        self._failed.clear()


# One per process, like the reachability guard: agents and the plugin's judging report to it.
STREAMS = RunStreams()
