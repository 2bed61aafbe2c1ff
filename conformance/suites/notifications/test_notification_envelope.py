"""Notification envelope and per-agent delivery.

https://docs.genesys.com/Documentation/HTCC/latest/API/EmailMessageType
https://docs.genesys.com/Documentation/HTCC/latest/API/AsynchronousEvents
"""

from __future__ import annotations

import secrets

from conformance import steps, verify
from conformance.clients.bayeux.inbox import Delivery
from conformance.errors import Blocked
from conformance.profile import TargetProfile
from conformance.suites import requirement
from conformance.target import AgentHandle, Invitation
from conformance.target.agent import EMAILS_CHANNEL
from conformance.target.injectors import InboundEmail
from conformance.target.routing import routed_invitation, sole_ready


@requirement("NOTIF-ENVELOPE-01")
async def test_notification_is_bayeux_message(agent: AgentHandle, profile: TargetProfile) -> None:
    """Inject an email for agent A; find its notification by the subject token alone, on any channel; judge its envelope and data."""
    token = f"[gwsct-{secrets.token_hex(6)}]"
    email = InboundEmail(to=[agent.account.address or ""], subject=f"Envelope {token}", body="envelope")

    def mentions_token(delivery: Delivery) -> bool:
        return token in str(delivery.message)

    async with sole_ready(agent):  # the deployment's routing, as for every invitation
        delivery = await routed_invitation(agent, email, mentions_token, timeout=profile.timeouts.invitation, what=f"the email of {agent.label}")
    if delivery is None:
        raise Blocked(f"{agent.label}: invitation", f"nothing mentioning {token} arrived within {profile.timeouts.invitation:g} s")
    verify.printed_message(delivery, channel=EMAILS_CHANNEL, schema="email-state-change-message", what="the invitation's notification")


@requirement("NOTIF-ENVELOPE-02")
async def test_every_notification_has_message_type(agent: AgentHandle, invitation: Invitation) -> None:
    """Judge every /v2/ notification agent A received so far (Ready, invitations, operations)."""
    verify.message_types(agent.inbox.since(0))


@requirement("NOTIF-ISOLATION-01")
async def test_no_other_agents_events(agent: AgentHandle, peer_agent: AgentHandle, invitation: Invitation) -> None:
    """Agents A and B Ready; A accepts its invitation; B must hear nothing about that email."""
    since = peer_agent.inbox.mark()
    await steps.accepted(agent, invitation)
    await verify.no_notification_about(peer_agent, invitation.id, since=since, what="agent A's invitation and Accept", errors=True)


@requirement("GEN-ERROR-01")
async def test_refusal_carries_status_message(agent: AgentHandle) -> None:
    """POST Accept on an unknown id; judge the refusal's body."""
    reply = await agent.rest.email_operation(f"gwsct-unknown-{secrets.token_hex(6)}", "Accept")
    verify.error_envelope(reply, "the refusal of an Accept on an unknown id")


@requirement("GEN-ERROR-02")
async def test_refusal_http_status(agent: AgentHandle) -> None:
    """POST Accept on an unknown id; judge the refusal's HTTP status."""
    reply = await agent.rest.email_operation(f"gwsct-unknown-{secrets.token_hex(6)}", "Accept")
    verify.error_http_status(reply, "the refusal of an Accept on an unknown id")
