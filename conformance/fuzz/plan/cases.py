"""One fuzzed request before it is sent: which operation, which body, why it was made."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from conformance.fuzz.plan.fields import Path
from conformance.fuzz.plan.jsonvalue import Body
from conformance.fuzz.plan.operation_needs import FuzzedOperation

JSON = "application/json"


class Stream(StrEnum):
    VALID = "schema-valid"  # schemathesis positive bodies and boundary values, lookups pinned
    INVALID = "schema-violating"  # one curated violation of a valid body
    WILD = "schemathesis negative"  # whatever schemathesis' negative mode builds
    IDS = "fuzzed ids"  # a valid body (or a GET) on an id the agent was never given


@dataclass(frozen=True)
class FuzzCase:
    op: FuzzedOperation
    stream: Stream
    body: Body  # None for a GET
    label: str  # how the case was made, for the report
    media_type: str = JSON
    frozen: tuple[Path, ...] = ()  # the curated violation: neither pinned nor reduced
    email_id: str | None = None  # IDS: the fuzzed id, sent instead of a provisioned email
    method: str = "POST"

    @property
    def pins_lookups(self) -> bool:
        """Lookup parameters get values the target knows (schemathesis' own streams keep theirs)."""
        return self.stream in (Stream.VALID, Stream.INVALID)

    def with_body(self, body: Body) -> FuzzCase:
        return replace(self, body=body)
