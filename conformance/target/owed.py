"""The notifications an agent's accepted requests owe it, and the deliveries they explain.

Every answer the agent's REST client gets is recorded here. An accepted POST on an email, on
the email collection or on a channel owes the agent a notification (the outcome arrives later,
asynchronously: docs/positions.md#refusal). A delivery on the agent's inbox is attributed to the
request that caused it (docs/positions.md#reference-id):

- by referenceId, when the request's answer carried one: every delivery with that referenceId
  (Ready and NotReady excepted: channel notifications are not documented with one);
- otherwise Create, Reply and ReplyAll claim the first delivery, after they were sent, that
  introduces an email the inbox never showed before (a new id on the agent's stream), never an
  invitation; other email operations the first delivery about their email; Ready and NotReady
  the first delivery on /v2/me/channels. Requests claim in the order they were sent.

`quiet()` is the one "nothing happens" judgement: it first lets every accepted request's own
notification arrive (each wait bounded by the notification timeout), then watches its window
for an offending delivery none of those requests explains. A late event is therefore never
blamed on a later request.
"""

from __future__ import annotations

import bisect
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from conformance.clients.bayeux.inbox import Delivery, Inbox
from conformance.clients.rest import RestReply
from conformance.email_resource import email_in

CHANNELS_CHANNEL = "/v2/me/channels"
_EMAIL_PATH = re.compile(r"/api/v2/me/emails(?:/(?P<id>[^/]+))?/?$")
_CHANNEL_PATH = re.compile(r"/api/v2/me/channels/[^/]+/?$")
CREATING = ("Create", "Reply", "ReplyAll")  # operations whose notification is about a new email


def email_of(delivery: Delivery) -> dict[str, Any] | None:
    """The email resource of an email notification, or None when it has none."""
    return email_in(delivery.data)


def matched_email(delivery: Delivery) -> dict[str, Any]:
    """The email resource of a delivery that a predicate matched for having one."""
    email = email_of(delivery)
    assert email is not None, "only for a delivery whose predicate checked email_of() is not None"
    return email


