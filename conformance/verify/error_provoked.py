"""Getting the Error notification that tells the refusal of a request the target must refuse."""

from __future__ import annotations

from typing import Any

from conformance.clients.bayeux.inbox import Delivery, Predicate
from conformance.clients.outcome import Outcome, answer_outcome
from conformance.errors import Blocked, NotApplicable
from conformance.target.sent import Sent
from conformance.verify.answers import no_answer
from conformance.verify.error_shape import looks_like_error
from conformance.verify.notifications import listened_throughout
from conformance.verify.refusal import judged_outcome, named_email


def _error_about(email_id: str) -> Predicate:
    """An Error naming `email_id`, or no email at all (its fields are undocumented)."""

    def matches(delivery: Delivery) -> bool:
        data: dict[str, Any] = delivery.data if isinstance(delivery.data, dict) else {}
        return looks_like_error(delivery) and named_email(data) in (None, email_id)

    return matches


async def provoked_error(sent: Sent, *, what: str) -> Delivery:
    """The Error notification telling the refusal of `sent`: after a success answer, the
    notification it caused (docs/positions.md#refusal); after a refusal answer, an Error about
    the email within the negative window, since errors follow as notifications too. NOT-APPLICABLE
    when the answer alone told the refusal; BLOCKED when the request was not refused at all
    (the refusal requirements judge that)."""
    agent, reply, email_id = sent.agent, sent.reply, sent.on_email
    if reply.error:
        raise no_answer(reply, what)
    taken = answer_outcome(reply)
    if taken is Outcome.REFUSED:
        window = agent.timing.negative_window()
        delivery = await agent.inbox.wait_for(_error_about(email_id), timeout=window, since=sent.since, what=f"an Error notification after {what}")
        if delivery is None:
            listened_throughout(agent.bayeux, agent.label, what)
            raise NotApplicable(f"the target refused {what} by its answer alone ({reply.summary()}); no Error notification followed within {window:.2f} s")
        return delivery
    if taken is not Outcome.ACCEPTED:
        raise Blocked(what, f"the answer tells neither success nor refusal ({reply.summary()})")
    judged = await judged_outcome(sent)
    if judged.outcome is Outcome.REFUSED and judged.notification is not None:
        return judged.notification
    told = judged.notification.message if judged.notification is not None else "no notification"
    raise Blocked(what, f"accepted ({reply.summary()}) and not refused by any notification ({told}): no Error to judge")
