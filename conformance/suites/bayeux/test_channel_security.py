"""Channel security on a GWS target: credentials, clientId binding, per-agent channels, publishing.

https://docs.genesys.com/Documentation/HTCC/latest/API/AsynchronousEvents
"""

from __future__ import annotations

import secrets

import pytest

from conformance.clients.bayeux.websocket import UpgradeRefused
from conformance.errors import NotApplicable
from conformance.harness.together import both
from conformance.suites import STREAM, exclusive, requirement
from conformance.suites.bayeux.conftest import TRANSPORTS
from conformance.suites.bayeux.events import EventSource
from conformance.suites.bayeux.kit import NONE, WRONG, BayeuxKit
from conformance.suites.bayeux.listening import accepted_listeners, nothing_more, nothing_reaches
from conformance.verify import bayeux as judge


@requirement("BAYEUX-SECURITY-01")
@pytest.mark.parametrize("credentials", [NONE, WRONG])
@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_handshake_without_valid_credentials_refused(bayeux: BayeuxKit, transport: str, credentials: str) -> None:
    """/meta/handshake without credentials, or with agent A's username and a wrong password."""
    client = await bayeux.client(0, transport=transport, credentials=credentials)
    message = client.handshake_message()
    what = "a handshake " + ("without credentials" if credentials == NONE else "with a wrong password")
    try:
        reply = await client.send([message])
    except UpgradeRefused as refused:  # no session either, when it is a 4xx (NoAnswer: BLOCKED)
        judge.upgrade_refused(refused.status, what)
        return
    judge.no_session(reply, message, what)


@requirement("BAYEUX-SECURITY-02")
async def test_clientid_bound_to_its_agent(bayeux: BayeuxKit) -> None:
    """Agent A handshakes; agent B sends /meta/connect and /meta/subscribe with A's clientId; A connects again."""
    owner = await bayeux.opened(0)
    intruder = await bayeux.client(1)
    intruder.client_id = owner.client_id
    channel, _ = bayeux.topics()
    for message in (intruder.connect_message(advice={"timeout": 0}), intruder.subscribe_message(channel)):
        sent = await intruder.ask(message, timeout=owner.hold_bound())
        judge.not_successful(sent.reply, message, f"agent B's {message['channel']} with agent A's clientId")
    sent = await owner.ask(owner.connect_message(advice={"timeout": 0}), timeout=owner.hold_bound())
    judge.meta_successful(sent.reply, sent.message, "agent A's connect after agent B used its clientId")


@requirement("BAYEUX-SECURITY-03")
async def test_no_events_of_another_agent(bayeux: BayeuxKit, events: EventSource) -> None:
    """Agent B's sessions subscribed to <grandparent>/** and /**; cause one event for agent A."""
    control, others = await both(bayeux.listener(0, [events.channel]), accepted_listeners(bayeux, 1, [f"{events.grandparent}/**", "/**"]))
    if not others:
        raise NotApplicable(f"the target refuses agent B's subscriptions to {events.grandparent}/** and /**")
    await nothing_reaches(bayeux, events, control, others, event="agent A's event", listener="agent B's session")


@requirement("BAYEUX-SECURITY-04")
@exclusive(STREAM)  # listens on /v2/me/emails
async def test_client_publish_onto_v2_refused(bayeux: BayeuxKit) -> None:
    """Agent A's session listens on /v2/me/emails; another client of agent A publishes a forged notification there."""
    channel = "/v2/me/emails"
    listener = await bayeux.listener(0, [channel])
    publisher = await bayeux.opened(0)
    mark = listener.inbox.mark()
    token = f"gwsct-forged-{secrets.token_hex(4)}"
    message = publisher.publish_message(channel, {"messageType": "EmailStateChangeMessage", "notificationType": "StatusChange", "gwsct": token})
    sent = await publisher.ask(message)
    judge.answered(sent.reply, f"a client publish onto {channel}")  # silence is no proof that nothing was published
    if sent.answer is not None or (sent.reply.status or 0) >= 400:  # acknowledging a publish is optional
        judge.not_successful(sent.reply, message, f"a client publish onto {channel}")
    late = await nothing_more(bayeux, listener, mark)
    judge.nothing_delivered(late, f"the forged publish onto {channel}")
