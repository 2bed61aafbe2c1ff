"""The self-test's judgement: survivors, MUSTs without a killer, checks never killed, flakes."""

from __future__ import annotations

from conformance.catalog import load_catalog
from conformance.reference.switches import Fault
from conformance.selftest.matrix import judge
from conformance.selftest.render import console, markdown
from conformance.selftest.runs import CLEAN, RunResult

CATALOG = load_catalog()
MUST = next(r.id for r in CATALOG if r.keyword == "MUST")
OTHER = next(r.id for r in CATALOG if r.keyword == "MUST" and r.id != MUST)


def _run(label: str, fault: str | None, verdicts: dict[str, str], checks: dict[str, str] | None = None) -> RunResult:
    """A run's report; each requirement has one check named after it unless `checks` (all on the first) is given."""
    requirements = [{"id": rid, "verdict": verdict, "checks": [{"nodeid": f"suite.py::{rid}", "verdict": verdict}]} for rid, verdict in verdicts.items()]
    if checks is not None:
        requirements[0]["checks"] = [{"nodeid": node, "verdict": verdict} for node, verdict in checks.items()]
    return RunResult(label, frozenset([fault] if fault else []), frozenset(), 0, {"requirements": requirements}, "")


FAULTS = {"kills": Fault("kills", (MUST,), "breaks MUST"), "kills-other": Fault("kills-other", (OTHER,), "breaks OTHER")}
CLEAN_RUN = _run(CLEAN, None, {MUST: "PASS", OTHER: "PASS"})


def test_everything_killed_is_ok():
    result = judge(
        CATALOG,
        FAULTS,
        [CLEAN_RUN],
        [_run("kills", "kills", {MUST: "FAIL", OTHER: "PASS"}), _run("kills-other", "kills-other", {MUST: "PASS", OTHER: "FAIL"})],
    )
    assert result.ok, result.as_dict()
    assert result.killers == {MUST: ["kills"], OTHER: ["kills-other"]}
    assert "| " + MUST in markdown(result, CATALOG) and "self-test OK" in console(result)


def test_a_surviving_fault_fails_the_self_test():
    result = judge(CATALOG, {"kills": FAULTS["kills"]}, [CLEAN_RUN], [_run("kills", "kills", {MUST: "PASS", OTHER: "PASS"})])
    assert not result.ok
    assert result.faults[0].survived == [MUST]
    assert OTHER in result.unkilled_must and MUST in result.unkilled_must
    assert "SURVIVED" in console(result)


def test_collateral_verdict_changes_are_reported_not_failed():
    result = judge(
        CATALOG,
        FAULTS,
        [CLEAN_RUN],
        [_run("kills", "kills", {MUST: "FAIL", OTHER: "BLOCKED"}), _run("kills-other", "kills-other", {MUST: "PASS", OTHER: "FAIL"})],
    )
    assert result.ok
    assert result.faults[0].collateral == {OTHER: "BLOCKED"}


def test_a_clean_run_that_does_not_pass_fails_the_self_test():
    result = judge(CATALOG, FAULTS, [_run(CLEAN, None, {MUST: "FAIL", OTHER: "PASS"})], [], every_fault=False)
    assert result.clean_not_pass == {MUST: "FAIL"}
    assert not result.ok


def test_verdicts_differing_between_repeats_are_flaky():
    second = _run(CLEAN + "-2", None, {MUST: "PASS", OTHER: "PASS"}, {"suite.py::test_x": "FAIL"})
    first = _run(CLEAN + "-1", None, {MUST: "PASS", OTHER: "PASS"}, {"suite.py::test_x": "PASS"})
    result = judge(CATALOG, FAULTS, [first, second], [], every_fault=False)
    assert result.flaky == {"suite.py::test_x": ["FAIL", "PASS"]}
    assert not result.ok


def test_a_check_no_fault_kills_is_reported():
    clean = _run(CLEAN, None, {MUST: "PASS"}, {"suite.py::test_x[1]": "PASS", "suite.py::test_y": "PASS"})
    killed = _run("kills", "kills", {MUST: "FAIL"}, {"suite.py::test_x[2]": "FAIL", "suite.py::test_y": "PASS"})
    result = judge(CATALOG, {"kills": FAULTS["kills"]}, [clean], [killed])
    assert result.unkilled_checks == ["suite.py::test_y"]  # test_x's stimuli count as one check
