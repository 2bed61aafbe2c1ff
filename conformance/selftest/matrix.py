"""The kill matrix: which fault kills which requirement, and what the self-test concludes
(with the tolerance matrix, judged in tolerance.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conformance.catalog import Catalog
from conformance.reference.switches import Fault
from conformance.selftest.runs import RunResult
from conformance.selftest.tolerance import VariantOutcome

KILLED = {"FAIL", "PASS-NONSTRICT"}


@dataclass
class FaultOutcome:
    fault: str
    breaks: list[str]
    killed: list[str]  # targeted requirements that failed as they must
    survived: list[str]  # targeted requirements that did not fail
    collateral: dict[str, str]  # other requirements whose verdict changed: id -> verdict
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass
class SelfTestResult:
    clean_not_pass: dict[str, str] = field(default_factory=dict)  # requirement -> verdict in a clean run
    faults: list[FaultOutcome] = field(default_factory=list)
    unkilled_must: list[str] = field(default_factory=list)
    unkilled_checks: list[str] = field(default_factory=list)
    flaky: dict[str, list[str]] = field(default_factory=dict)  # check nodeid -> verdicts seen
    killers: dict[str, list[str]] = field(default_factory=dict)  # requirement -> faults that kill it
    tolerance: list[VariantOutcome] = field(default_factory=list)  # one per variant run

    @property
    def surviving_faults(self) -> list[str]:
        return [f.fault for f in self.faults if f.survived or f.error]

    @property
    def worsening_variants(self) -> list[str]:
        return [v.label for v in self.tolerance if v.failed]

    @property
    def ok(self) -> bool:
        return not (
            self.clean_not_pass or self.unkilled_must or self.unkilled_checks or self.flaky or self.surviving_faults or self.worsening_variants
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "surviving_faults": self.surviving_faults,
            "worsening_variants": self.worsening_variants,
            "clean_not_pass": self.clean_not_pass,
            "faults": [f.as_dict() for f in self.faults],
            "unkilled_must": self.unkilled_must,
            "unkilled_checks": self.unkilled_checks,
            "flaky": self.flaky,
            "killers": self.killers,
            "tolerance": [v.as_dict() for v in self.tolerance],
        }


def judge(
    catalog: Catalog, faults: dict[str, Fault], clean_runs: list[RunResult], fault_runs: list[RunResult], *, every_fault: bool = True
) -> SelfTestResult:
    """Judge the runs; coverage gates (MUST without killer, checks never killed) need every fault."""
    result = SelfTestResult()
    baseline = clean_runs[0]
    for run in clean_runs:
        if run.report is None:
            result.clean_not_pass["(run)"] = f"no report: {run.stderr_tail.strip()[-300:]}"
            continue
        for requirement, verdict in run.verdicts().items():
            if verdict not in ("PASS", "NOT-APPLICABLE"):
                result.clean_not_pass[requirement] = verdict
    result.flaky = _flaky(clean_runs)
    clean_verdicts = baseline.verdicts()
    killed_checks: set[str] = set()
    for run in fault_runs:
        assert run.fault is not None  # a kill run switches on one fault
        fault = faults[run.fault]
        if run.report is None:
            result.faults.append(FaultOutcome(fault.name, list(fault.breaks), [], list(fault.breaks), {}, run.stderr_tail.strip()[-300:] or "no report"))
            continue
        verdicts = run.verdicts()
        killed = [r for r in fault.breaks if verdicts.get(r) in KILLED]
        collateral = {r: v for r, v in verdicts.items() if r not in fault.breaks and v != clean_verdicts.get(r)}
        result.faults.append(FaultOutcome(fault.name, list(fault.breaks), killed, [r for r in fault.breaks if r not in killed], collateral))
        for requirement in killed:
            result.killers.setdefault(requirement, []).append(fault.name)
        killed_checks.update(_check_of(node) for node, verdict in run.check_verdicts().items() if verdict in KILLED)
    if not every_fault:
        return result
    for entry in catalog:
        if entry.keyword == "MUST" and entry.id in clean_verdicts and entry.id not in result.killers:
            result.unkilled_must.append(entry.id)
    passing_checks = {_check_of(node) for node, verdict in baseline.check_verdicts().items() if verdict == "PASS"}
    result.unkilled_checks = sorted(passing_checks - killed_checks)
    return result


def _check_of(nodeid: str) -> str:
    """A check is a test function; its parametrized variants are stimuli of the same check."""
    return nodeid.split("[", 1)[0]


def _flaky(runs: list[RunResult]) -> dict[str, list[str]]:
    seen: dict[str, set[str]] = {}
    for run in runs:
        for node, verdict in run.check_verdicts().items():
            seen.setdefault(node, set()).add(verdict)
    return {node: sorted(verdicts) for node, verdicts in seen.items() if len(verdicts) > 1}
