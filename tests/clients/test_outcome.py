"""The one judge of "the answer says success" (docs/positions.md#success-answer), shared by the
checks, the preconditions, the race judge, the agent setup and the fuzz judging."""

from __future__ import annotations

import json

import pytest

from conformance.clients.jsonbody import parse_json
from conformance.clients.outcome import Outcome, answer_outcome, says_success, went_through
from conformance.clients.rest import RestReply


def _reply(status: int | None, body: object = None, *, error: str | None = None) -> RestReply:
    raw = b"" if body is None else body if isinstance(body, bytes) else json.dumps(body).encode()
    parsed, json_error = parse_json(raw)
    return RestReply("POST", "http://t/api/v2/me", status, {}, raw, parsed, json_error if raw.strip() else None, error, 0.01, 0.0)


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (_reply(200), Outcome.ACCEPTED),  # the Accept page's "empty HTTP 200"
        (_reply(200, {"statusCode": 0}), Outcome.ACCEPTED),
        (_reply(200, {"statusCode": 0, "referenceId": 4, "vendorExtension": {}}), Outcome.ACCEPTED),
        (_reply(204), Outcome.ACCEPTED),
        (_reply(200, {"statusCode": 3, "statusMessage": "Forbidden"}), Outcome.REFUSED),  # an error answered 200
        (_reply(409, {"statusCode": 2, "statusMessage": "state"}), Outcome.REFUSED),
        (_reply(404), Outcome.REFUSED),
        (_reply(200, {"status": "ok"}), Outcome.UNKNOWN),  # the 8.5.1 shape says neither
        (_reply(200, b"OK"), Outcome.UNKNOWN),
        (_reply(None, error="timeout"), Outcome.UNKNOWN),
    ],
)
def test_outcome(reply: RestReply, expected: Outcome) -> None:
    assert answer_outcome(reply) is expected
    assert says_success(reply) is (expected is Outcome.ACCEPTED)


def test_a_precondition_goes_on_unless_refused_or_unanswered() -> None:
    assert went_through(_reply(200))
    assert went_through(_reply(200, {"status": "ok"}))
    assert not went_through(_reply(200, {"statusCode": 6, "statusMessage": "not found"}))
    assert not went_through(_reply(403, {"statusCode": 3, "statusMessage": "no"}))
    assert not went_through(_reply(None, error="connect failed"))
