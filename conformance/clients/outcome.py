"""What a GWS answer says the target did with a request: the suite's one judge of success.

Success is an HTTP 2xx with an empty body or a JSON object whose statusCode is 0
(docs/positions.md#success-answer); a refusal is a non-zero statusCode, whatever the HTTP status (any 2xx,
4xx or 5xx), or an error status without the envelope. Checks that require exactly HTTP 200
say so themselves (verify.answers.success_answer).
"""

from __future__ import annotations

from enum import StrEnum

from conformance.clients.rest import RestReply


class Outcome(StrEnum):
    ACCEPTED = "accepted"  # a 2xx, empty or with statusCode 0
    REFUSED = "refused"  # a non-zero statusCode, or an error status without one
    UNKNOWN = "unknown"  # no answer, or a 2xx without the envelope: it says nothing either way


def answer_outcome(reply: RestReply) -> Outcome:
    if reply.error or reply.status is None:
        return Outcome.UNKNOWN
    code = reply.status_code
    if code is not None and code != 0:
        return Outcome.REFUSED
    if reply.ok:
        return Outcome.ACCEPTED if code == 0 or reply.is_empty else Outcome.UNKNOWN
    return Outcome.REFUSED if reply.status >= 400 and code is None else Outcome.UNKNOWN


def says_success(reply: RestReply) -> bool:
    """The answer says the request succeeded."""
    return answer_outcome(reply) is Outcome.ACCEPTED


def went_through(reply: RestReply) -> bool:
    """A 2xx that does not say refused: enough for a precondition to go on (an answer without
    the envelope is judged by the check that asserts it, not by every step that sends it)."""
    return reply.ok and answer_outcome(reply) is not Outcome.REFUSED
