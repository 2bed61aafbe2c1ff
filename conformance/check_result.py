"""What one check found: its verdict, the reason, and the evidence behind it.

The plugin makes these when it judges a check; the reports read them from the run record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conformance.evidence.redact import redact_value
from conformance.verdicts import Verdict


@dataclass
class CheckResult:
    nodeid: str
    name: str  # the check's function name
    requirement: str
    keyword: str
    verdict: Verdict
    message: str = ""
    stimulus: str = ""  # what the check did to the target (its docstring's first line)
    expected: Any = None
    observed: Any = None
    blocked_step: str | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)
    timings: dict[str, Any] = field(default_factory=dict)
    harness_trace: str | None = None  # only for ERROR: where our own code broke
    reproduction: dict[str, Any] | None = None  # curl and Python that redo a non-passing check's stimulus

    def __post_init__(self) -> None:
        # Every report, Allure result and console line is made from a CheckResult: one
        # redaction here covers what the target echoed and what exceptions quoted.
        for name in ("message", "stimulus", "expected", "observed", "blocked_step", "evidence", "harness_trace"):
            setattr(self, name, redact_value(getattr(self, name)))

    @classmethod
    def from_dict(cls, raw: dict[str, Any], *, requirement: str, keyword: str) -> CheckResult:
        return cls(**{**raw, "verdict": Verdict(raw["verdict"]), "requirement": requirement, "keyword": keyword})

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "nodeid": self.nodeid,
            "verdict": self.verdict.value,
            "message": self.message,
            "stimulus": self.stimulus,
            "expected": self.expected,
            "observed": self.observed,
            "blocked_step": self.blocked_step,
            "evidence": self.evidence,
            "timings": self.timings,
            "harness_trace": self.harness_trace,
            "reproduction": self.reproduction,
        }
