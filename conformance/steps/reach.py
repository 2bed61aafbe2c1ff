"""Bringing an email into the state a check starts from, for the checks, the lifecycle section
and the fuzz campaign alike; a failed step BLOCKS the check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance.clients.bayeux.inbox import Delivery
from conformance.errors import Blocked, CheckFailed, NotApplicable
from conformance.oracle import State, create_params, valid_params
from conformance.steps.preconditions import accepted, require_accepted, require_notification
from conformance.steps.requests import param_context, send, send_create
from conformance.target import AgentHandle, Invitation, invite
from conformance.target.owed import email_of, matched_email
from conformance.target.sent import Sent
from conformance.verify.lifecycle import new_email_notification

INVITATION_SUBJECT = "Conformance check"


@dataclass(frozen=True)
class Email:
    """An email of one agent as the last notification about it showed it."""

    id: str
    delivery: Delivery

    @property
    def resource(self) -> dict[str, Any]:
        return email_of(self.delivery) or {}


async def processing(agent: AgentHandle, invitation: Invitation) -> Email:
    """The invitation, accepted."""
    return Email(invitation.id, await accepted(agent, invitation))


async def operated(agent: AgentHandle, email: Email, operation: str, *, step: str, state: str | None = None, **params: Any) -> Email:
    """`operation` performed on `email` and its notification received (in `state` when given)."""
    sent = await send(agent, email.id, operation, **params)
    require_accepted(sent.reply, step)
    return Email(email.id, await require_notification(sent, step=step, state=state))


async def new_email(sent: Sent, *, step: str) -> Email:
    """The new email `sent` (Reply, ReplyAll, Create) was notified about."""
    require_accepted(sent.reply, step)
    try:
        delivery = await new_email_notification(sent, what=step)
    except CheckFailed as failed:
        raise Blocked(step, failed.message) from None
    return Email(matched_email(delivery)["id"], delivery)


async def draft(agent: AgentHandle, *, subject: str = INVITATION_SUBJECT) -> Email:
    """A fresh outbound draft (Composing): by Create when declared, else by Reply to an accepted invitation."""
    profile = agent.profile
    if profile.declares("create"):
        sent = await send_create(agent, **create_params(profile.base_url, profile.deployment))
        return await new_email(sent, step="Create a draft (precondition)")
    if profile.declares("reply"):
        inbound = await processing(agent, await invite(agent, subject=subject))
        sent = await send(agent, inbound.id, "Reply", **valid_params("Reply", param_context(agent, profile)))
        return await new_email(sent, step="Reply to get a draft (precondition)")
    raise NotApplicable("reaching an outbound draft needs the feature create or reply")


def peer_user_uri(peer: AgentHandle) -> str:
    """The second agent's user URI, for Transfer by userUri (from the profile)."""
    uri = peer.account.user_uri
    if not uri:
        index = peer.profile.agents.index(peer.account)
        raise NotApplicable(f"the profile gives agent {peer.label} no user URI to transfer to (agents[{index}].user_uri)")
    return uri


async def email_in(agent: AgentHandle, state: State, *, subject: str = INVITATION_SUBJECT) -> Email:
    """A new email of `agent` in `state` (an inbound one invited with `subject`, where it takes one)."""
    if state is State.INVITED:
        invitation = await invite(agent, subject=subject)
        return Email(invitation.id, invitation.delivery)
    if state is State.PROCESSING:
        return await processing(agent, await invite(agent, subject=subject))
    if state is State.COMPOSING:
        return await draft(agent, subject=subject)
    if state is State.COMPLETED:
        return await operated(agent, await email_in(agent, State.PROCESSING, subject=subject), "Complete", step="Complete (precondition)", state="Completed")
    if state is State.CANCELED:
        if not agent.profile.declares("cancel"):
            raise NotApplicable("reaching Canceled needs the feature cancel")
        return await operated(agent, await email_in(agent, State.COMPOSING, subject=subject), "Cancel", step="Cancel (precondition)", state="Canceled")
    raise ValueError(f"the suite cannot bring an email into state {state}")
