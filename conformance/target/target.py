"""The target of a run: its profile, its agents (set up once), and its observed latency."""

from __future__ import annotations

import asyncio

from conformance.clients.bayeux.inbox import Delivery
from conformance.errors import Blocked
from conformance.harness import claims
from conformance.profile import TargetProfile
from conformance.target.agent import AgentHandle
from conformance.target.invitation_pool import pipelining_unusable
from conformance.target.timing import Timing


class Target(Timing):
    """The target is its agents' timing: every agent observes latencies into it and waits its
    negative window."""

    def __init__(self, profile: TargetProfile, *, agent_offset: int = 0) -> None:
        super().__init__(profile.timeouts)
        self.profile = profile
        self.agent_offset = agent_offset  # parallel workers each own a different slice of agents
        self._agents: dict[int, AgentHandle] = {}
        self._setting_up: dict[int, asyncio.Lock] = {}  # checks running concurrently share one setup
        self.ready_on_ready_notifies: bool | None = None  # None: not probed yet (the Bayeux event source)
        # What the run learned about the target that changes how it was tested, for the report
        # (a key -> one sentence).
        self.observations: dict[str, str] = {}
        self._slow_intake: tuple[float, str] | None = None  # (latency, agent) that turned pipelining on

    async def agent(self, index: int, *, ready: bool = True) -> AgentHandle:
        """The profile's agent number `index`, set up on first use (never raises on the target's faults)."""
        index += self.agent_offset
        if index >= len(self.profile.agents):
            raise Blocked("agents", f"the profile lists {len(self.profile.agents)} agents; this check needs agent #{index + 1}")
        async with self._setting_up.setdefault(index, asyncio.Lock()):
            if index not in self._agents:
                await self._set_up_agent(index, ready=ready)
        return self._agents[index]

    async def _set_up_agent(self, index: int, *, ready: bool) -> None:
        account = self.profile.agents[index]
        handle = AgentHandle(
            self.profile,
            account,
            timing=self,
            pipeline=self.profile.intake.pipeline,
            observe=self.observations.__setitem__,
            on_slow_intake=self._heard_slow_intake,
        )
        handle.observations = self.observations
        for other in self._agents.values():  # the worker's agents share the deployment's routing
            other.colleagues.append(handle)
            handle.colleagues.append(other)
        unusable = pipelining_unusable(self.profile, account)
        if unusable is not None:
            handle.pool.switch_off(unusable)
        self._agents[index] = handle
        await handle.set_up(ready=ready)
        if self._slow_intake is not None and handle.is_ready():
            handle.pool.heard(*self._slow_intake)

    def _heard_slow_intake(self, seconds: float, label: str) -> None:
        """An agent's slow invitation turned its pipelining on: the intake is the others' too
        (only a Ready agent gets emails ahead: another would see them routed elsewhere)."""
        self._slow_intake = (seconds, label)
        for handle in self._agents.values():
            if handle.label != label and handle.is_ready():
                handle.pool.heard(seconds, label)

    async def settle(self) -> None:
        """Let every agent's accepted requests' notifications arrive (each wait bounded): what
        a "nothing arrives" window on a session of their own must not blame on its stimulus."""
        for handle in self._agents.values():
            await handle.owed.settle()

    def pooled_invitation(self, delivery: Delivery) -> bool:
        """`delivery` is about an email injected ahead for an agent and not taken by any check:
        the suite's doing, never a check's stimulus's (conformance/target/invitation_pool.py)."""
        return any(handle.pool.explains(delivery) for handle in self._agents.values())

    async def quiesce_invitations(self) -> None:
        """Before checks that watch whole streams or make an agent NotReady: every invitation
        injected ahead has arrived (each wait bounded), and none is injected until one is taken."""
        claims.require(claims.STREAM, "waits until no invitation is on its way to any agent")
        for handle in self._agents.values():
            await handle.pool.quiesce()

    async def close(self) -> None:
        for handle in self._agents.values():
            await handle.close()
        self._agents.clear()

