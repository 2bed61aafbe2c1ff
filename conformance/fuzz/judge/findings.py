"""What a campaign found, per requirement, and how to replay each finding."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from conformance.fuzz.run.execute import Exchange
from conformance.fuzz.judge.answer import Violation
from conformance.fuzz.settings import FuzzSettings
from conformance.reports.reproduction import curl_command


@dataclass
class Finding:
    violation: Violation
    exchange: Exchange  # the smallest failing request found (the original one if not reduced)
    original_label: str  # how the failing case was first made
    reduction_attempts: int = 0
    context: str | None = None  # a chain's steps, for stateful findings

    @property
    def requirement(self) -> str:
        return self.violation.requirement

    @property
    def operation(self) -> str:
        case = self.exchange.case
        return f"{case.method} {case.op.name}" if case.method == "GET" else case.op.name

    def curl(self) -> str | None:
        return curl_command(self.exchange.event.as_dict()) if self.exchange.event is not None else None

    def where(self) -> str:
        exchange = self.exchange
        if exchange.case.email_id is not None:
            return f"on the fuzzed id {exchange.case.email_id!r}"
        if exchange.email_id is None:
            return "on the email collection"
        return f"on email {exchange.email_id} in state {exchange.state}" if exchange.state else f"on email {exchange.email_id}"

    def as_dict(self, settings: FuzzSettings) -> dict[str, Any]:
        exchange = self.exchange
        return {
            "operation": self.operation,
            "stream": exchange.case.stream.value,
            "case": self.original_label,
            "where": self.where(),
            "message": self.violation.message,
            "expected": self.violation.expected,
            "observed": self.violation.observed,
            "schema_judgement": {"must_refuse": list(exchange.judgement.enforced), "tolerated": list(exchange.judgement.tolerated)},
            "reduced_in_attempts": self.reduction_attempts,
            "context": self.context,
            "curl": self.curl(),
            "seed": settings.seed,
            "replay": settings.replay_options(),
        }


@dataclass
class Stats:
    fuzzed_requests: int = 0  # requests whose parameters were fuzzed
    harness_requests: int = 0  # provisioning, injections, read-backs, reduction retries
    seconds: float = 0.0
    generation_seconds: float = 0.0
    cases: Counter[str] = field(default_factory=Counter)  # stream -> cases sent
    operations: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # operation -> why it was not fuzzed
    blocked: dict[str, str] = field(default_factory=dict)  # operation -> the precondition that failed
    chains: int = 0
    budget_exhausted: bool = False

    @property
    def requests(self) -> int:
        return self.fuzzed_requests + self.harness_requests

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    def summary(self, settings: FuzzSettings) -> str:
        streams = ", ".join(f"{count} {stream}" for stream, count in sorted(self.cases.items()))
        text = (
            f"fuzz campaign (seed {settings.seed}, {settings.examples} examples per operation and stream): "
            f"{self.fuzzed_requests} fuzzed requests ({streams}; {self.chains} link chains) over "
            f"{len(self.operations)} operations, {self.requests} requests in {self.seconds:.1f} s "
            f"({self.requests_per_second:.0f} requests/s; generation {self.generation_seconds:.1f} s)"
        )
        if self.skipped:
            text += "; not declared by the profile: " + ", ".join(sorted(self.skipped))
        if self.blocked:
            text += "; blocked: " + "; ".join(f"{op} ({why})" for op, why in sorted(self.blocked.items()))
        if self.budget_exhausted:
            text += f"; stopped by the time budget ({settings.time_budget:g} s) before every case was sent"
        return text


@dataclass
class FuzzRun:
    settings: FuzzSettings
    stats: Stats
    findings: dict[str, list[Finding]] = field(default_factory=dict)  # requirement -> findings
    totals: Counter[str] = field(default_factory=Counter)  # requirement -> failing requests

    def findings_for(self, requirement: str) -> list[Finding]:
        return self.findings.get(requirement, [])
