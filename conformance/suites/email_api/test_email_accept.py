"""EmailAccept: https://docs.genesys.com/Documentation/HTCC/latest/API/EmailAccept"""

from __future__ import annotations

import secrets
from typing import Any

import pytest

from conformance import steps, verify
from conformance.clients.bayeux.inbox import Delivery
from conformance.clients.rest import GwsRestClient, RestReply
from conformance.errors import NotApplicable
from conformance.oracle import State
from conformance.profile import TargetProfile
from conformance.suites import requirement
from conformance.target import AgentHandle, Invitation
from conformance.target.owed import reference_id_of
from conformance.verify import lifecycle

INVALID_SAVE_LAR = ["yes", 1, None, "", {}]


async def _accept_notification(agent: AgentHandle, invitation: Invitation, **params: Any) -> tuple[RestReply, Delivery]:
    sent = await steps.send(agent, invitation.id, "Accept", **params)
    steps.require_accepted(sent.reply, "Accept")
    delivery = await steps.require_notification(sent, step="Accept notification")
    return sent.reply, delivery


@requirement("EMAIL-INVITE-01")
async def test_invitation_offers_accept_and_reject(offered_invitation: Invitation, profile: TargetProfile) -> None:
    """Inject an inbound email addressed to the agent; judge the first notification about it."""
    verify.well_formed_invitation(offered_invitation, profile.features)


@requirement("EMAIL-ACCEPT-01")
async def test_accept_answers_200(agent: AgentHandle, invitation: Invitation) -> None:
    """POST Accept on an Invited email."""
    sent = await steps.send(agent, invitation.id, "Accept")
    verify.success_answer(sent.reply, "Accept")


@requirement("EMAIL-ACCEPT-02")
async def test_accept_answer_is_json(agent: AgentHandle, invitation: Invitation) -> None:
    """POST Accept on an Invited email; judge the body's media type and syntax."""
    sent = await steps.send(agent, invitation.id, "Accept")
    verify.json_answer(sent.reply, "the Accept answer")


@requirement("EMAIL-ACCEPT-03")
async def test_accept_notified_on_emails_channel(agent: AgentHandle, invitation: Invitation) -> None:
    """POST Accept; wait for the notification it causes."""
    sent = await steps.send(agent, invitation.id, "Accept")
    steps.require_accepted(sent.reply, "Accept")
    await verify.email_notification(sent, what="Accept")


@requirement("EMAIL-ACCEPT-04")
async def test_accept_notification_types(agent: AgentHandle, invitation: Invitation) -> None:
    """POST Accept; judge messageType and notificationType of its notification."""
    _, delivery = await _accept_notification(agent, invitation)
    verify.email_field(delivery, "messageType", "EmailStateChangeMessage")
    verify.email_field(delivery, "notificationType", "StatusChange")


@requirement("EMAIL-ACCEPT-05")
async def test_accept_notification_names_the_email(agent: AgentHandle, invitation: Invitation) -> None:
    """POST Accept; judge email.id of its notification."""
    _, delivery = await _accept_notification(agent, invitation)
    verify.email_field(delivery, "email.id", invitation.id)


@requirement("EMAIL-ACCEPT-06")
async def test_accept_makes_processing(agent: AgentHandle, invitation: Invitation) -> None:
    """POST Accept; judge email.state of its notification."""
    _, delivery = await _accept_notification(agent, invitation)
    verify.email_state(delivery, "Processing")


@requirement("EMAIL-ACCEPT-07")
async def test_accept_capabilities(agent: AgentHandle, invitation: Invitation) -> None:
    """POST Accept; judge email.capabilities of its notification."""
    _, delivery = await _accept_notification(agent, invitation)
    verify.capabilities_include(delivery, "Complete")
    verify.capabilities_exclude(delivery, "Accept", "Reject")


@requirement("EMAIL-ACCEPT-08")
async def test_accept_reference_id_correlates(agent: AgentHandle, invitation: Invitation) -> None:
    """POST Accept; compare the answer's referenceId with the notification's."""
    reply, delivery = await _accept_notification(agent, invitation)
    reference_id = reference_id_of(reply)
    if reference_id is None:
        raise NotApplicable("the Accept answer carries no referenceId; notifications are correlated by email id")
    verify.email_field(delivery, "referenceId", reference_id)


@requirement("EMAIL-ACCEPT-09")
async def test_accept_notification_schema(agent: AgentHandle, invitation: Invitation) -> None:
    """POST Accept; validate its notification's data against the EmailStateChangeMessage schema."""
    _, delivery = await _accept_notification(agent, invitation)
    verify.valid_against("email-state-change-message", delivery.data, "the Accept notification")


