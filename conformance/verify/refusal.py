"""Was a request refused? The one judge of it, for the checks and the fuzz campaign alike.

A target refuses a request either synchronously (a non-zero statusCode in the answer) or
asynchronously: the asynchronous-events pages say the HTTP answer only means the request was
passed on, and for email a failure arrives with notificationType Error. So a 2xx success followed
by an Error notification about that email is a refusal too (docs/positions.md#refusal; the Error's
fields: referenceId, the email when available, statusCode/statusMessage, extras tolerated, as
docs/positions.md#error-notification reads them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance.clients.bayeux.inbox import Delivery, Predicate
from conformance.clients.outcome import Outcome, answer_outcome
from conformance.clients.rest import RestReply
from conformance.errors import Blocked, CheckFailed
from conformance.evidence import current_recorder
from conformance.target.owed import reference_id_of
from conformance.target.sent import Sent
from conformance.verify.answers import refused, status_codes
from conformance.verify.error_shape import DETAILS_REQUIREMENT, TYPE_REQUIREMENT, detail_defects, looks_like_error, malformed_reason, type_defects
from conformance.verify.notifications import caused_by, is_error_notification


def _error_status_code(delivery: Delivery) -> int | None:
    code = delivery.data.get("statusCode") if isinstance(delivery.data, dict) else None
    return code if isinstance(code, int) and not isinstance(code, bool) else None


def caused_or_anonymous_error(reply: RestReply, email_id: str) -> Predicate:
    """Predicate: a notification caused by `reply` (never one carrying another request's
    referenceId); or, when the answer carries no referenceId, an Error that followed it and
    names no other email (the Error's fields are undocumented: docs/positions.md#error-notification)."""
    caused = caused_by(reply, email_id)
    reference_id = reference_id_of(reply)

    def matches(delivery: Delivery) -> bool:
        data = delivery.data if isinstance(delivery.data, dict) else {}
        other = data.get("referenceId")
        if reference_id is not None and isinstance(other, int) and other != reference_id:
            return False
        if caused(delivery):
            return True
        return reference_id is None and is_error_notification(delivery) and named_email(data) in (None, email_id)

    return matches


def named_email(data: dict[str, Any]) -> object:
    """The email an Error notification names (its fields are undocumented: the email's id, or emailId)."""
    email = data.get("email")
    return email.get("id") if isinstance(email, dict) else data.get("emailId")


@dataclass(frozen=True)
class Judged:
    """A request's outcome, and the notification that decided it when the answer did not."""

    outcome: Outcome
    notification: Delivery | None = None  # the first notification the accepted request caused

    @property
    def asynchronous(self) -> bool:
        return self.notification is not None and self.outcome is Outcome.REFUSED

    def refused_with(self, reply: RestReply) -> int | None:
        """The statusCode of the refusal (the Error notification's when it told it), else None."""
        if self.outcome is not Outcome.REFUSED:
            return None
        return _error_status_code(self.notification) if self.notification is not None else reply.status_code


async def judged_outcome(sent: Sent) -> Judged:
    """The answer's outcome; for an accepted answer, also the first notification it caused
    within the notification timeout: an Error there (or a non-zero statusCode under another
    notificationType) means the request was refused after all."""
    agent, reply, email_id, since = sent.agent, sent.reply, sent.on_email, sent.since
    taken = answer_outcome(reply)
    if taken is not Outcome.ACCEPTED:
        return Judged(taken)
    delivery = await agent.inbox.wait_for(caused_or_anonymous_error(reply, email_id), timeout=agent.profile.timeouts.notification, since=since)
    if delivery is not None and looks_like_error(delivery):
        return Judged(Outcome.REFUSED, delivery)
    return Judged(Outcome.ACCEPTED, delivery)


def _expected(codes: tuple[int, ...]) -> str:
    sync = f"statusCode {' or '.join(map(str, codes))}" if codes else "a non-zero statusCode"
    return f"{sync}, or a success answer followed by an Error notification about the email"


async def refusal(sent: Sent, *, what: str, status_code: int | tuple[int, ...] | None = None) -> Judged:
    """`sent` was refused, synchronously or by an Error notification; `status_code` pins the
    code wherever the target gives one."""
    agent, reply = sent.agent, sent.reply
    codes = status_codes(status_code)
    judged = await judged_outcome(sent)
    if judged.outcome is Outcome.ACCEPTED:
        followed: Any = judged.notification.message if judged.notification is not None else "no notification"
        raise CheckFailed(
            f"{what} was accepted ({reply.summary()}) and followed by no Error notification, but must be refused",
            expected=_expected(codes),
            observed={"answer": reply.observed(), "then": followed},
        )
    if not judged.asynchronous:
        refused(reply, status_code=codes or None, what=what)
        return judged
    assert judged.notification is not None
    malformed = type_defects(judged.notification)
    if malformed:
        raise Blocked(f"{agent.label}: Error notification of {what}", malformed_reason(TYPE_REQUIREMENT, malformed))
    current_recorder().note(agent.label, f"{what}: answered {reply.summary()}, then refused by an Error notification")
    departures = detail_defects(judged.notification)
    if departures:  # a SHOULD departure: the refusal itself stands
        current_recorder().note(agent.label, f"{what}: its Error notification departs from {DETAILS_REQUIREMENT}: {departures[0]}")
    code = _error_status_code(judged.notification)
    if codes and code is not None and code not in codes:
        raise CheckFailed(
            f"{what} was refused by an Error notification with statusCode {code}, not {' or '.join(map(str, codes))}",
            expected=_expected(codes),
            observed=judged.notification.message,
        )
    return judged
