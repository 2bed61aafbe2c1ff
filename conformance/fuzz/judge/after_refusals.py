"""After the campaign: notifications that followed refused requests.

Waiting out a "nothing follows" window after every refusal would cost most of the budget,
so the campaign waits once, at the end, and then attributes every notification about a
fuzzed email to the request sent on that email just before it arrived. Notifications the
agent's accepted requests explain (`OwedNotifications.explains`: by referenceId, email id or
a new email on the stream) are never blamed on a refusal.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Any

from conformance.clients.bayeux.inbox import Delivery, Inbox, Predicate
from conformance.fuzz.run.provisioning import FuzzedRequest, Resource
from conformance.target.owed import email_of, matched_email
from conformance.verify.notifications import is_error_notification


Explained = Callable[[Delivery], bool]  # caused by one of the agent's accepted requests


def _latest_before(sent: list[FuzzedRequest], index: int) -> FuzzedRequest | None:
    position = bisect.bisect_right([s.mark for s in sent], index)
    return sent[position - 1] if position else None


def blamable(resources: Iterable[Resource], explained: Explained) -> Predicate:
    """Predicate for the final wait: a notification the scan would blame on a refusal."""
    refused_last = {r.id for r in resources if r.id is not None and r.sent and r.sent[-1].refused}

    def matches(delivery: Delivery) -> bool:
        email = email_of(delivery)
        return email is not None and email.get("id") in refused_last and not explained(delivery) and not is_error_notification(delivery)

    return matches


def refused_then_notified(resources: Iterable[Resource], inbox: Inbox, explained: Explained, sent_marks: list[int]) -> list[tuple[FuzzedRequest, Delivery]]:
    """(refused request, the first unexplained notification that followed it) pairs."""
    # An Error notification tells a refusal (verify.refusal), it changes nothing.
    deliveries = [d for d in inbox.all() if email_of(d) is not None and not explained(d) and not is_error_notification(d)]
    first_seen: dict[object, int] = {}
    for delivery in inbox.all():
        email = email_of(delivery)
        if email is not None:
            first_seen.setdefault(email.get("id"), delivery.index)
    found: list[tuple[FuzzedRequest, Delivery]] = []
    for resource in resources:
        if not resource.sent:
            continue
        blamed: set[int] = set()
        for delivery in deliveries:
            if delivery.index < resource.sent[0].mark:
                continue
            email = matched_email(delivery)
            culprit = _latest_before(resource.sent, delivery.index)
            if culprit is None or not culprit.refused or id(culprit) in blamed:
                continue
            if resource.id is not None:
                concerned = email.get("id") == resource.id
            else:
                concerned = _announces_draft(email, delivery, first_seen) and _before_next_request(culprit, delivery, sent_marks)
            if concerned:
                blamed.add(id(culprit))
                found.append((culprit, delivery))
    return found


def _announces_draft(email: dict[str, Any], delivery: Delivery, first_seen: dict[object, int]) -> bool:
    """For Create: a notification introducing a draft nobody had heard of."""
    return email.get("state") == "Composing" and first_seen.get(email.get("id")) == delivery.index


def _before_next_request(culprit: FuzzedRequest, delivery: Delivery, sent_marks: list[int]) -> bool:
    # Later drafts may come from the next requests (their provisioning creates drafts too).
    position = bisect.bisect_right(sent_marks, culprit.mark)
    return position >= len(sent_marks) or delivery.index < sent_marks[position]
