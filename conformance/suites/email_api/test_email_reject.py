"""EmailReject: https://docs.genesys.com/Documentation/HTCC/latest/API/EmailReject"""

from __future__ import annotations

from conformance import steps, verify
from conformance.suites import requirement
from conformance.target import AgentHandle, Invitation, invite


@requirement("EMAIL-REJECT-01")
async def test_reject_answers_200(agent: AgentHandle, invitation: Invitation) -> None:
    """POST Reject on an Invited email."""
    sent = await steps.send(agent, invitation.id, "Reject")
    verify.success_answer(sent.reply, "Reject")


@requirement("EMAIL-REJECT-02")
async def test_reject_notified(agent: AgentHandle, invitation: Invitation) -> None:
    """POST Reject; wait for the StatusChange it causes on /v2/me/emails."""
    sent = await steps.send(agent, invitation.id, "Reject")
    steps.require_accepted(sent.reply, "Reject")
    delivery = await verify.email_notification(sent, what="Reject")
    verify.email_field(delivery, "notificationType", "StatusChange")


@requirement("EMAIL-REJECT-03")
async def test_rejected_email_leaves_agent(agent: AgentHandle, invitation: Invitation) -> None:
    """Reject an invitation and wait for its outcome (its notification, or the refusal window), then POST Accept on it."""
    sent = await steps.send(agent, invitation.id, "Reject")
    await steps.settled(sent, step="Reject (precondition)")
    again = await steps.send(agent, invitation.id, "Accept")
    await verify.refusal(again, what="Accept of an email the agent rejected")


@requirement("EMAIL-REJECT-04")
async def test_rejected_email_offered_to_other_agent(agent: AgentHandle, peer_agent: AgentHandle) -> None:
    """An email to A, copied to B; A rejects its invitation; wait for B's invitation."""
    invitation = await invite(agent, cc=[peer_agent.account.address] if peer_agent.account.address else [])
    since = peer_agent.inbox.mark()
    sent = await steps.send(agent, invitation.id, "Reject")
    steps.require_accepted(sent.reply, "Reject")
    await verify.offered_to(peer_agent, invitation.id, since=since, what="after Reject")


@requirement("EMAIL-REJECT-05")
async def test_reject_after_accept_refused(agent: AgentHandle, invitation: Invitation) -> None:
    """Accept an invitation, then POST Reject on it."""
    await steps.accepted(agent, invitation)
    sent = await steps.send(agent, invitation.id, "Reject")
    await verify.refusal(sent, status_code=(2, 3), what="Reject after Accept")
    await verify.no_notification_about(agent, invitation.id, since=sent.since, what="a refused Reject")
