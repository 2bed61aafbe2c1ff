"""Where the section's events come from: something that makes the target deliver one event to
agent A's sessions subscribed to `channel`.

GWS target: POST Ready on agent A's email channel (A is already Ready, so nothing changes but
the ChannelStateChangeMessageV2 it causes on /v2/me/channels). Bayeux-only target: a publish
from another client of the target onto a channel only this check uses.
"""

from __future__ import annotations

import secrets
import time
from abc import ABC, abstractmethod
from typing import Any

from conformance.clients.bayeux.inbox import Delivery
from conformance.clients.bayeux.messages import reply_error
from conformance.clients.outcome import went_through
from conformance.errors import Blocked
from conformance.suites.bayeux.client import BayeuxClient
from conformance.target import AgentHandle
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


class AgentStateEvents(EventSource):
    def __init__(self, agent: AgentHandle) -> None:
        self.agent = agent
        self.channel = CHANNELS_CHANNEL
        self.description = f"POST /api/v2/me/channels/email Ready as {agent.label} (notifies {CHANNELS_CHANNEL})"

    async def fire(self) -> float:
        started = time.monotonic()
        answer = await self.agent.rest.set_channel_state("email", "Ready")
        if not went_through(answer):
            raise Blocked(f"{self.agent.label}: Ready (the event source)", answer.outcome("POST /api/v2/me/channels/email Ready"))
        return started


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