def reference_id_of(reply: RestReply) -> int | None:
    """The integer referenceId of an answer, if it carries one."""
    value = reply.json.get("referenceId") if isinstance(reply.json, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _delivered_reference_id(delivery: Delivery) -> object:
    return delivery.data.get("referenceId") if isinstance(delivery.data, dict) else None


@dataclass
class Owed:
    """One accepted request and the notification it owes."""

    reply: RestReply
    email_id: str | None  # the email it acted on (None: the collection or a channel)
    new_email: bool  # Create, Reply, ReplyAll: its notification introduces a new email
    channel: bool  # Ready / NotReady: its notification comes on /v2/me/channels
    reference_id: int | None
    deadline: float  # time.monotonic() after which nobody waits for it any more
    settled: bool = False  # its notification arrived

    @property
    def sent(self) -> float:
        return self.reply.started

    def claims(self, delivery: Delivery, introduces: bool) -> bool:
        """Without a referenceId: is `delivery` the kind of notification this request causes?"""
        if delivery.received < self.sent:
            return False
        if self.channel:
            return delivery.channel == CHANNELS_CHANNEL
        email = email_of(delivery)
        if email is None:
            return False
        if self.new_email:
            return introduces and email.get("state") != "Invited"
        return email.get("id") == self.email_id


def owed_by(reply: RestReply, timeout: float) -> Owed | None:
    """What an answered request owes, or None (refused, a GET, a session operation, ...)."""
    if reply.method.upper() != "POST" or not reply.ok or reply.status_code not in (0, None):
        return None
    if reply.json is not None and not isinstance(reply.json, dict):
        return None
    path = urlsplit(reply.url).path
    deadline = reply.started + reply.elapsed + timeout
    reference_id = reference_id_of(reply)
    if _CHANNEL_PATH.search(path):
        return Owed(reply, None, False, True, reference_id, deadline)
    found = _EMAIL_PATH.search(path)
    if found is None:
        return None
    email_id = unquote(found["id"]) if found["id"] is not None else None
    operation = operation_name(reply.request_body)
    new_email = email_id is None or operation in CREATING
    return Owed(reply, email_id, new_email, False, reference_id, deadline)


def operation_name(body: bytes | None) -> object:
    try:
        parsed = json.loads(body or b"")
    except ValueError:
        return None
    return parsed.get("operationName") if isinstance(parsed, dict) else None


class OwedNotifications:
    """The ledger of one agent: its accepted requests, and which deliveries of its inbox they explain."""

    def __init__(self, inbox: Inbox, timeout: float) -> None:
        self.inbox = inbox
        self.timeout = timeout  # the notification timeout: how long a request's notification is awaited
        self._pending: list[Owed] = []  # accepted requests whose notification has not arrived
        self._reference_ids: set[int] = set()  # referenceIds of every accepted request
        self._claimed: set[int] = set()  # inbox indexes attributed to a request without referenceId
        self._open: list[_Open] = []  # deliveries a request without referenceId may still claim
        self._seen_emails: set[object] = set()  # email ids the inbox has shown
        self._seen_reference_ids: set[object] = set()  # referenceIds the inbox has shown
        self._scanned = 0
        # Deliveries the suite itself caused without a request of the agent (the invitations
        # injected ahead of the checks that will take them: invitation_pool.py).
        self.suite_explains: Callable[[Delivery], bool] = lambda _: False

    def record(self, reply: RestReply) -> None:
        """Called with every answer the agent's REST client gets."""
        owed = owed_by(reply, self.timeout)
        if owed is None:
            return
        if owed.reference_id is not None:
            self._reference_ids.add(owed.reference_id)
        self._pending.append(owed)

    def explains(self, delivery: Delivery) -> bool:
        """`delivery` (of this agent's inbox) was caused by one of the agent's accepted requests,
        or by the suite itself."""
        self._advance()
        return delivery.index in self._claimed or _delivered_reference_id(delivery) in self._reference_ids or self.suite_explains(delivery)

    def pending(self) -> list[Owed]:
        """Accepted requests still waiting for their notification, within their deadline."""
        self._advance()
        now = time.monotonic()
        return [owed for owed in self._pending if owed.deadline > now]

    async def settle(self) -> None:
        """Wait until every accepted request's notification has arrived, each at most until its
        deadline (the notification timeout after its answer): at once when nothing is owed."""
        for owed in self.pending():
            remaining = owed.deadline - time.monotonic()
            # Checked and the wait begun with no await between: no arrival slips past both.
            if remaining <= 0 or self._settled(owed):
                continue
            await self.inbox.wait_for(lambda _: self._settled(owed), timeout=remaining, since=self.inbox.mark(), what="the notifications earlier requests owe")

    async def quiet(self, offending: Callable[[Delivery], bool], *, window: float, since: int) -> Delivery | None:
        """The "nothing happens" judgement: once every accepted request's own notification is in
        (or its wait is over), watch `window` seconds for a delivery at or after `since` that is
        `offending` and that no accepted request explains; the first one, or None."""
        await self.settle()
        return await self.inbox.expect_none(lambda d: offending(d) and not self.explains(d), window=window, since=since)

    def _settled(self, owed: Owed) -> bool:
        self._advance()
        return owed.settled

    def _advance(self) -> None:
        """Attribute the deliveries that arrived since the last call, and those pending requests
        recorded since then may claim (a notification may come before its HTTP answer)."""
        for delivery in self.inbox.since(self._scanned):
            self._scanned = delivery.index + 1
            email = email_of(delivery)
            email_id = email.get("id") if email is not None else None
            introduces = email is not None and email_id not in self._seen_emails
            self._seen_emails.add(email_id)
            reference_id = _delivered_reference_id(delivery)
            self._seen_reference_ids.add(reference_id)
            if reference_id not in self._reference_ids:
                self._open.append(_Open(delivery, introduces))
        for owed in self._pending:
            if owed.reference_id is not None and owed.reference_id in self._seen_reference_ids:
                owed.settled = True
            elif owed.reference_id is None or owed.channel:
                # Channel notifications are not documented with a referenceId: also by channel.
                self._claim(owed)
        self._pending = [owed for owed in self._pending if not owed.settled]

    def _claim(self, owed: Owed) -> None:
        start = bisect.bisect_left(self._open, owed.sent, key=lambda o: o.delivery.received)
        for position in range(start, len(self._open)):
            candidate = self._open[position]
            if _delivered_reference_id(candidate.delivery) in self._reference_ids:
                continue  # another accepted request's, by its referenceId
            if owed.claims(candidate.delivery, candidate.introduces):
                del self._open[position]
                self._claimed.add(candidate.delivery.index)
                owed.settled = True
                return


@dataclass(frozen=True)
class _Open:
    delivery: Delivery
    introduces: bool  # the first delivery naming its email on this inbox
