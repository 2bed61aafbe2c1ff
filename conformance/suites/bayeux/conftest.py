"""Fixtures of the Bayeux section: fresh clients (`bayeux`) and an event source (`events`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.harness import claims
from conformance.plugin.fixture_makers import Making, fixture_claims, register
from conformance.plugin.suite import SuitePlugin
from conformance.profile import TargetProfile
from conformance.suites.bayeux.events import EventSource, PublishedEvents, ToggledAgentStates, agent_state_events
from conformance.suites.bayeux.kit import BayeuxKit
from conformance.target import Target

TRANSPORTS = ("long-polling", "websocket")


@register("bayeux", bound=lambda profile: profile.timeouts.invitation + profile.timeouts.check)
async def _bayeux(making: Making) -> BayeuxKit:
    profile, target = making.plugin.profile, making.plugin.target
    assert target is not None
    if making.claims & {claims.STREAM, claims.READY}:
        # Listeners on wildcards and on /v2/me/emails hear every email event, and the event source
        # may make agent A NotReady (an email addressed to it would then go elsewhere): no invitation
        # injected ahead may still be on its way (at once when none is).
        await target.quiesce_invitations()
    kit = BayeuxKit(profile, target)
    making.on_close(kit.close, profile.timeouts.check)
    return kit


@pytest.fixture
def bayeux(request: pytest.FixtureRequest, suite: SuitePlugin) -> BayeuxKit:
    kit: BayeuxKit = suite.make("bayeux", request)
    return kit


# The event source changes agent A's Ready state (or publishes), and the checks listen for its events.
fixture_claims("events", claims.READY, claims.STREAM)


@pytest.fixture
def events(request: pytest.FixtureRequest, suite: SuitePlugin, profile: TargetProfile, target: Target, bayeux: BayeuxKit) -> Iterator[EventSource]:
    """GWS: agent A (the long-lived agent) and its channel-state notifications; Bayeux-only: a
    publishing client."""
    if profile.kind == "gws":
        source = suite.run(agent_state_events(request.getfixturevalue("agent"), target))
        yield source
        if isinstance(source, ToggledAgentStates):
            suite.run(source.restore())
        return

    async def publisher() -> EventSource:
        client = await bayeux.client(0)
        await client.open()
        return PublishedEvents(client)

    yield suite.run(publisher())
