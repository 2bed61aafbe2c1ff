"""Judging one answer to a fuzzed request: what it breaks, by requirement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance import schemas
from conformance.clients.outcome import Outcome, answer_outcome
from conformance.clients.rest import RestReply
from conformance.fuzz.judge.expectations import Expect

SERVER = "FUZZ-SERVER-01"
ENVELOPE = "FUZZ-ENVELOPE-01"
SCHEMA = "FUZZ-SCHEMA-01"
VALID = "FUZZ-VALID-01"
INVALID = "FUZZ-INVALID-01"
UNCHANGED = "FUZZ-UNCHANGED-01"
STATEFUL = "FUZZ-STATEFUL-01"
REQUIREMENTS = (SERVER, ENVELOPE, SCHEMA, VALID, INVALID, UNCHANGED, STATEFUL)


@dataclass(frozen=True)
class Violation:
    requirement: str
    message: str
    expected: Any = None
    observed: Any = None


def _envelope(reply: RestReply) -> Violation | None:
    if reply.is_empty:
        if reply.ok:
            return None
        return Violation(ENVELOPE, f"HTTP {reply.status} with an empty body: the refusal says no statusCode", "a JSON object with an integer statusCode", reply.observed())
    if not isinstance(reply.json, dict) or reply.status_code is None:
        why = reply.json_error or ("no integer statusCode" if isinstance(reply.json, dict) else f"a JSON {type(reply.json).__name__}")
        return Violation(ENVELOPE, f"HTTP {reply.status} answered a body without the statusCode envelope ({why})", "a JSON object with an integer statusCode", reply.observed())
    return None


def _schema(reply: RestReply, answer_schema: str) -> Violation | None:
    problems = schemas.errors("response-envelope", reply.json)
    if reply.status_code == 0 and not problems and answer_schema != "response-envelope":
        problems = schemas.errors(answer_schema, reply.json)
    if problems:
        return Violation(SCHEMA, f"the answer violates {answer_schema}: {problems[0]}", f"valid {answer_schema}", {**reply.observed(), "problems": problems[:5]})
    if reply.status_code == 0 and not reply.ok:
        return Violation(SCHEMA, f"statusCode 0 (success) answered with HTTP {reply.status}", "HTTP 200 with statusCode 0", reply.observed())
    return None


def answer_violations(
    reply: RestReply, expect: Expect, *, answer_schema: str = "response-envelope", why: str = "", taken: Outcome | None = None
) -> list[Violation]:
    """Everything wrong with `reply` to a request a conforming target must treat as `expect`.

    `why` says what makes the request valid or invalid, for the messages; `taken` is the
    request's outcome when an Error notification decided it (verify.refusal), else the answer's.
    """
    if reply.error:
        return [Violation(SERVER, f"no complete answer: {reply.error}", "an HTTP answer", reply.observed())]
    found: list[Violation] = []
    if reply.status is not None and reply.status >= 500:
        found.append(Violation(SERVER, f"the server failed with HTTP {reply.status}", "no 5xx", reply.observed()))
    envelope = _envelope(reply)
    if envelope is not None:
        found.append(envelope)
    elif not reply.is_empty:
        schema = _schema(reply, answer_schema)
        if schema is not None:
            found.append(schema)
    taken = taken or answer_outcome(reply)
    if expect is Expect.ACCEPT and taken is Outcome.REFUSED:
        how = reply.summary() if answer_outcome(reply) is Outcome.REFUSED else f"{reply.summary()}, then an Error notification"
        found.append(Violation(VALID, f"a schema-valid request was refused ({how})", "statusCode 0", reply.observed()))
    if expect is Expect.REFUSE and taken is Outcome.ACCEPTED:
        found.append(Violation(INVALID, f"a schema-violating request was accepted ({why})", "a non-zero statusCode", reply.observed()))
    return found
