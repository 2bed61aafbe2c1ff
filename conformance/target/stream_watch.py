"""A watcher over one agent's notification stream: every email notification any check
received, with the check that was running when it arrived, and every answered request.

It only records; the stream invariants (NOTIF-STREAM-*) are judged from it by
`conformance/verify/stream.py`, over everything seen so far in this process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from conformance.clients.bayeux.inbox import Delivery
from conformance.clients.rest import RestReply
from conformance.evidence import current_recorder
from conformance.target.owed import operation_name, owed_by

EMAILS_CHANNEL = "/v2/me/emails"
AHEAD = "(no check: an invitation injected ahead)"


def _nothing_injected_ahead(delivery: Delivery) -> bool:
    return False


@dataclass(frozen=True)
class Seen:
    """An email notification and the check that was running when it arrived."""

    delivery: Delivery
    check: str


@dataclass(frozen=True)
class Request:
    """An accepted request of the agent (a 2xx POST without a non-zero statusCode)."""

    sent: float  # time.monotonic() when it was sent
    email_id: str | None  # None: the email collection (Create) or a channel
    operation: str | None
    reference_id: int | None  # from the answer, when it carried one


@dataclass
class StreamWatch:
    label: str
    address: str | None  # the agent's mailbox: emails addressed to it may reach it
    seen: list[Seen] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    # An invitation injected ahead arrives during whatever check runs then: it is none of its.
    injected_ahead: Callable[[Delivery], bool] = _nothing_injected_ahead

    def saw(self, delivery: Delivery) -> None:
        """Called by the inbox with every delivery, on arrival."""
        if delivery.channel == EMAILS_CHANNEL:
            self.seen.append(Seen(delivery, AHEAD if self.injected_ahead(delivery) else current_recorder().current_name))

    def answered(self, reply: RestReply) -> None:
        """Called with every answer the agent's REST client gets."""
        owed = owed_by(reply, 0.0)
        if owed is None or owed.channel:
            return
        operation = operation_name(reply.request_body)
        self.requests.append(Request(reply.started, owed.email_id, operation if isinstance(operation, str) else None, owed.reference_id))

