"""The target of a run: its profile, its agents (set up once), and its observed latency."""

from __future__ import annotations

from conformance.errors import Blocked
from conformance.profile import TargetProfile
from conformance.target.agent import AgentHandle
from conformance.target.timing import Timing


class Target(Timing):
    """The target is its agents' timing: every agent observes latencies into it and waits its
    negative window."""

    def __init__(self, profile: TargetProfile, *, agent_offset: int = 0) -> None:
        super().__init__(profile.timeouts)
        self.profile = profile
        self.agent_offset = agent_offset  # parallel workers each own a different slice of agents
        self._agents: dict[int, AgentHandle] = {}
        self.ready_on_ready_notifies: bool | None = None  # None: not probed yet (the Bayeux event source)
        # What the run learned about the target that changes how it was tested, for the report
        # (a key -> one sentence).
        self.observations: dict[str, str] = {}

    async def agent(self, index: int, *, ready: bool = True) -> AgentHandle:
        """The profile's agent number `index`, set up on first use (never raises on the target's faults)."""
        index += self.agent_offset
        if index >= len(self.profile.agents):
            raise Blocked("agents", f"the profile lists {len(self.profile.agents)} agents; this check needs agent #{index + 1}")
        if index not in self._agents:
            handle = AgentHandle(self.profile, self.profile.agents[index], timing=self)
            handle.observations = self.observations
            for other in self._agents.values():  # the worker's agents share the deployment's routing
                other.colleagues.append(handle)
                handle.colleagues.append(other)
            self._agents[index] = handle
            await handle.set_up(ready=ready)
        return self._agents[index]

    async def settle(self) -> None:
        """Let every agent's accepted requests' notifications arrive (each wait bounded): what
        a "nothing arrives" window on a session of their own must not blame on its stimulus."""
        for handle in self._agents.values():
            await handle.owed.settle()

    async def close(self) -> None:
        for handle in self._agents.values():
            await handle.close()
        self._agents.clear()
