"""Turning a campaign into one check's verdict: its findings, reproducible, or nothing."""

from __future__ import annotations

import dataclasses
import time

from conformance.errors import Blocked, CheckFailed
from conformance.evidence import current_recorder
from conformance.fuzz.judge.answer import STATEFUL
from conformance.fuzz.judge.findings import Finding, FuzzRun

FUZZ_ACTOR = "fuzz"


def _headline(requirement: str, run: FuzzRun, first: Finding) -> str:
    total = run.totals.get(requirement, 0)
    return f"{total} fuzzed request{'s' if total != 1 else ''} failed; first: {first.operation} {first.where()} ({first.original_label}): {first.violation.message}"


def _reproduction(run: FuzzRun, requirement: str, finding: Finding) -> str:
    lines = []
    if finding.context:
        lines.append(f"chain: {finding.context}")
    curl = finding.curl()
    if curl is not None:
        shrunk = f", shrunk in {finding.reduction_attempts} tries" if finding.reduction_attempts else ""
        lines.append(f"minimal failing request{shrunk}:\n{curl}")
    lines.append(f"replay the campaign: gws-conformance run --requirement {requirement} {run.settings.replay_options()}")
    return "\n".join(lines)


def _attach(finding: Finding) -> None:
    """The failing exchange becomes the check's stimulus, so reports reproduce it."""
    recorder = current_recorder()
    event = finding.exchange.event
    if event is not None:
        recorder.events.append(dataclasses.replace(event, at=time.monotonic() - recorder.started))


def _starved(run: FuzzRun, requirement: str) -> str | None:
    """When the time budget left `requirement` without any stimulus: before what it ran out."""
    if not run.stats.budget_exhausted:
        return None
    if run.stats.fuzzed_requests == 0:
        return "before any fuzzed request was sent"
    if requirement == STATEFUL and run.stats.chains == 0:
        return "before any link chain was walked"
    return None


def judge_requirement(run: FuzzRun, requirement: str) -> None:
    """Raise CheckFailed naming `requirement`'s findings; Blocked when operations could not be
    fuzzed, or when the time budget ran out before the requirement got any stimulus (a check that
    sent nothing has no verdict to give)."""
    recorder = current_recorder()
    recorder.note(FUZZ_ACTOR, run.stats.summary(run.settings))
    findings = run.findings_for(requirement)
    if findings:
        first = findings[0]
        _attach(first)
        raise CheckFailed(
            f"{_headline(requirement, run, first)}\n{_reproduction(run, requirement, first)}",
            expected=first.violation.expected,
            observed=[f.as_dict(run.settings) for f in findings],
        )
    starved = _starved(run, requirement)
    if starved is not None:
        raise Blocked("fuzz: time budget", f"the campaign's time budget ({run.settings.time_budget:g} s) ran out {starved}; give it more with --fuzz-time")
    if run.stats.blocked:
        step, reason = next(iter(sorted(run.stats.blocked.items())))
        raise Blocked(f"fuzz: {step}", f"{reason} (and {len(run.stats.blocked) - 1} more)" if len(run.stats.blocked) > 1 else reason)
