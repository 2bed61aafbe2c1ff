"""EmailSend: https://docs.genesys.com/Documentation/HTCC/latest/API/EmailSend"""

from __future__ import annotations

from typing import Any

from conformance import steps, verify
from conformance.oracle import State
from conformance.oracle.params import draft_fields
from conformance.profile import TargetProfile
from conformance.steps.reach import Email
from conformance.suites import requirement
from conformance.target import AgentHandle
from conformance.target.sent import Sent
from conformance.verify import lifecycle


def _fields(agent: AgentHandle) -> dict[str, Any]:
    return draft_fields(agent.account.address or f"{agent.account.username}@example.test", "Sent by the conformance suite")


async def _sent(agent: AgentHandle) -> tuple[Email, Sent]:
    queue = agent.profile.deployment.outbound()
    email = await steps.draft(agent)
    return email, await steps.send(agent, email.id, "Send", queueName=queue, email=_fields(agent))


@requirement("EMAIL-SEND-01")
async def test_send_answers_200(agent: AgentHandle) -> None:
    """Get a draft; POST Send with queueName and every email field."""
    _, sent = await _sent(agent)
    verify.success_answer(sent.reply, "Send")


@requirement("EMAIL-SEND-02")
async def test_send_notified(agent: AgentHandle, profile: TargetProfile) -> None:
    """Get a draft; POST Send; judge its notification against the lifecycle model."""
    email, sent = await _sent(agent)
    steps.require_accepted(sent.reply, "Send")
    delivery = await verify.email_notification(sent, what="Send")
    lifecycle.transition(delivery, State.COMPOSING, "Send", profile.features)


@requirement("EMAIL-SEND-03")
async def test_sent_email_takes_nothing_more(agent: AgentHandle, profile: TargetProfile) -> None:
    """Get a draft and Send it; then POST Save and Cancel on it."""
    email, sent = await _sent(agent)
    steps.require_accepted(sent.reply, "Send (precondition)")
    await steps.require_notification(sent, step="Send notification (precondition)")
    since = agent.inbox.mark()
    attempts: list[tuple[str, dict[str, Any]]] = [("Save", {"email": _fields(agent)})]
    if profile.declares("cancel"):
        attempts.append(("Cancel", {}))
    for operation, params in attempts:
        again = await steps.send(agent, email.id, operation, **params)
        await verify.refusal(again, what=f"{operation} of a sent email")
    await verify.no_notification_about(agent, email.id, since=since, what="refused operations on a sent email")


@requirement("EMAIL-SEND-04")
async def test_send_missing_parameters(agent: AgentHandle) -> None:
    """Get a draft; POST Send without queueName, then without email."""
    queue = agent.profile.deployment.outbound()
    email = await steps.draft(agent)
    since = agent.inbox.mark()
    for params in ({"email": _fields(agent)}, {"queueName": queue}):
        sent = await steps.send(agent, email.id, "Send", deliberately_invalid=True, **params)
        await verify.refusal(sent, status_code=1, what=f"Send with only {', '.join(params)}")
    await lifecycle.unchanged(agent, email.id, state=State.COMPOSING, since=since, what="refused Sends")


@requirement("EMAIL-SEND-05")
async def test_send_mistyped_parameters(agent: AgentHandle) -> None:
    """Get a draft; POST Send with a numeric or empty queueName, saveLAR "yes", an empty to."""
    queue = agent.profile.deployment.outbound()
    email = await steps.draft(agent)
    since = agent.inbox.mark()
    fields = _fields(agent)
    for params in (
        {"queueName": 7, "email": fields},
        {"queueName": "", "email": fields},
        {"queueName": queue, "email": fields, "saveLAR": "yes"},
        {"queueName": queue, "email": {**fields, "to": []}},
    ):
        sent = await steps.send(agent, email.id, "Send", deliberately_invalid=True, **params)
        await verify.refusal(sent, what=f"Send with {params}")
    await lifecycle.unchanged(agent, email.id, state=State.COMPOSING, since=since, what="refused Sends")
