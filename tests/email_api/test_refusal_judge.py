"""The one judge of "was the request refused": which answers and notifications say so."""

from __future__ import annotations

import json

from conformance.clients.bayeux.inbox import Delivery
from conformance.clients.rest import RestReply
from conformance.clients.outcome import Outcome, answer_outcome
from conformance.verify.refusal import caused_or_anonymous_error


def _reply(status: int, body: dict | None) -> RestReply:
    raw = b"" if body is None else json.dumps(body).encode()
    return RestReply("POST", "http://t/api/v2/me/emails/E1", status, {}, raw, body, None, None, 0.001, 0.0)


def _notification(data: dict) -> Delivery:
    return Delivery({"channel": "/v2/me/emails", "data": data}, "/v2/me/emails", data, 0.0, 0)


ERROR = {"messageType": "EmailStateChangeMessage", "notificationType": "Error", "statusCode": 2, "statusMessage": "no"}


def test_answer_outcomes():
    assert answer_outcome(_reply(200, {"statusCode": 0})) is Outcome.ACCEPTED
    assert answer_outcome(_reply(200, None)) is Outcome.ACCEPTED
    assert answer_outcome(_reply(200, {"statusCode": 3, "statusMessage": "no"})) is Outcome.REFUSED
    assert answer_outcome(_reply(404, None)) is Outcome.REFUSED
    assert answer_outcome(_reply(200, {"other": 1})) is Outcome.UNKNOWN


def test_an_error_is_tied_to_the_request_by_referenceid():
    matches = caused_or_anonymous_error(_reply(200, {"statusCode": 0, "referenceId": 7}), "E1")
    assert matches(_notification({**ERROR, "referenceId": 7}))
    assert not matches(_notification({**ERROR, "referenceId": 6, "email": {"id": "E1"}}))  # an earlier request's


def test_without_referenceid_an_error_naming_no_other_email_is_the_answer():
    matches = caused_or_anonymous_error(_reply(200, None), "E1")
    assert matches(_notification(dict(ERROR)))
    assert matches(_notification({**ERROR, "referenceId": 9, "emailId": "E1"}))
    assert not matches(_notification({**ERROR, "emailId": "E2"}))
    assert not matches(_notification({**ERROR, "email": {"id": "E2"}}))