@requirement("EMAIL-ACCEPT-10")
@pytest.mark.parametrize("save_lar", [True, False, "absent"])
async def test_accept_save_lar_values(agent: AgentHandle, invitation: Invitation, save_lar: bool | str) -> None:
    """POST Accept with saveLAR true, false, or without it."""
    params: dict[str, Any] = {} if save_lar == "absent" else {"saveLAR": save_lar}
    sent = await steps.send(agent, invitation.id, "Accept", **params)
    verify.success_answer(sent.reply, f"Accept with saveLAR {save_lar}")
    await verify.email_notification(sent, what="Accept")


@requirement("EMAIL-ACCEPT-11")
@pytest.mark.parametrize("save_lar", INVALID_SAVE_LAR, ids=repr)
async def test_accept_invalid_save_lar_refused(agent: AgentHandle, invitation: Invitation, save_lar: object) -> None:
    """POST Accept with a saveLAR that is not a boolean."""
    sent = await steps.send(agent, invitation.id, "Accept", saveLAR=save_lar, deliberately_invalid=True)
    await verify.refusal(sent, what=f"Accept with saveLAR {save_lar!r}")
    await verify.no_notification_about(agent, invitation.id, since=sent.since, what="a refused Accept")
    verify.fetched_state(await agent.rest.get_email(invitation.id), invitation.id, "Invited", after="a refused Accept")


@requirement("EMAIL-ACCEPT-12")
async def test_accept_twice_refused(agent: AgentHandle, invitation: Invitation) -> None:
    """Accept an invitation, then POST Accept again."""
    await steps.accepted(agent, invitation)
    sent = await steps.send(agent, invitation.id, "Accept")
    await verify.refusal(sent, what="a second Accept")
    await verify.no_notification_about(agent, invitation.id, since=sent.since, what="a refused second Accept")


@requirement("EMAIL-ACCEPT-13")
async def test_accept_unknown_id(agent: AgentHandle) -> None:
    """POST Accept on an id the agent has never seen."""
    reply = await agent.rest.email_operation(f"gwsct-unknown-{secrets.token_hex(6)}", "Accept")
    verify.refused(reply, status_code=6, what="Accept of an unknown email")


@requirement("EMAIL-ACCEPT-14")
async def test_accept_other_agents_invitation(agent: AgentHandle, peer_agent: AgentHandle, invitation: Invitation) -> None:
    """Agent B POSTs Accept on the invitation offered to agent A; then agent A GETs it."""
    since_a = agent.inbox.mark()
    sent = await steps.send(peer_agent, invitation.id, "Accept")
    await verify.refusal(sent, what="Accept by another agent")
    await verify.no_notification_about(peer_agent, invitation.id, since=sent.since, what="a refused Accept")
    await lifecycle.unchanged(agent, invitation.id, state=State.INVITED, since=since_a, what="another agent's refused Accept", errors=True)


@requirement("EMAIL-ACCEPT-15")
async def test_accept_without_credentials(agent: AgentHandle, invitation: Invitation, anonymous: GwsRestClient) -> None:
    """POST Accept on agent A's invitation without any credentials."""
    since = agent.inbox.mark()
    reply = await anonymous.email_operation(invitation.id, "Accept")
    verify.refused(reply, status_code=20, what="Accept without credentials")
    await verify.no_notification_about(agent, invitation.id, since=since, what="an unauthenticated Accept")


@requirement("EMAIL-ACCEPT-16")
async def test_missing_operation_name(agent: AgentHandle, invitation: Invitation) -> None:
    """POST a body without operationName to an Invited email."""
    since = agent.inbox.mark()
    reply = await agent.rest.email_operation(invitation.id, None, saveLAR=False)
    verify.refused(reply, status_code=1, what="a request without operationName")
    await verify.no_notification_about(agent, invitation.id, since=since, what="a refused request")


@requirement("EMAIL-ACCEPT-17")
async def test_unknown_operation_name(agent: AgentHandle, invitation: Invitation) -> None:
    """POST operationName "AcceptAll" (not an operation) to an Invited email."""
    since = agent.inbox.mark()
    reply = await agent.rest.email_operation(invitation.id, "AcceptAll", deliberately_invalid=True)
    verify.refused(reply, what="an unknown operationName")
    await verify.no_notification_about(agent, invitation.id, since=since, what="a refused request")


@requirement("EMAIL-ACCEPT-18")
async def test_get_after_accept(agent: AgentHandle, invitation: Invitation) -> None:
    """Accept an invitation, then GET /api/v2/me/emails/{id}."""
    await steps.accepted(agent, invitation)
    verify.fetched_state(await agent.rest.get_email(invitation.id), invitation.id, "Processing", after="Accept")
