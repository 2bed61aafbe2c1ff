"""Judging the synchronous HTTP answer of a GWS request."""

from __future__ import annotations

from conformance.clients.outcome import Outcome, answer_outcome, says_success
from conformance.clients.rest import RestReply
from conformance.errors import Blocked, CheckFailed, NoAnswer


def no_answer(reply: RestReply, what: str) -> Blocked:
    """No HTTP answer (refused, timed out, reset, not HTTP): nothing to judge, so BLOCKED,
    never PASS or FAIL, even where a refusal is expected: silence is not a refusal."""
    return Blocked(NoAnswer.STEP, f"{what}: no HTTP answer ({reply.error})")


def _refused_by_http(reply: RestReply) -> bool:
    return reply.status is not None and 400 <= reply.status < 500


def success_answer(reply: RestReply, what: str = "the request") -> None:
    """HTTP 200 with an empty body or a JSON object whose statusCode is 0 (docs/positions.md#success-answer)."""
    if reply.error:
        raise no_answer(reply, what)
    expected = 'HTTP 200 with an empty body or {"statusCode":0}'
    if reply.status != 200:
        raise CheckFailed(f"{what} answered HTTP {reply.status}, not 200", expected=expected, observed=reply.observed())
    if says_success(reply):
        return
    if not isinstance(reply.json, dict):
        reason = reply.json_error or "not a JSON object"
        raise CheckFailed(f"{what} answered a body that is not a JSON object ({reason})", expected=expected, observed=reply.observed())
    raise CheckFailed(f"{what} answered statusCode {reply.json.get('statusCode')!r}, not 0", expected=expected, observed=reply.observed())


def json_answer(reply: RestReply, what: str = "the answer") -> None:
    """A non-empty body is a JSON object declared as application/json."""
    if reply.error:
        raise no_answer(reply, what)
    if reply.is_empty:
        return
    media_type = (reply.content_type or "").split(";")[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise CheckFailed(f"{what} has a body declared as {reply.content_type!r}", expected="application/json", observed=reply.observed())
    if not isinstance(reply.json, dict):
        raise CheckFailed(
            f"{what} is not a JSON object ({reply.json_error or type(reply.json).__name__})", expected="a JSON object", observed=reply.observed()
        )


def status_codes(status_code: int | tuple[int, ...] | None) -> tuple[int, ...]:
    """The statusCodes a check accepts for a refusal (none: any non-zero one)."""
    if status_code is None:
        return ()
    return status_code if isinstance(status_code, tuple) else (status_code,)


def refused(reply: RestReply, *, status_code: int | tuple[int, ...] | None = None, what: str = "the request") -> None:
    """A synchronous refusal: a non-zero integer statusCode (one of `status_code` when given).

    Requests on an email a target may refuse by an Error notification instead: judge those
    with verify.refusal.refusal.
    """
    if reply.error:
        raise no_answer(reply, what)
    if reply.json_error and not _refused_by_http(reply):
        raise Blocked("read the answer", f"{what}: HTTP {reply.status} with a body that is not JSON ({reply.json_error}): whether it was refused cannot be told")
    codes = status_codes(status_code)
    expected = f"statusCode {' or '.join(map(str, codes))}" if codes else "a non-zero statusCode"
    code = reply.status_code
    if answer_outcome(reply) is Outcome.ACCEPTED or code == 0:
        raise CheckFailed(f"{what} was accepted ({reply.summary()}) but must be refused", expected=expected, observed=reply.observed())
    if code is None:
        raise CheckFailed(f"{what} was answered without an integer statusCode (HTTP {reply.status})", expected=expected, observed=reply.observed())
    if codes and code not in codes:
        raise CheckFailed(f"{what} was refused with statusCode {code}, not {' or '.join(map(str, codes))}", expected=expected, observed=reply.observed())


def error_envelope(reply: RestReply, what: str = "the refusal") -> None:
    """A refusal carries a non-zero statusCode and a statusMessage string."""
    refused(reply, what=what)
    message = reply.json.get("statusMessage") if isinstance(reply.json, dict) else None
    if not isinstance(message, str) or not message.strip():
        raise CheckFailed(f"{what} carries no statusMessage", expected="a non-empty statusMessage string", observed=reply.observed())


def error_http_status(reply: RestReply, what: str = "the refusal") -> None:
    """A refusal answers with an HTTP 4xx status."""
    if reply.error:
        raise no_answer(reply, what)
    if reply.status is None or not 400 <= reply.status < 500:
        raise CheckFailed(f"{what} answered HTTP {reply.status}", expected="HTTP 4xx", observed=reply.observed())
