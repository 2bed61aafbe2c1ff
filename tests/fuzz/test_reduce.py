"""Shrinking keeps the kind of a failing case and stops within its bound."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

from conformance.fuzz.plan.cases import FuzzCase, Stream
from conformance.fuzz.plan.curated import LONG_TEXT
from conformance.fuzz.judge.expectations import judge
from conformance.fuzz.judge.answer import SERVER, Violation
from conformance.fuzz.plan.operation_needs import operation
from conformance.fuzz.run.reduce import Reducer

pytestmark = pytest.mark.anyio

FAR = time.monotonic() + 3600


def _judge(case):
    return judge(case.op, case.body)


def _fails_when(predicate):
    """A target whose failure depends only on the body; the list records what was sent."""
    sent = []

    async def attempt(case):
        sent.append(case.body)
        return SimpleNamespace(violations=[Violation(SERVER, "HTTP 500")] if predicate(case.body) else [])

    return attempt, sent


async def _reduce(case, attempt, **kwargs):
    reducer = Reducer(attempt, _judge, kwargs.pop("deadline", FAR), **kwargs)
    best, _ = await reducer.reduce(case, SimpleNamespace(violations=[Violation(SERVER, "HTTP 500")]), SERVER)
    return best, reducer


def _long_subject(body):
    return isinstance(body, dict) and len(body.get("email", {}).get("subject", "")) > 255


def _save(body):
    return FuzzCase(operation("Save"), Stream.VALID, body, "boundary: long values")


async def test_a_long_subject_shrinks_to_the_first_failing_length_and_valid_members():
    body = {
        "operationName": "Save",
        "email": {"to": ["a@x.test", "b@x.test", "c@x.test"], "from": "me@x.test", "subject": LONG_TEXT, "body": LONG_TEXT, "cc": ["d@x.test"]},
    }
    attempt, sent = _fails_when(_long_subject)
    best, reducer = await _reduce(_save(body), attempt)
    assert best.body == {"operationName": "Save", "email": {"to": ["a"], "from": "m", "subject": LONG_TEXT[:256]}}
    assert reducer.attempts == len(sent) <= reducer.max_attempts
    assert all(judge(best.op, candidate).valid for candidate in sent)  # a valid case stays valid


async def test_the_violated_member_is_never_dropped_nor_cut():
    case = FuzzCase(operation("Accept"), Stream.INVALID, {"operationName": "Accept", "saveLAR": "false"}, "saveLAR: a string", frozen=(("saveLAR",),))
    attempt, sent = _fails_when(lambda body: True)
    best, _ = await _reduce(case, attempt)
    assert best.body == {"operationName": "Accept", "saveLAR": "false"}
    assert all(candidate.get("saveLAR") == "false" and candidate.get("operationName") == "Accept" for candidate in sent)


async def test_raw_bytes_are_bisected():
    case = FuzzCase(operation("Accept"), Stream.WILD, b"\x00\x01\x02\x03\x04\x05\x06\x07", "schemathesis negative #1")
    attempt, _ = _fails_when(lambda body: len(body) >= 3)
    best, _ = await _reduce(case, attempt)
    assert best.body == b"\x00\x01\x02"


async def test_the_bounds_hold():
    body = {"operationName": "Save", "email": {"to": ["a@x.test"] * 3, "from": "me@x.test", "subject": LONG_TEXT}}
    attempt, sent = _fails_when(_long_subject)
    _, reducer = await _reduce(_save(body), attempt, max_attempts=5)
    assert len(sent) == 5
    attempt, sent = _fails_when(_long_subject)
    best, _ = await _reduce(_save(body), attempt, deadline=time.monotonic() - 1)
    assert sent == [] and best.body == body


async def test_a_failure_that_does_not_come_back_keeps_the_original():
    body = {"operationName": "Save", "email": {"to": ["a@x.test"], "from": "me@x.test", "subject": "s"}}
    attempt, sent = _fails_when(lambda body: False)
    best, _ = await _reduce(_save(body), attempt)
    assert best.body == body and sent


async def test_shrinking_a_violation_adds_no_other_violation():
    body = {"operationName": "Save", "email": {"to": 42, "from": "me@x.test", "subject": "hello"}}
    case = FuzzCase(operation("Save"), Stream.INVALID, body, "email.to: a number", frozen=(("email", "to"),))
    attempt, sent = _fails_when(lambda body: True)
    best, _ = await _reduce(case, attempt)
    assert best.body == {"operationName": "Save", "email": {"to": 42, "from": "m"}}
    assert all(len(judge(case.op, candidate).enforced) == 1 for candidate in sent)
