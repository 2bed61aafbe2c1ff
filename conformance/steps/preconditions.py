"""Steps a check needs to have worked before it can judge anything: failures BLOCK it."""

from __future__ import annotations


from conformance.clients.bayeux.inbox import Delivery
from conformance.clients.outcome import Outcome, went_through
from conformance.clients.rest import RestReply
from conformance.errors import Blocked
from conformance.steps.requests import send
from conformance.target import AgentHandle, Invitation
from conformance.target.owed import email_of
from conformance.target.sent import Sent
from conformance.verify.error_shape import looks_like_error
from conformance.verify.notifications import caused_by
from conformance.verify.refusal import judged_outcome


def require_accepted(reply: RestReply, step: str) -> None:
    """The request went through: a 2xx answer that does not say refused."""
    if reply.error:
        raise Blocked(step, f"no answer: {reply.error}")
    if not went_through(reply):
        raise Blocked(step, reply.outcome("refused"))


async def require_notification(sent: Sent, *, step: str, state: str | None = None) -> Delivery:
    """The notification caused by `sent` (in `state` when given), else BLOCKED; its latency
    teaches the target's timing like any notification a request caused."""
    agent, reply, email_id, since = sent.agent, sent.reply, sent.on_email, sent.since

    def wanted(delivery: Delivery) -> bool:
        if not caused_by(reply, email_id)(delivery):
            return False
        if looks_like_error(delivery):
            return True  # refused after all: BLOCKED below, not waited out
        email = email_of(delivery)
        return state is None or (email is not None and email.get("state") == state)

    agent.give_up_early(step)
    timeout = agent.profile.timeouts.notification
    delivery = await agent.inbox.wait_for(wanted, timeout=timeout, since=since, what=f"{step}: the notification of email {email_id}")
    agent.note_wait(step, arrived=delivery is not None)
    if delivery is None:
        what = f"in state {state} " if state else ""
        raise Blocked(step, f"no notification {what}for email {email_id} within {timeout:g} s")
    if looks_like_error(delivery):
        raise Blocked(step, f"refused by an Error notification: {str(delivery.data)[:200]}")
    agent.timing.observe_latency(max(0.0, delivery.received - reply.started - reply.elapsed))
    return delivery


async def settled(sent: Sent, *, step: str) -> None:
    """`sent` went through and its outcome is known before the next stimulus: its notification
    arrived, or the refusal judge's window passed without an Error (an operation that notifies
    nothing is judged by what follows it, not BLOCKED). A refusal, at once or by an Error
    notification, BLOCKS the check."""
    require_accepted(sent.reply, step)
    judged = await judged_outcome(sent)
    if judged.outcome is Outcome.REFUSED:
        detail = str(judged.notification.data)[:200] if judged.notification is not None else sent.reply.outcome("refused")
        raise Blocked(step, f"refused by an Error notification: {detail}")


async def accepted(agent: AgentHandle, invitation: Invitation) -> Delivery:
    """Accept the invitation and wait until it is Processing, else BLOCKED."""
    sent = await send(agent, invitation.id, "Accept")
    require_accepted(sent.reply, "Accept (precondition)")
    return await require_notification(sent, step="Accept (precondition)", state="Processing")
