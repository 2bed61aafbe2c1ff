"""What one check found: its verdict, the reason, and the evidence behind it."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import Any

from conformance.catalog import Requirement
from conformance.evidence.redact import redact_value
from conformance.errors import Blocked, CheckFailed, HarnessError, NoAnswer, NotApplicable, TargetError
from conformance.harness.loop import HarnessTimeout
from conformance.verdicts import Verdict, failure_verdict


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
        }


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    message: str
    expected: Any = None
    observed: Any = None
    blocked_step: str | None = None
    harness_trace: str | None = None


def classify(exc: BaseException | None, requirement: Requirement, *, phase: str) -> Outcome:
    """Map what a check (phase "call") or its preconditions (phase "setup") raised to a verdict.

    In setup, anything the target did wrong blocks the check (BLOCKED names the step); in
    the call it is the finding (FAIL, or PASS-NONSTRICT for a SHOULD). Our own bugs are
    ERROR in both phases: never blamed on the target.
    """
    if exc is None:
        return Outcome(Verdict.PASS, "")
    if isinstance(exc, NotApplicable):
        return Outcome(Verdict.NOT_APPLICABLE, str(exc))
    if isinstance(exc, Blocked):
        return Outcome(Verdict.BLOCKED, exc.reason, blocked_step=exc.step)
    if isinstance(exc, NoAnswer):
        return Outcome(Verdict.BLOCKED, str(exc), blocked_step=NoAnswer.STEP)
    if isinstance(exc, HarnessError):
        return Outcome(Verdict.ERROR, f"harness error: {exc}", harness_trace=_trace(exc))
    if isinstance(exc, HarnessTimeout):
        return Outcome(Verdict.ERROR, f"harness error: the {phase} {exc} (every wait should be bounded below this)")
    if phase == "setup":
        if isinstance(exc, (TargetError, CheckFailed)):
            return Outcome(Verdict.BLOCKED, str(exc), blocked_step="setup")
        return Outcome(Verdict.ERROR, f"harness error in setup: {type(exc).__name__}: {exc}", harness_trace=_trace(exc))
    if isinstance(exc, CheckFailed):
        return Outcome(failure_verdict(requirement.keyword), exc.message, exc.expected, exc.observed)
    if isinstance(exc, TargetError):
        return Outcome(failure_verdict(requirement.keyword), f"target error: {exc}")
    if type(exc) is AssertionError:
        return Outcome(failure_verdict(requirement.keyword), str(exc) or "assertion failed")
    return Outcome(Verdict.ERROR, f"harness error: {type(exc).__name__}: {exc}", harness_trace=_trace(exc))


def _trace(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__, limit=8))[-4000:]
