"""The websocket transport (when the profile declares it): https://docs.cometd.org/current/reference/#_bayeux_operation"""

from __future__ import annotations

from conformance.harness.together import together
from conformance.suites import requirement
from conformance.suites.bayeux.events import EventSource
from conformance.suites.bayeux.kit import BayeuxKit
from conformance.suites.bayeux.listening import cause_event, first_after
from conformance.verify import bayeux as judge


@requirement("BAYEUX-WEBSOCKET-01")
async def test_handshake_offers_websocket(bayeux: BayeuxKit) -> None:
    """/meta/handshake as agent A offering websocket and long-polling; judge supportedConnectionTypes."""
    client = await bayeux.client(0)
    sent = await client.ask(client.handshake_message(supportedConnectionTypes=["websocket", "long-polling"]))
    judge.offers_connection_type(judge.meta_successful(sent.reply, sent.message, "the handshake"), "websocket")


@requirement("BAYEUX-WEBSOCKET-02")
async def test_events_reach_websocket_session(bayeux: BayeuxKit, events: EventSource) -> None:
    """A session on the websocket transport and a long-polling control, both subscribed to the event channel; cause one event."""
    socket_session, control = await together(bayeux.listener(0, [events.channel], transport="websocket"), bayeux.listener(0, [events.channel]))
    mark = socket_session.inbox.mark()
    await cause_event(bayeux, events, control)
    delivery = await first_after(socket_session, mark, timeout=bayeux.profile.timeouts.notification)
    judge.arrived(delivery, f"the event on {events.channel} at the websocket session")
