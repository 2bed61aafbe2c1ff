"""Fixtures of the Bayeux section: fresh clients (`bayeux`) and an event source (`events`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.plugin.suite import SuitePlugin
from conformance.profile import TargetProfile
from conformance.suites.bayeux.events import AgentStateEvents, EventSource, PublishedEvents
from conformance.suites.bayeux.kit import BayeuxKit
from conformance.target import Target

TRANSPORTS = ("long-polling", "websocket")


@pytest.fixture
def bayeux(suite: SuitePlugin, profile: TargetProfile, target: Target) -> Iterator[BayeuxKit]:
    kit = BayeuxKit(profile, target)
    yield kit
    suite.run(kit.close(), timeout=profile.timeouts.check)


@pytest.fixture
def events(request: pytest.FixtureRequest, suite: SuitePlugin, profile: TargetProfile, bayeux: BayeuxKit) -> EventSource:
    """GWS: agent A Ready (the long-lived agent), its Ready notifications; Bayeux-only: a
    publishing client."""
    if profile.kind == "gws":
        return AgentStateEvents(request.getfixturevalue("agent"))

    async def publisher() -> EventSource:
        client = await bayeux.client(0)
        await client.open()
        return PublishedEvents(client)

    return suite.run(publisher())
