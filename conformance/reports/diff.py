"""What changed between two runs, check by check: regressions first, then fixes, then the rest.

A change is judged per check (requirement ID + check name), so a second failing check in an
already failing requirement is still a regression. EXPECTED-FAIL counts as FAIL here: a
baseline hides a failure from the exit code, not from the history. NOT-APPLICABLE and
checks present in only one run are "other changes".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conformance.reports.printable import printable

# Worse is higher. EXPECTED-FAIL is a FAIL with a baseline entry.
RANK = {"PASS": 0, "PASS-NONSTRICT": 1, "BLOCKED": 2, "FAIL": 3, "EXPECTED-FAIL": 3, "ERROR": 4}
REGRESSION = "regression"
FIX = "fix"
OTHER = "other"


@dataclass(frozen=True)
class CheckChange:
    name: str
    before: str | None  # None: the check is not in that run
    after: str | None
    kind: str
    message: str  # the later run's message (or the earlier one when the check is gone)


@dataclass
class RequirementChange:
    id: str
    keyword: str
    title: str
    before: str | None
    after: str | None
    checks: list[CheckChange] = field(default_factory=list)

    @property
    def kind(self) -> str:
        kinds = {c.kind for c in self.checks}
        return REGRESSION if REGRESSION in kinds else FIX if FIX in kinds else OTHER


@dataclass
class RunDiff:
    regressions: list[RequirementChange]
    fixes: list[RequirementChange]
    others: list[RequirementChange]
    unchanged: int


def classify(before: str | None, after: str | None) -> str | None:
    if before == after:
        return None
    if before in RANK and after in RANK:
        if RANK[after] > RANK[before]:
            return REGRESSION
        if RANK[after] < RANK[before]:
            return FIX
    return OTHER


def _checks(requirement: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in requirement["checks"]} if requirement else {}


def diff_runs(before: dict[str, Any], after: dict[str, Any]) -> RunDiff:
    old = {r["id"]: r for r in before["requirements"]}
    new = {r["id"]: r for r in after["requirements"]}
    order = list(dict.fromkeys([*new, *old]))
    changes: list[RequirementChange] = []
    unchanged = 0
    for req_id in order:
        a, b = old.get(req_id), new.get(req_id)
        held = b or a
        assert held is not None
        change = RequirementChange(req_id, held["keyword"], held["title"], a["verdict"] if a else None, b["verdict"] if b else None)
        old_checks, new_checks = _checks(a), _checks(b)
        for name in dict.fromkeys([*new_checks, *old_checks]):
            x, y = old_checks.get(name), new_checks.get(name)
            kind = classify(x["verdict"] if x else None, y["verdict"] if y else None)
            if kind:
                message = (y or x or {}).get("message", "")
                change.checks.append(CheckChange(name, x["verdict"] if x else None, y["verdict"] if y else None, kind, message))
        if change.checks:
            changes.append(change)
        else:
            unchanged += 1
    return RunDiff(
        regressions=[c for c in changes if c.kind == REGRESSION],
        fixes=[c for c in changes if c.kind == FIX],
        others=[c for c in changes if c.kind == OTHER],
        unchanged=unchanged,
    )


def _verdict(value: str | None) -> str:
    return value or "absent"


def render_diff_text(result: RunDiff, before_label: str, after_label: str) -> str:
    lines = [f"gws-conformance diff: {before_label} -> {after_label}"]
    for title, changes in (("regressions", result.regressions), ("fixes", result.fixes), ("other changes", result.others)):
        lines.append(f"\n{title} ({len(changes)}):")
        if not changes:
            lines.append("  none")
        for change in changes:
            lines.append(f"  {change.id:<20} {change.keyword:<6} {_verdict(change.before)} -> {_verdict(change.after)}  {change.title}")
            for check in change.checks:
                reason = check.message.splitlines()[0][:140] if check.message else ""
                lines.append(f"      {check.kind:<10} {check.name}: {_verdict(check.before)} -> {_verdict(check.after)}" + (f": {reason}" if reason else ""))
    lines.append(f"\nunchanged: {result.unchanged} requirement(s)")
    return printable("\n".join(lines) + "\n")


def diff_as_dict(result: RunDiff) -> dict[str, Any]:
    def requirement(change: RequirementChange) -> dict[str, Any]:
        return {
            "id": change.id,
            "keyword": change.keyword,
            "title": change.title,
            "before": change.before,
            "after": change.after,
            "checks": [{"name": c.name, "before": c.before, "after": c.after, "kind": c.kind, "message": c.message} for c in change.checks],
        }

    return {
        "regressions": [requirement(c) for c in result.regressions],
        "fixes": [requirement(c) for c in result.fixes],
        "others": [requirement(c) for c in result.others],
        "unchanged": result.unchanged,
    }
