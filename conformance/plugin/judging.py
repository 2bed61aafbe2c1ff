"""Judging a check: what it (or its preconditions) raised, mapped to a verdict and its reason."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from typing import Any

from conformance.catalog import Requirement
from conformance.errors import Blocked, CheckFailed, HarnessError, NoAnswer, NotApplicable, TargetError
from conformance.harness.loop import HarnessTimeout
from conformance.verdicts import Verdict, failure_verdict


@dataclass(frozen=True)
class CheckOutcome:
    verdict: Verdict
    message: str
    expected: Any = None
    observed: Any = None
    blocked_step: str | None = None
    harness_trace: str | None = None


def classify(exc: BaseException | None, requirement: Requirement, *, phase: str) -> CheckOutcome:
    """Map what a check (phase "call") or its preconditions (phase "setup") raised to a verdict.

    In setup, anything the target did wrong blocks the check (BLOCKED names the step); in
    the call it is the finding (FAIL, or PASS-NONSTRICT for a SHOULD). Our own bugs are
    ERROR in both phases: never blamed on the target.
    """
    if exc is None:
        return CheckOutcome(Verdict.PASS, "")
    if isinstance(exc, NotApplicable):
        return CheckOutcome(Verdict.NOT_APPLICABLE, str(exc))
    if isinstance(exc, Blocked):
        return CheckOutcome(Verdict.BLOCKED, exc.reason, blocked_step=exc.step)
    if isinstance(exc, NoAnswer):
        return CheckOutcome(Verdict.BLOCKED, str(exc), blocked_step=NoAnswer.STEP)
    if isinstance(exc, HarnessError):
        return CheckOutcome(Verdict.ERROR, f"harness error: {exc}", harness_trace=_trace(exc))
    if isinstance(exc, HarnessTimeout):
        return CheckOutcome(Verdict.ERROR, f"harness error: the {phase} {exc} (every wait should be bounded below this)")
    if phase == "setup":
        if isinstance(exc, (TargetError, CheckFailed)):
            return CheckOutcome(Verdict.BLOCKED, str(exc), blocked_step="setup")
        return CheckOutcome(Verdict.ERROR, f"harness error in setup: {type(exc).__name__}: {exc}", harness_trace=_trace(exc))
    if isinstance(exc, CheckFailed):
        return CheckOutcome(failure_verdict(requirement.keyword), exc.message, exc.expected, exc.observed)
    if isinstance(exc, TargetError):
        return CheckOutcome(failure_verdict(requirement.keyword), f"target error: {exc}")
    if type(exc) is AssertionError:
        return CheckOutcome(failure_verdict(requirement.keyword), str(exc) or "assertion failed")
    return CheckOutcome(Verdict.ERROR, f"harness error: {type(exc).__name__}: {exc}", harness_trace=_trace(exc))


def _trace(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__, limit=8))[-4000:]
