"""Finding and judging the CometD notification caused by a request."""

from __future__ import annotations

from conformance.clients.bayeux.inbox import Delivery, Predicate
from conformance.clients.bayeux.session import BayeuxSession
from conformance.clients.rest import RestReply
from conformance.errors import Blocked, CheckFailed
from conformance.target import AgentHandle
from conformance.target.agent import EMAILS_CHANNEL
from conformance.target.invitations import is_invitation_for
from conformance.target.owed import email_of, matched_email, reference_id_of
from conformance.target.sent import Sent

EMAIL_MESSAGE_TYPE = "EmailStateChangeMessage"
ERROR_NOTIFICATION = "Error"


def caused_by(reply: RestReply, email_id: str) -> Predicate:
    """Predicate: a /v2/me/** delivery caused by this request.

    By our position on referenceId (docs/positions.md#reference-id): when the answer carries
    one, a notification with the same referenceId is caused by it; otherwise correlate by email id.
    """
    reference_id = reference_id_of(reply)

    def matches(delivery: Delivery) -> bool:
        if not isinstance(delivery.channel, str) or not delivery.channel.startswith("/v2/"):
            return False
        data = delivery.data if isinstance(delivery.data, dict) else {}
        if reference_id is not None and data.get("referenceId") == reference_id:
            return True
        email = email_of(delivery)
        return email is not None and email.get("id") == email_id

    return matches


def is_error_notification(delivery: Delivery) -> bool:
    """notificationType Error: how a target refuses a request asynchronously (docs/positions.md#refusal)."""
    return isinstance(delivery.data, dict) and delivery.data.get("notificationType") == ERROR_NOTIFICATION


def about_email(email_id: str, *, errors: bool = True) -> Predicate:
    """Predicate: a notification about `email_id` (an Error too unless `errors` is False)."""

    def matches(delivery: Delivery) -> bool:
        email = email_of(delivery)
        return email is not None and email.get("id") == email_id and (errors or not is_error_notification(delivery))

    return matches


async def notification_for(sent: Sent, *, what: str) -> Delivery:
    """The notification caused by `sent` on any /v2/ channel; CheckFailed when none arrives."""
    agent, reply, email_id, since = sent.agent, sent.reply, sent.on_email, sent.since
    timeout = agent.profile.timeouts.notification
    delivery = await agent.inbox.wait_for(caused_by(reply, email_id), timeout=timeout, since=since, what=f"the notification of email {email_id}")
    if delivery is None:
        raise CheckFailed(
            f"no notification for email {email_id} reached {agent.label} within {timeout:g} s after {what}",
            expected=f"an {EMAIL_MESSAGE_TYPE} on {EMAILS_CHANNEL}",
            observed=[d.message for d in agent.inbox.since(since)][:5],
        )
    agent.timing.observe_latency(max(0.0, delivery.received - reply.started - reply.elapsed))
    return delivery


async def email_notification(sent: Sent, *, what: str) -> Delivery:
    """The notification caused by `sent`, which must come on /v2/me/emails."""
    delivery = await notification_for(sent, what=what)
    if delivery.channel != EMAILS_CHANNEL:
        raise CheckFailed(
            f"the notification of {what} arrived on {delivery.channel}, not {EMAILS_CHANNEL}",
            expected=EMAILS_CHANNEL,
            observed=delivery.message,
        )
    return delivery


async def no_notification_about(agent: AgentHandle, email_id: str, *, since: int, what: str, errors: bool = False) -> None:
    """Nothing about `email_id` that the agent's accepted requests do not explain reaches
    `agent` within the target's negative window (their late notifications are awaited first).

    An Error notification tells of a refusal, not of a change: it counts only with `errors`
    (for an agent that sent nothing, where even an Error would be another agent's event).
    """
    window = agent.timing.negative_window()
    offending = await agent.owed.quiet(about_email(email_id, errors=errors), window=window, since=since)
    if offending is not None:
        raise CheckFailed(
            f"{what} must change nothing, yet {agent.label} received a notification about email {email_id}",
            expected=f"no notification within {window:.2f} s",
            observed=offending.message,
        )
    listened_throughout(agent.bayeux, agent.label, what)


def listened_throughout(session: BayeuxSession, who: str, what: str) -> None:
    """A quiet window proves nothing unless the CometD session stayed connected through it
    (a target that died meanwhile sends nothing either): else BLOCKED."""
    if not session.connected.is_set():
        reason = session.stopped_reason or (session.failures[-1] if session.failures else "its connect failed")
        raise Blocked(f"{who}: listen for notifications", f"after {what}, the CometD session was not connected through the quiet window ({reason})")


async def offered_to(agent: AgentHandle, email_id: str, *, since: int, what: str) -> Delivery:
    """`agent` receives an invitation (Invited) for `email_id`."""
    timeout = agent.profile.timeouts.invitation

    def same_email(delivery: Delivery) -> bool:
        return is_invitation_for(None)(delivery) and matched_email(delivery)["id"] == email_id

    delivery = await agent.inbox.wait_for(same_email, timeout=timeout, since=since)
    if delivery is None:
        raise CheckFailed(
            f"{what}: email {email_id} was not offered to {agent.label} within {timeout:g} s",
            expected="an Invited notification for the same email id",
            observed=[d.message for d in agent.inbox.since(since)][:5],
        )
    return delivery
