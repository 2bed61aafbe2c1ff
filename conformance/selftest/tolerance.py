"""The tolerance matrix: with an allowed variant on, no verdict may get worse than on the clean server.

Each variant run (one variant alone, or a group of compatible variants together) is compared
with the first clean run, check by check and requirement by requirement. Verdicts rank
PASS > PASS-NONSTRICT > NOT-APPLICABLE > BLOCKED > FAIL > ERROR; a NOT-APPLICABLE where the
clean run judged is a lost verdict, so it counts as worse, and so does a check or requirement
the variant run lost altogether. PASS-NONSTRICT is a departure allowed only on a SHOULD
requirement that the variant (for a group: any member) lists in its `nonstrict`; NOT-APPLICABLE
only on a requirement that applies to a profile feature the variant `withdraws` (a target making
that choice does not declare the feature).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from conformance.catalog import Catalog
from conformance.reference.switches import Variant
from conformance.selftest.runs import RunResult

NONSTRICT = "PASS-NONSTRICT"
ABSENT = "(absent)"  # the run has no such check or requirement
RANK = {"PASS": 0, NONSTRICT: 1, "NOT-APPLICABLE": 2, ABSENT: 2, "BLOCKED": 3, "FAIL": 4, "EXPECTED-FAIL": 4, "ERROR": 5}


@dataclass
class VerdictChange:
    requirement: str
    check: str | None  # a check's nodeid; None: the requirement's own verdict
    clean: str
    variant: str
    message: str = ""  # the check's failure message in the variant run
    why: str = ""
    # A worse verdict of a group: the members whose run alone worsened it too (none: only the
    # combination does). An allowed departure: the members whose `nonstrict` allow it.
    members: list[str] = field(default_factory=list)


@dataclass
class VariantOutcome:
    label: str
    variants: list[str]
    worse: list[VerdictChange] = field(default_factory=list)
    allowed: list[VerdictChange] = field(default_factory=list)
    error: str | None = None  # the run gave no report

    @property
    def failed(self) -> bool:
        return bool(self.worse or self.error)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "failed": self.failed}


def judge_tolerance(catalog: Catalog, variants: dict[str, Variant], clean: RunResult | None, runs: list[RunResult]) -> list[VariantOutcome]:
    """One outcome per variant run, in the order given; groups name the members that alone worsen the same verdict."""
    outcomes = [_judge_run(catalog, variants, clean, run) for run in runs]
    alone = {next(iter(o.variants)): {(c.requirement, c.check) for c in o.worse} for o in outcomes if len(o.variants) == 1}
    for outcome in outcomes:
        if len(outcome.variants) > 1:
            for change in outcome.worse:
                change.members = [m for m in outcome.variants if (change.requirement, change.check) in alone.get(m, set())]
    return outcomes


def _judge_run(catalog: Catalog, variants: dict[str, Variant], clean: RunResult | None, run: RunResult) -> VariantOutcome:
    outcome = VariantOutcome(run.label, sorted(run.variants))
    if clean is None or clean.report is None:
        outcome.error = "no clean run to compare with"
        return outcome
    if run.report is None:
        outcome.error = run.stderr_tail.strip()[-300:] or "no report"
        return outcome
    members = [variants[name] for name in outcome.variants if name in variants]

    def in_scope(requirement: str) -> bool:
        return not run.sections or requirement not in catalog or catalog[requirement].section in run.sections

    clean_checks, run_checks = clean.checks(), run.checks()
    for node in sorted(clean_checks.keys() | run_checks.keys()):
        entry = run_checks.get(node) or clean_checks[node]
        if in_scope(entry["requirement"]):
            before = clean_checks[node]["verdict"] if node in clean_checks else ABSENT
            after = run_checks[node]["verdict"] if node in run_checks else ABSENT
            _compare(catalog, members, outcome, entry["requirement"], node, before, after, run_checks.get(node, {}).get("message", ""))
    judged = {(c.requirement, c.check) for c in outcome.worse + outcome.allowed}
    clean_verdicts, run_verdicts = clean.verdicts(), run.verdicts()
    for requirement in sorted(clean_verdicts.keys() | run_verdicts.keys()):
        if in_scope(requirement) and not any(r == requirement for r, _ in judged):  # its checks already tell why
            _compare(catalog, members, outcome, requirement, None, clean_verdicts.get(requirement, ABSENT), run_verdicts.get(requirement, ABSENT), "")
    return outcome


def _compare(
    catalog: Catalog, members: list[Variant], outcome: VariantOutcome, requirement: str, check: str | None, before: str, after: str, message: str
) -> None:
    change = VerdictChange(requirement, check, before, after, message)
    feature = catalog[requirement].applies_to if requirement in catalog else None
    withdrawing = [v.name for v in members if feature and feature in v.withdraws]
    if after == "NOT-APPLICABLE" and withdrawing:
        change.why, change.members = f"feature {feature} withdrawn by {', '.join(withdrawing)}", withdrawing
        outcome.allowed.append(change)
        return
    if after == NONSTRICT and before != NONSTRICT:
        allowing = [v.name for v in members if requirement in v.nonstrict]
        keyword = catalog[requirement].keyword if requirement in catalog else "?"
        if allowing and keyword == "SHOULD":
            change.why, change.members = f"nonstrict of {', '.join(allowing)}", allowing
            outcome.allowed.append(change)
            return
        change.why = f"PASS-NONSTRICT on a {keyword} requirement" if allowing else "PASS-NONSTRICT not listed in the variant's nonstrict"
        outcome.worse.append(change)
    elif RANK.get(after, RANK["ERROR"]) > RANK.get(before, RANK["ERROR"]):
        change.why = "lost verdict" if RANK.get(after) == RANK[ABSENT] else "worse verdict"
        outcome.worse.append(change)
