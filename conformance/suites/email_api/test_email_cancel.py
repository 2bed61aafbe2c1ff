"""EmailCancel: https://docs.genesys.com/Documentation/HTCC/latest/API/EmailCancel"""

from __future__ import annotations

from typing import Any

from conformance import steps, verify
from conformance.oracle import State
from conformance.oracle.params import draft_fields
from conformance.profile import TargetProfile
from conformance.suites import requirement
from conformance.target import AgentHandle, Invitation
from conformance.verify import lifecycle


@requirement("EMAIL-CANCEL-01")
async def test_cancel_answers_200(agent: AgentHandle) -> None:
    """Get a draft; POST Cancel."""
    email = await steps.draft(agent)
    sent = await steps.send(agent, email.id, "Cancel")
    verify.success_answer(sent.reply, "Cancel")


@requirement("EMAIL-CANCEL-02")
async def test_cancel_notified_as_canceled(agent: AgentHandle, profile: TargetProfile) -> None:
    """Get a draft; POST Cancel; judge its notification against the lifecycle model."""
    email = await steps.draft(agent)
    sent = await steps.send(agent, email.id, "Cancel")
    steps.require_accepted(sent.reply, "Cancel")
    delivery = await verify.email_notification(sent, what="Cancel")
    lifecycle.transition(delivery, State.COMPOSING, "Cancel", profile.features)
    verify.email_field(delivery, "email.capabilities", [])


@requirement("EMAIL-CANCEL-03")
async def test_cancel_of_inbound_refused(agent: AgentHandle, invitation: Invitation) -> None:
    """Accept an invitation (inbound, Processing); POST Cancel on it."""
    await steps.processing(agent, invitation)
    sent = await steps.send(agent, invitation.id, "Cancel")
    await verify.refusal(sent, what="Cancel of an inbound email")
    await lifecycle.unchanged(agent, invitation.id, state=State.PROCESSING, since=sent.since, what="a refused Cancel")


@requirement("EMAIL-CANCEL-04")
async def test_canceled_draft_takes_nothing_more(agent: AgentHandle, profile: TargetProfile) -> None:
    """Get a draft and Cancel it; then POST Cancel, Save and Send on it."""
    email = await steps.draft(agent)
    sent = await steps.send(agent, email.id, "Cancel")
    steps.require_accepted(sent.reply, "Cancel (precondition)")
    await steps.require_notification(sent, step="Cancel notification (precondition)")
    since = agent.inbox.mark()
    fields = draft_fields(agent.account.address or f"{agent.account.username}@example.test")
    attempts: list[tuple[str, dict[str, Any]]] = [("Cancel", {})]
    if profile.declares("save-send"):
        attempts += [("Save", {"email": fields}), ("Send", {"queueName": profile.deployment.outbound(), "email": fields})]
    for operation, params in attempts:
        again = await steps.send(agent, email.id, operation, **params)
        await verify.refusal(again, what=f"{operation} of a canceled draft")
    await verify.no_notification_about(agent, email.id, since=since, what="refused operations on a canceled draft")
