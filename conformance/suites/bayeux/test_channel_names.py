"""Channel names and patterns at their edges: https://docs.cometd.org/current/reference/#_bayeux_protocol_elements

The matching checks subscribe sessions to patterns that must not match the event channel, next
to a control subscribed to exactly that channel: if the control hears nothing, the event
source failed and the check is BLOCKED.
"""

from __future__ import annotations

import pytest

from conformance.clients.bayeux.session import BayeuxSession
from conformance.errors import NotApplicable
from conformance.harness.together import both
from conformance.suites import requirement
from conformance.suites.bayeux.events import EventSource
from conformance.suites.bayeux.kit import BayeuxKit
from conformance.suites.bayeux.listening import accepted_listeners, nothing_reaches
from conformance.verify import bayeux_format as shape

WILDCARDS = ("*", "**")


async def _accepted_listeners(bayeux: BayeuxKit, patterns: list[str]) -> list[BayeuxSession]:
    """One session per pattern the target accepts; NOT-APPLICABLE when it refuses them all."""
    sessions = await accepted_listeners(bayeux, 0, patterns)
    if not sessions:
        raise NotApplicable(f"the target refuses the subscriptions to {' and '.join(patterns)}")
    return sessions


async def _nothing_reaches(bayeux: BayeuxKit, events: EventSource, patterns: list[str]) -> None:
    control, sessions = await both(bayeux.listener(0, [events.channel]), _accepted_listeners(bayeux, patterns))
    await nothing_reaches(bayeux, events, control, sessions, event="the event", listener="a session")


@requirement("BAYEUX-CHANNEL-01")
async def test_wildcard_misses_its_stem(bayeux: BayeuxKit, events: EventSource) -> None:
    """Sessions subscribed to <event channel>/* and <event channel>/**; cause one event on the event channel."""
    await _nothing_reaches(bayeux, events, [f"{events.channel}/{wildcard}" for wildcard in WILDCARDS])


@requirement("BAYEUX-CHANNEL-02")
async def test_wildcard_misses_prefix_sibling(bayeux: BayeuxKit, events: EventSource) -> None:
    """Sessions subscribed to <event channel minus its last character>/* and /**; cause one event."""
    stem = events.channel[:-1]  # /v2/me/channel for /v2/me/channels: the event is on "/foobar"
    await _nothing_reaches(bayeux, events, [f"{stem}/{wildcard}" for wildcard in WILDCARDS])


def _inner_wildcard_patterns(channel: str) -> dict[str, str]:
    parent, leaf = channel.rsplit("/", 1)
    return {"star-inside": f"{parent.rsplit('/', 1)[0]}/*/{leaf}", "deep-first": f"/**/{leaf}"}


@requirement("BAYEUX-CHANNEL-03")
@pytest.mark.parametrize("shape_name", ["star-inside", "deep-first"])
async def test_inner_wildcard_subscription_refused(bayeux: BayeuxKit, shape_name: str) -> None:
    """Handshake, then /meta/subscribe to /a/*/c (a topic with a wildcard inside) or to /**/c."""
    client = await bayeux.client(0)
    await client.open()
    topic, _ = bayeux.topics()
    pattern = _inner_wildcard_patterns(topic)[shape_name]
    sent = await client.ask(client.subscribe_message(pattern), deliberately_invalid=True)
    shape.subscription_not_granted(sent.reply, sent.message, f"a subscription to {pattern}")


@requirement("BAYEUX-CHANNEL-04")
async def test_publish_onto_wildcard_refused(bayeux: BayeuxKit) -> None:
    """Handshake, then a publish onto /gwsct/<token>/* (a channel no other check uses)."""
    client = await bayeux.client(0)
    await client.open()
    channel = f"/gwsct/{bayeux.token}/*"
    sent = await client.ask(client.publish_message(channel, {"gwsct": bayeux.token}), deliberately_invalid=True)
    shape.publish_refused(sent.reply, sent.message, f"a publish onto {channel}")
