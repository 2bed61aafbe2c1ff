"""EmailTransfer: https://docs.genesys.com/Documentation/HTCC/latest/API/EmailTransfer"""

from __future__ import annotations

from typing import Any

from conformance import steps, verify
from conformance.oracle import State
from conformance.profile import TargetProfile
from conformance.suites import requirement
from conformance.target import AgentHandle, Invitation
from conformance.target.sent import Sent
from conformance.verify import lifecycle


def _malformed_destinations(peer_uri: str, parking: str) -> list[dict[str, Any]]:
    unknown_user = peer_uri.rstrip("/").rsplit("/", 1)[0] + "/gwsct-nobody"
    return [
        {"userUri": peer_uri, "queueName": parking},
        {"userUri": 42},
        {"userUri": unknown_user},
        {"queueName": ""},
    ]


async def _transfer_to_peer(agent: AgentHandle, peer_agent: AgentHandle, invitation: Invitation) -> Sent:
    user_uri = steps.peer_user_uri(peer_agent)
    await steps.processing(agent, invitation)
    return await steps.send(agent, invitation.id, "Transfer", userUri=user_uri)


@requirement("EMAIL-TRANSFER-01")
async def test_transfer_answers_200(agent: AgentHandle, peer_agent: AgentHandle, invitation: Invitation) -> None:
    """Accept an invitation, POST Transfer with agent B's userUri."""
    sent = await _transfer_to_peer(agent, peer_agent, invitation)
    verify.success_answer(sent.reply, "Transfer")


@requirement("EMAIL-TRANSFER-02")
async def test_transfer_notified(agent: AgentHandle, peer_agent: AgentHandle, invitation: Invitation, profile: TargetProfile) -> None:
    """Accept an invitation, Transfer it to agent B; wait for agent A's notification."""
    sent = await _transfer_to_peer(agent, peer_agent, invitation)
    steps.require_accepted(sent.reply, "Transfer")
    delivery = await verify.email_notification(sent, what="Transfer")
    lifecycle.transition(delivery, State.PROCESSING, "Transfer", profile.features)


@requirement("EMAIL-TRANSFER-03")
async def test_transferred_email_leaves_agent(agent: AgentHandle, invitation: Invitation) -> None:
    """Accept an invitation, Transfer it to a queue, then POST Complete on it."""
    parking = agent.profile.deployment.parking()
    await steps.processing(agent, invitation)
    sent = await steps.send(agent, invitation.id, "Transfer", queueName=parking)
    steps.require_accepted(sent.reply, "Transfer (precondition)")
    await steps.require_notification(sent, step="Transfer notification (precondition)")
    complete = await steps.send(agent, invitation.id, "Complete")
    await verify.refusal(complete, what="Complete of a transferred email")
    await verify.no_notification_about(agent, invitation.id, since=complete.since, what="a refused Complete")


@requirement("EMAIL-TRANSFER-04")
async def test_transfer_invites_the_user(agent: AgentHandle, peer_agent: AgentHandle, invitation: Invitation) -> None:
    """Accept an invitation, Transfer it by agent B's userUri; wait for B's invitation."""
    since = peer_agent.inbox.mark()
    sent = await _transfer_to_peer(agent, peer_agent, invitation)
    steps.require_accepted(sent.reply, "Transfer")
    await verify.offered_to(peer_agent, invitation.id, since=since, what="after Transfer by userUri")


@requirement("EMAIL-TRANSFER-05")
async def test_transfer_to_queue(agent: AgentHandle, invitation: Invitation, profile: TargetProfile) -> None:
    """Accept an invitation, POST Transfer with a queueName."""
    parking = agent.profile.deployment.parking()
    await steps.processing(agent, invitation)
    sent = await steps.send(agent, invitation.id, "Transfer", queueName=parking)
    verify.success_answer(sent.reply, "Transfer to a queue")
    delivery = await verify.email_notification(sent, what="Transfer to a queue")
    lifecycle.transition(delivery, State.PROCESSING, "Transfer", profile.features)


@requirement("EMAIL-TRANSFER-06")
async def test_transfer_without_destination(agent: AgentHandle, invitation: Invitation) -> None:
    """Accept an invitation, POST Transfer with neither userUri nor queueName."""
    await steps.processing(agent, invitation)
    sent = await steps.send(agent, invitation.id, "Transfer", deliberately_invalid=True)
    await verify.refusal(sent, status_code=1, what="Transfer without a destination")
    await lifecycle.unchanged(agent, invitation.id, state=State.PROCESSING, since=sent.since, what="a refused Transfer")


@requirement("EMAIL-TRANSFER-07")
async def test_transfer_malformed_destinations(agent: AgentHandle, peer_agent: AgentHandle, invitation: Invitation) -> None:
    """Accept an invitation, POST Transfer with both destinations, a numeric or unknown userUri, an empty queueName."""
    parking, user_uri = agent.profile.deployment.parking(), steps.peer_user_uri(peer_agent)
    await steps.processing(agent, invitation)
    since = agent.inbox.mark()
    for params in _malformed_destinations(user_uri, parking):
        sent = await steps.send(agent, invitation.id, "Transfer", deliberately_invalid=True, **params)
        await verify.refusal(sent, what=f"Transfer with {params}")
    await lifecycle.unchanged(agent, invitation.id, state=State.PROCESSING, since=since, what="refused Transfers")
