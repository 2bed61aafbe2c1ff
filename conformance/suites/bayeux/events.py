"""Where the section's events come from: something that makes the target deliver one event to
agent A's sessions subscribed to `channel`.

GWS target: POST Ready on agent A's email channel (A is already Ready, so nothing changes but
the ChannelStateChangeMessageV2 it causes on /v2/me/channels). A target that announces nothing
when Ready changes nothing (detected once per run, noted in the report) gets NotReady and Ready
alternately instead, each a real change (docs/positions.md#ready-on-ready). Bayeux-only target:
a publish from another client of the target onto a channel only this check uses.
"""

from __future__ import annotations

import secrets
import time
from abc import ABC, abstractmethod
from typing import Any

from conformance.clients.bayeux.inbox import Delivery
from conformance.clients.bayeux.messages import reply_error
from conformance.clients.outcome import went_through
from conformance.clients.rest import RestReply
from conformance.errors import Blocked
from conformance.suites.bayeux.client import BayeuxClient
from conformance.target import AgentHandle, Target
from conformance.target.agent import CHANNELS_CHANNEL


class EventSource(ABC):
    channel: str  # the channel each `fire()` delivers one event on
    description: str  # the stimulus, for failure notes

    @property
    def parent(self) -> str:
        """The channel one level above `channel` (/v2/me for /v2/me/channels)."""
        return self.channel.rsplit("/", 1)[0]

    @property
    def grandparent(self) -> str:
        """Two levels above `channel` (/v2 for /v2/me/channels)."""
        return self.parent.rsplit("/", 1)[0]

    @abstractmethod
    async def fire(self) -> float:
        """Cause one event; returns when the stimulus was sent (time.monotonic()). Blocked if
        the target refused the stimulus itself."""

    def is_event(self, delivery: Delivery) -> bool:
        return delivery.channel == self.channel


def _refused(agent: AgentHandle, state: str, answer: RestReply) -> Blocked:
    return Blocked(f"{agent.label}: {state} (the event source)", answer.outcome(f"POST /api/v2/me/channels/email {state}"))


class AgentStateEvents(EventSource):
    def __init__(self, agent: AgentHandle) -> None:
        self.agent = agent
        self.channel = CHANNELS_CHANNEL
        self.description = f"POST /api/v2/me/channels/email Ready as {agent.label} (notifies {CHANNELS_CHANNEL})"

    async def fire(self) -> float:
        started = time.monotonic()
        answer = await self.agent.rest.set_channel_state("email", "Ready")
        if not went_through(answer):
            raise _refused(self.agent, "Ready", answer)
        return started


class ToggledAgentStates(EventSource):
    """Agent A alternately NotReady and Ready: one real change, so one notification, per event."""

    def __init__(self, agent: AgentHandle) -> None:
        self.agent = agent
        self.channel = CHANNELS_CHANNEL
        self.description = f"POST /api/v2/me/channels/email NotReady or Ready, alternately, as {agent.label} (notifies {CHANNELS_CHANNEL})"
        self._ready = True

    async def fire(self) -> float:
        state = "NotReady" if self._ready else "Ready"
        started = time.monotonic()
        answer = await self.agent.rest.set_channel_state("email", state)
        if not went_through(answer):
            raise _refused(self.agent, state, answer)
        self._ready = not self._ready
        return started

    async def restore(self) -> None:
        """Agent A Ready again, and its Ready notification arrived: the rest of the run needs it."""
        if self._ready:
            return
        change = await self.agent.set_state("Ready")
        if went_through(change.answer):
            self._ready = True
            change.notified()


EVENT_SOURCE_OBSERVATION = "bayeux-event-source"


async def agent_state_events(agent: AgentHandle, target: Target) -> AgentStateEvents | ToggledAgentStates:
    """Ready on the Ready agent where that is notified, else NotReady/Ready toggles: decided by
    one Ready on agent A the first time a check of this run needs events."""
    if target.ready_on_ready_notifies is None:
        change = await agent.set_state("Ready", what="a notification of Ready on a Ready agent (the event source)")
        if not went_through(change.answer):
            raise _refused(agent, "Ready", change.answer)
        delivery = change.notified()
        timeout = agent.profile.timeouts.notification
        target.ready_on_ready_notifies = delivery is not None
        if delivery is None:
            target.observations[EVENT_SOURCE_OBSERVATION] = (
                f"Ready on an agent already Ready was not notified within {timeout:g} s: the Bayeux checks' events "
                "came from NotReady and Ready alternately (docs/positions.md#ready-on-ready)"
            )
    return AgentStateEvents(agent) if target.ready_on_ready_notifies else ToggledAgentStates(agent)


class PublishedEvents(EventSource):
    def __init__(self, publisher: BayeuxClient) -> None:
        self.publisher = publisher
        self.token = secrets.token_hex(6)
        self.channel = f"/gwsct/{self.token}/events/probe"
        self.description = f"a publish onto {self.channel} by another client"
        self._count = 0

    async def fire(self) -> float:
        self._count += 1
        data: dict[str, Any] = {"gwsct": self.token, "n": self._count}
        started = time.monotonic()
        sent = await self.publisher.ask(self.publisher.publish_message(self.channel, data))
        answer = sent.answer
        # Acknowledging a publish is optional; a refusal, though, means no event.
        if sent.reply.error or (answer is not None and answer.get("successful") is False):
            raise Blocked(f"{self.publisher.actor}: publish (the event source)", sent.reply.error or reply_error(answer))
        return started
