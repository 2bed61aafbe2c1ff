"""/meta/subscribe, /meta/unsubscribe, wildcards and delivery:
https://docs.cometd.org/current/reference/#_bayeux_meta_subscribe

Delivery checks use listening sessions and a control session subscribed to exactly the event
channel: if the control hears nothing, the event source failed and the check is BLOCKED.
"""

from __future__ import annotations

import pytest

from conformance.errors import Blocked
from conformance.harness.together import together
from conformance.suites import requirement
from conformance.suites.bayeux.events import EventSource
from conformance.suites.bayeux.kit import BayeuxKit
from conformance.suites.bayeux.listening import cause_event, first_after, nothing_more
from conformance.verify import bayeux as judge

SHAPES = [("long-polling", "string"), ("long-polling", "array"), ("websocket", "string")]


@requirement("BAYEUX-SUBSCRIBE-01")
@pytest.mark.parametrize("transport, shape", SHAPES)
async def test_subscribe_echoes_subscription(bayeux: BayeuxKit, transport: str, shape: str) -> None:
    """Handshake, then /meta/subscribe to one channel (a string) or two (an array)."""
    client = await bayeux.client(0, transport=transport)
    await client.open()
    first, second = bayeux.topics()
    subscription = first if shape == "string" else [first, second]
    sent = await client.ask(client.subscribe_message(subscription))
    answer = judge.meta_successful(sent.reply, sent.message, "the subscribe")
    judge.subscription_in_reply(answer, subscription, "the subscribe reply")


@requirement("BAYEUX-SUBSCRIBE-02")
@pytest.mark.parametrize("channel", ["/meta/connect", "/meta/**"])
async def test_meta_subscription_refused(bayeux: BayeuxKit, channel: str) -> None:
    """Handshake, then /meta/subscribe to a /meta/** channel."""
    client = await bayeux.client(0)
    await client.open()
    sent = await client.ask(client.subscribe_message(channel))
    judge.refused_with_class(sent.reply, sent.message, f"a subscription to {channel}")


@requirement("BAYEUX-SUBSCRIBE-03")
async def test_single_star_matches_one_segment(bayeux: BayeuxKit, events: EventSource) -> None:
    """Sessions subscribed to the event channel, to <parent>/* and to <grandparent>/*; cause one event."""
    control, one_level, two_levels = await together(
        bayeux.listener(0, [events.channel]),
        bayeux.listener(0, [f"{events.parent}/*"], refusable=True),
        bayeux.listener(0, [f"{events.grandparent}/*"], refusable=True),
    )
    marks = one_level.inbox.mark(), two_levels.inbox.mark()
    await cause_event(bayeux, events, control)
    delivery = await first_after(one_level, marks[0], timeout=bayeux.profile.timeouts.notification)
    judge.arrived(delivery, f"the event on {events.channel} at a session subscribed to {events.parent}/*")
    late = await nothing_more(bayeux, two_levels, marks[1])
    judge.nothing_delivered(late, f"the event on {events.channel}, to a session subscribed to {events.grandparent}/*,")


@requirement("BAYEUX-SUBSCRIBE-04")
async def test_double_star_matches_several_segments(bayeux: BayeuxKit, events: EventSource) -> None:
    """Sessions subscribed to the event channel and to <grandparent>/**; cause one event."""
    control, deep = await together(bayeux.listener(0, [events.channel]), bayeux.listener(0, [f"{events.grandparent}/**"], refusable=True))
    mark = deep.inbox.mark()
    await cause_event(bayeux, events, control)
    delivery = await first_after(deep, mark, timeout=bayeux.profile.timeouts.notification)
    judge.arrived(delivery, f"the event on {events.channel} at a session subscribed to {events.grandparent}/**")


@requirement("BAYEUX-SUBSCRIBE-05")
async def test_nothing_after_unsubscribe(bayeux: BayeuxKit, events: EventSource) -> None:
    """A session subscribes to the event channel and unsubscribes; a control stays subscribed; cause one event."""
    control, leaving = await together(bayeux.listener(0, [events.channel]), bayeux.listener(0, [events.channel]))
    reply = await leaving.unsubscribe(events.channel, timeout=bayeux.request_timeout)
    if events.channel in leaving.subscriptions:
        raise Blocked(f"{leaving.actor}: unsubscribe {events.channel}", reply.error or "the unsubscribe was not successful")
    mark = leaving.inbox.mark()
    await cause_event(bayeux, events, control)
    late = await nothing_more(bayeux, leaving, mark)
    judge.nothing_delivered(late, f"the event on {events.channel}, to a session that unsubscribed from it,")


@requirement("BAYEUX-SUBSCRIBE-06")
async def test_unsubscribe_echoes_subscription(bayeux: BayeuxKit) -> None:
    """Handshake, /meta/subscribe to a channel, then /meta/unsubscribe from it."""
    client = await bayeux.client(0)
    await client.open()
    channel, _ = bayeux.topics()
    await client.expect_success(client.subscribe_message(channel), f"subscribe {channel}")
    sent = await client.ask(client.unsubscribe_message(channel))
    answer = judge.meta_successful(sent.reply, sent.message, "the unsubscribe")
    judge.subscription_in_reply(answer, channel, "the unsubscribe reply")


@requirement("BAYEUX-SUBSCRIBE-07")
async def test_event_carries_channel_and_data(bayeux: BayeuxKit, events: EventSource) -> None:
    """A session subscribed to the event channel; cause one event; judge the delivery's envelope."""
    listener = await bayeux.listener(0, [events.channel])
    delivery = await cause_event(bayeux, events, listener)
    judge.event_envelope(delivery.message, events.channel, f"the event caused by {events.description}")


@requirement("BAYEUX-SUBSCRIBE-08")
async def test_event_carries_no_other_client_id(bayeux: BayeuxKit, events: EventSource) -> None:
    """Two sessions of agent A subscribed to the event channel; cause one event; judge each delivery's clientId."""
    first, second = await together(bayeux.listener(0, [events.channel]), bayeux.listener(0, [events.channel]))
    mark = second.inbox.mark()
    delivery = await cause_event(bayeux, events, first)
    judge.no_foreign_client_id(delivery.message, first.client_id, "the event delivered to the first session")
    other = await first_after(second, mark, timeout=bayeux.profile.timeouts.notification)
    other = judge.arrived(other, f"the event on {events.channel} at the second subscribed session")
    judge.no_foreign_client_id(other.message, second.client_id, "the event delivered to the second session")
