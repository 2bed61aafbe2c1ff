"""After the campaign: notifications that followed refused requests.

Waiting out a "nothing follows" window after every refusal would cost most of the budget,
so the campaign waits once, at the end, and then attributes every notification about a
fuzzed email to the request sent on that email just before it arrived. Notifications that
carry the referenceId of an accepted request are explained by it; when answers carry no
referenceId (digest 3.2: correlate by email id and timing), each accepted Create explains the
first new draft announced after it, and the drafts the harness made explain themselves.
"""

from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Iterable

from conformance.clients.bayeux.inbox import Delivery, Inbox
from conformance.fuzz.resources import Resource, Sent
from conformance.target.invitations import email_of
from conformance.verify.notifications import is_error_notification


def _reference_id(delivery: Delivery) -> object:
    return delivery.data.get("referenceId") if isinstance(delivery.data, dict) else None


def _latest_before(sent: list[Sent], index: int) -> Sent | None:
    position = bisect.bisect_right([s.mark for s in sent], index)
    return sent[position - 1] if position else None


def blamable(resources: Iterable[Resource], explained: set[int]):
    """Predicate for the final wait: a notification the scan would blame on a refusal."""
    refused_last = {r.id for r in resources if r.id is not None and r.sent and r.sent[-1].refused}

    def matches(delivery: Delivery) -> bool:
        email = email_of(delivery)
        return email is not None and _reference_id(delivery) not in explained and email.get("id") in refused_last and not is_error_notification(delivery)

    return matches


def refused_then_notified(
    resources: Iterable[Resource], inbox: Inbox, explained: set[int], sent_marks: list[int], *, announced: Iterable[str] = ()
) -> list[tuple[Sent, Delivery]]:
    """(refused request, the first unexplained notification that followed it) pairs.

    `announced`: ids of drafts the harness made, whose announcement is explained."""
    made_by_harness = set(announced)
    # An Error notification tells a refusal (verify.refusal), it changes nothing.
    deliveries = [d for d in inbox.all() if email_of(d) is not None and _reference_id(d) not in explained and not is_error_notification(d)]
    first_seen: dict[object, int] = {}
    for delivery in inbox.all():
        email = email_of(delivery)
        if email is not None:
            first_seen.setdefault(email.get("id"), delivery.index)
    found: list[tuple[Sent, Delivery]] = []
    for resource in resources:
        if not resource.sent:
            continue
        blamed: set[int] = set()
        unclaimed = deque(s.mark for s in resource.sent if s.accepted_unreferenced)
        for delivery in deliveries:
            if delivery.index < resource.sent[0].mark:
                continue
            email = email_of(delivery)
            if resource.id is None and _announces_draft(email, delivery, first_seen):
                if email.get("id") in made_by_harness or _claimed(unclaimed, delivery):
                    continue
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


def _claimed(unclaimed: deque[int], delivery: Delivery) -> bool:
    """An accepted Create without referenceId, sent before `delivery`, not yet matched to its
    draft: it accounts for this one (the earliest first)."""
    if unclaimed and unclaimed[0] <= delivery.index:
        unclaimed.popleft()
        return True
    return False


def _announces_draft(email: dict, delivery: Delivery, first_seen: dict[object, int]) -> bool:
    """For Create: a notification introducing a draft nobody had heard of."""
    return email.get("state") == "Composing" and first_seen.get(email.get("id")) == delivery.index


def _before_next_request(culprit: Sent, delivery: Delivery, sent_marks: list[int]) -> bool:
    # Later drafts may come from the next requests (their provisioning creates drafts too).
    position = bisect.bisect_right(sent_marks, culprit.mark)
    return position >= len(sent_marks) or delivery.index < sent_marks[position]
