"""One answer judged against every FUZZ requirement it can break."""

from __future__ import annotations

import json

import pytest

from conformance.clients.rest import RestReply
from conformance.fuzz.judge.expectations import Expect
from conformance.fuzz.judge.answer import ENVELOPE, INVALID, SCHEMA, SERVER, VALID, answer_violations


def reply(status: int | None, body: bytes = b"", *, error: str | None = None) -> RestReply:
    try:
        parsed, why = (json.loads(body), None) if body.strip() else (None, None)
    except ValueError as exc:
        parsed, why = None, str(exc)
    return RestReply("POST", "http://t/api/v2/me/emails/X", status, {}, body, parsed, why, error, 0.001, 0.0)


def found(answer: RestReply, expect: Expect = Expect.EITHER, **kwargs) -> set[str]:
    return {v.requirement for v in answer_violations(answer, expect, **kwargs)}


def test_conforming_answers_break_nothing():
    assert found(reply(200, b'{"statusCode":0,"referenceId":7}'), Expect.ACCEPT) == set()
    assert found(reply(200, b""), Expect.ACCEPT) == set()  # "empty HTTP 200" (docs/positions.md#success-answer)
    assert found(reply(400, b'{"statusCode":10,"statusMessage":"bad saveLAR"}'), Expect.REFUSE) == set()


@pytest.mark.parametrize(
    ("answer", "expect", "broken"),
    [
        (reply(None, error="timeout: no complete answer within 5 s"), Expect.EITHER, {SERVER}),
        (reply(500, b'{"statusCode":4,"statusMessage":"Internal error"}'), Expect.ACCEPT, {SERVER, VALID}),
        (reply(502, b"<html>Bad Gateway</html>"), Expect.EITHER, {SERVER, ENVELOPE}),
        (reply(400, b""), Expect.REFUSE, {ENVELOPE}),
        (reply(400, b'{"error":"bad"}'), Expect.REFUSE, {ENVELOPE}),
        (reply(400, b'{"statusCode":"10","statusMessage":"x"}'), Expect.REFUSE, {ENVELOPE}),
        (reply(400, b'{"statusCode":10,"statusMessage":"x","invalidParameter":true}'), Expect.REFUSE, {SCHEMA}),
        (reply(400, b'{"statusCode":10}'), Expect.REFUSE, {SCHEMA}),
        (reply(400, b'{"statusCode":0}'), Expect.EITHER, {SCHEMA}),
        (reply(200, b'{"statusCode":0,"referenceId":"7"}'), Expect.EITHER, {SCHEMA}),
        (reply(400, b'{"statusCode":10,"statusMessage":"x"}'), Expect.ACCEPT, {VALID}),
        (reply(200, b'{"statusCode":0}'), Expect.REFUSE, {INVALID}),
        (reply(204, b""), Expect.REFUSE, {INVALID}),
        # A 2xx without the envelope says nothing about what was done: the envelope is the finding.
        (reply(200, b"OK"), Expect.ACCEPT, {ENVELOPE}),
        (reply(200, b"OK"), Expect.REFUSE, {ENVELOPE}),
        (reply(502, b"<html>Bad Gateway</html>"), Expect.ACCEPT, {SERVER, ENVELOPE, VALID}),
    ],
)
def test_each_defect_names_its_requirement(answer, expect, broken):
    assert found(answer, expect) == broken


def test_get_answers_are_judged_against_their_own_schema():
    assert found(reply(200, b'{"statusCode":0,"email":{"id":"X"}}'), answer_schema="get-email-response") == {SCHEMA}
    assert found(reply(404, b'{"statusCode":6,"statusMessage":"not found"}'), answer_schema="get-email-response") == set()
