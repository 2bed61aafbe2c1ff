"""Judging the shape of Bayeux answers and the channel names a target accepts: the negotiated
version, JSON arrays, connect advice, `code:args:message` errors, invalid patterns."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from conformance.clients.bayeux.messages import parse_error
from conformance.clients.bayeux.wire import NOT_AN_ARRAY, WireReply
from conformance.errors import Blocked, CheckFailed
from conformance.verify.bayeux import answer_to, answered, well_formed_advice

_VERSION = re.compile(r"[0-9]+(\.[A-Za-z0-9][A-Za-z0-9\-_]*)*")


def _version_elements(version: str) -> tuple[int | str, ...]:
    """Elements compared one by one: numerically where numeric, as text otherwise."""
    return tuple(int(e) if e.isdigit() else e for e in version.split("."))


def negotiated_version(answer: dict[str, Any], offered: str, what: str) -> None:
    """The reply names `offered`, the only version the client speaks, by element comparison."""
    version = answer.get("version")
    expected = f'version "{offered}"'
    if not isinstance(version, str) or not _VERSION.fullmatch(version):
        raise CheckFailed(f"{what} has no valid version string", expected=expected, observed=answer)
    if _version_elements(version) != _version_elements(offered):
        raise CheckFailed(f"{what} names version {version!r}; the client offered only {offered}", expected=expected, observed=answer)


def arrays_only(exchanges: Sequence[tuple[str, WireReply]], unit: str) -> None:
    """Each answer (`unit`: body or frame) that carried messages was a JSON array."""
    bare = [what for what, reply in exchanges if any(p.startswith(NOT_AN_ARRAY) for p in reply.problems)]
    if bare:
        raise CheckFailed(
            f"a bare JSON object, not an array, answered {', '.join(bare)} (one {unit} each)",
            expected=f"every {unit} a JSON array of messages",
            observed={what: reply.raw[:300].decode("utf-8", "replace") for what, reply in exchanges if what in bare},
        )


def well_formed_connect_advice(answer: dict[str, Any], what: str) -> None:
    """The handshake's advice judge, read strictly: integer milliseconds, and every transport's own
    section too."""
    well_formed_advice(answer, what, integer_ms=True, per_transport=True)


def error_format(answers: Sequence[tuple[str, dict[str, Any]]]) -> None:
    """Every unsuccessful reply's error, when present, reads code:args:message.

    BLOCKED when none of the stimuli was refused: there is no error to judge."""
    refused = [(what, a) for what, a in answers if a.get("successful") is False]
    if not refused:
        raise Blocked("refusals", "none of the stimuli was refused, so no error field can be judged")
    for what, answer in refused:
        if "error" not in answer:
            continue  # the error field is optional
        error = parse_error(answer["error"])
        if error is None or error.code is None:
            raise CheckFailed(
                f"the error of {what} does not read code:args:message",
                expected='an error such as "402::Unknown client" or "403:/meta/**:Forbidden channel"',
                observed=answer,
            )


def subscription_not_granted(reply: WireReply, sent: dict[str, Any], what: str) -> None:
    """Refused: successful false, an HTTP 4xx, or an HTTP error status without any Bayeux message
    (CometD's Java server fails a request naming an invalid pattern so)."""
    answered(reply, what)
    if reply.status is not None and reply.status >= 400 and not reply.messages:
        return
    answer = answer_to(reply, sent, what, refusal_expected=True)
    if answer.get("successful") is not False:
        raise CheckFailed(f"{what} was not refused (successful {answer.get('successful')!r})", expected="successful: false", observed=answer)


def publish_refused(reply: WireReply, sent: dict[str, Any], what: str) -> None:
    """Refused: an HTTP error status without a Bayeux message, or an acknowledgement with
    successful false. A target that acknowledges nothing leaves nothing to judge (BLOCKED)."""
    answered(reply, what)
    if reply.status is not None and reply.status >= 400 and not reply.messages:
        return
    answer = reply.reply_to(sent.get("id"), sent.get("channel"))
    if answer is None or answer.get("channel") != sent.get("channel"):
        raise Blocked("read the answer", f"{what}: no acknowledgement on {sent.get('channel')} (a server MAY acknowledge none), so whether it was refused cannot be told")
    if answer.get("successful") is not False:
        raise CheckFailed(f"{what} was acknowledged successful {answer.get('successful')!r}", expected="successful: false", observed=answer)
