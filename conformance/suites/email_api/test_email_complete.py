"""EmailComplete: https://docs.genesys.com/Documentation/HTCC/latest/API/EmailComplete"""

from __future__ import annotations

from typing import Any

import pytest

from conformance import steps, verify
from conformance.deployment import DEFAULT_PARKING_QUEUE
from conformance.oracle import State
from conformance.profile import TargetProfile
from conformance.suites import requirement
from conformance.target import AgentHandle, Invitation
from conformance.target.sent import Sent
from conformance.verify import lifecycle

# queueName stands for the profile's parking queue (the default names the check in reports).
OPTIONAL_PARAMETERS: list[dict[str, Any]] = [
    {"queueName": DEFAULT_PARKING_QUEUE},
    {"saveLAR": True},
    {"saveLAR": False},
    {"queueName": DEFAULT_PARKING_QUEUE, "saveLAR": True},
]
# An empty queueName is no mistake: nothing documents its refusal (it may read as no queue).
MISTYPED_PARAMETERS: list[dict[str, Any]] = [{"queueName": 42}, {"queueName": None}, {"saveLAR": "yes"}, {"saveLAR": 1}]


async def _completed(agent: AgentHandle, invitation: Invitation) -> Sent:
    await steps.processing(agent, invitation)
    sent = await steps.send(agent, invitation.id, "Complete")
    steps.require_accepted(sent.reply, "Complete")
    return sent


@requirement("EMAIL-COMPLETE-01")
async def test_complete_answers_200(agent: AgentHandle, invitation: Invitation) -> None:
    """Accept an invitation, then POST Complete."""
    await steps.processing(agent, invitation)
    sent = await steps.send(agent, invitation.id, "Complete")
    verify.success_answer(sent.reply, "Complete")


@requirement("EMAIL-COMPLETE-02")
async def test_complete_notified(agent: AgentHandle, invitation: Invitation) -> None:
    """Accept an invitation, POST Complete; wait for the notification it causes."""
    sent = await _completed(agent, invitation)
    delivery = await verify.email_notification(sent, what="Complete")
    verify.email_field(delivery, "messageType", "EmailStateChangeMessage")
    verify.email_field(delivery, "notificationType", "StatusChange")
    verify.email_field(delivery, "email.id", invitation.id)


@requirement("EMAIL-COMPLETE-03")
async def test_complete_ends_the_email(agent: AgentHandle, invitation: Invitation, profile: TargetProfile) -> None:
    """Accept an invitation, POST Complete; judge its notification against the lifecycle model."""
    sent = await _completed(agent, invitation)
    delivery = await steps.require_notification(sent, step="Complete notification")
    lifecycle.transition(delivery, State.PROCESSING, "Complete", profile.features)


@requirement("EMAIL-COMPLETE-04")
@pytest.mark.parametrize("params", OPTIONAL_PARAMETERS, ids=lambda p: ",".join(f"{k}={v}" for k, v in p.items()))
async def test_complete_optional_parameters(agent: AgentHandle, invitation: Invitation, profile: TargetProfile, params: dict[str, Any]) -> None:
    """Accept an invitation, POST Complete with queueName and/or saveLAR."""
    if "queueName" in params:
        params = {**params, "queueName": profile.deployment.parking()}
    await steps.processing(agent, invitation)
    sent = await steps.send(agent, invitation.id, "Complete", **params)
    verify.success_answer(sent.reply, f"Complete with {params}")
    delivery = await verify.email_notification(sent, what="Complete")
    lifecycle.transition(delivery, State.PROCESSING, "Complete", profile.features)


@requirement("EMAIL-COMPLETE-05")
async def test_complete_mistyped_parameters_refused(agent: AgentHandle, invitation: Invitation) -> None:
    """Accept an invitation, POST Complete with each mistyped queueName and saveLAR in turn."""
    await steps.processing(agent, invitation)
    since = agent.inbox.mark()
    for params in MISTYPED_PARAMETERS:
        sent = await steps.send(agent, invitation.id, "Complete", deliberately_invalid=True, **params)
        await verify.refusal(sent, what=f"Complete with {params}")
    await lifecycle.unchanged(agent, invitation.id, state=State.PROCESSING, since=since, what="refused Completes")


@requirement("EMAIL-COMPLETE-06")
async def test_complete_of_invitation_refused(agent: AgentHandle, invitation: Invitation) -> None:
    """POST Complete on an Invited email (not accepted)."""
    sent = await steps.send(agent, invitation.id, "Complete")
    await verify.refusal(sent, what="Complete of an invitation")
    await lifecycle.unchanged(agent, invitation.id, state=State.INVITED, since=sent.since, what="a refused Complete")


@requirement("EMAIL-COMPLETE-07")
async def test_complete_twice_refused(agent: AgentHandle, invitation: Invitation) -> None:
    """Accept and Complete an invitation, then POST Complete again."""
    sent = await _completed(agent, invitation)
    await steps.require_notification(sent, step="Complete (precondition)")
    again = await steps.send(agent, invitation.id, "Complete")
    await verify.refusal(again, what="a second Complete")
    await verify.no_notification_about(agent, invitation.id, since=again.since, what="a refused second Complete")
