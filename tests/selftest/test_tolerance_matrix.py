"""The tolerance matrix's judgement on synthetic runs: no verdict may get worse with a variant on."""

from __future__ import annotations

import pytest
from injected_variants import EXCLUSIVE, HARMLESS, ROGUE

from conformance.catalog import load_catalog
from conformance.commands.selftest import variant_runs
from conformance.reference.switches import Variant, compatible_variants, excludes
from conformance.selftest.matrix import SelfTestResult
from conformance.selftest.render import console, markdown
from conformance.selftest.runs import CLEAN, RunResult
from conformance.selftest.tolerance import judge_tolerance

CATALOG = load_catalog()
MUST = next(r for r in CATALOG if r.keyword == "MUST")
SHOULD = next(r for r in CATALOG if r.keyword == "SHOULD")
OTHER_SECTION_MUST = next(r for r in CATALOG if r.keyword == "MUST" and r.section not in (MUST.section, SHOULD.section))
REQUIREMENTS = (MUST.id, SHOULD.id, OTHER_SECTION_MUST.id)


def _node(requirement: str) -> str:
    return f"suite.py::test_{requirement}"


def _run(label: str, variants: set[str], verdicts: dict[str, str] | None = None, sections: tuple[str, ...] = ()) -> RunResult:
    """One check per requirement, named after it; every requirement PASS unless `verdicts` says otherwise."""
    verdicts = {rid: "PASS" for rid in REQUIREMENTS} | (verdicts or {})
    requirements = [
        {"id": rid, "verdict": v, "checks": [{"nodeid": _node(rid), "verdict": v, "message": "" if v == "PASS" else f"{rid} went {v}"}]}
        for rid, v in verdicts.items()
        if v != "(absent)"
    ]
    return RunResult(label, frozenset(), frozenset(variants), 0, {"requirements": requirements}, "", sections)


CLEAN_RUN = RunResult(CLEAN, frozenset(), frozenset(), 0, _run(CLEAN, set()).report, "")
VARIANTS = {
    "a": Variant("a", (SHOULD.id,), "a", nonstrict=(SHOULD.id,)),
    "b": Variant("b", (MUST.id,), "b"),
    "must-nonstrict": Variant("must-nonstrict", (MUST.id,), "lists a MUST", nonstrict=(MUST.id,)),
}


def test_a_variant_changing_nothing_is_tolerated():
    [outcome] = judge_tolerance(CATALOG, VARIANTS, CLEAN_RUN, [_run("b", {"b"})])
    assert not outcome.failed and outcome.worse == [] and outcome.allowed == []
    assert SelfTestResult(tolerance=[outcome]).ok


@pytest.mark.parametrize("verdict", ["FAIL", "BLOCKED", "ERROR", "NOT-APPLICABLE"])
def test_a_worse_check_verdict_fails_the_variant(verdict):
    [outcome] = judge_tolerance(CATALOG, VARIANTS, CLEAN_RUN, [_run("b", {"b"}, {MUST.id: verdict})])
    assert outcome.failed
    [change] = outcome.worse
    assert (change.requirement, change.check, change.clean, change.variant) == (MUST.id, _node(MUST.id), "PASS", verdict)
    assert change.message == f"{MUST.id} went {verdict}"  # the check's own failure message
    result = SelfTestResult(tolerance=[outcome])
    assert not result.ok and result.worsening_variants == ["b"]


def test_a_requirement_the_variant_run_lost_is_worse():
    [outcome] = judge_tolerance(CATALOG, VARIANTS, CLEAN_RUN, [_run("b", {"b"}, {MUST.id: "(absent)"})])
    assert {(c.requirement, c.check, c.variant, c.why) for c in outcome.worse} == {(MUST.id, _node(MUST.id), "(absent)", "lost verdict")}


def test_a_better_verdict_is_no_departure():
    clean = _run(CLEAN, set(), {MUST.id: "NOT-APPLICABLE"})
    [outcome] = judge_tolerance(CATALOG, VARIANTS, clean, [_run("b", {"b"})])
    assert not outcome.failed


def test_pass_nonstrict_on_a_should_the_variant_lists_is_allowed():
    [outcome] = judge_tolerance(CATALOG, VARIANTS, CLEAN_RUN, [_run("a", {"a"}, {SHOULD.id: "PASS-NONSTRICT"})])
    assert not outcome.failed
    assert [(c.requirement, c.check, c.members) for c in outcome.allowed] == [(SHOULD.id, _node(SHOULD.id), ["a"])]


def test_pass_nonstrict_the_variant_does_not_list_is_worse():
    [outcome] = judge_tolerance(CATALOG, VARIANTS, CLEAN_RUN, [_run("b", {"b"}, {SHOULD.id: "PASS-NONSTRICT"})])
    assert outcome.failed and outcome.worse[0].why == "PASS-NONSTRICT not listed in the variant's nonstrict"


def test_pass_nonstrict_on_a_must_is_worse_even_when_listed():
    [outcome] = judge_tolerance(CATALOG, VARIANTS, CLEAN_RUN, [_run("must-nonstrict", {"must-nonstrict"}, {MUST.id: "PASS-NONSTRICT"})])
    assert outcome.failed and outcome.worse[0].why == "PASS-NONSTRICT on a MUST requirement"


def test_a_run_without_report_fails_with_its_stderr_tail():
    broken = RunResult("b", frozenset(), frozenset({"b"}), -1, None, "Traceback ...\nRuntimeError: server did not start\n")
    [outcome] = judge_tolerance(CATALOG, VARIANTS, CLEAN_RUN, [broken])
    assert outcome.failed and outcome.error == "Traceback ...\nRuntimeError: server did not start"
    assert "server did not start" in markdown(SelfTestResult(tolerance=[outcome]), CATALOG)


def test_without_a_clean_report_nothing_is_tolerated():
    broken_clean = RunResult(CLEAN, frozenset(), frozenset(), -1, None, "boom")
    [outcome] = judge_tolerance(CATALOG, VARIANTS, broken_clean, [_run("b", {"b"})])
    assert outcome.failed and outcome.error == "no clean run to compare with"


def test_a_group_names_the_members_that_worsen_a_verdict_alone():
    runs = [
        _run("a", {"a"}),
        _run("b", {"b"}, {MUST.id: "FAIL"}),
        _run("a+b", {"a", "b"}, {MUST.id: "FAIL", OTHER_SECTION_MUST.id: "BLOCKED", SHOULD.id: "PASS-NONSTRICT"}),
    ]
    outcomes = judge_tolerance(CATALOG, VARIANTS, CLEAN_RUN, runs)
    assert [o.failed for o in outcomes] == [False, True, True]
    group = outcomes[2]
    assert {c.requirement: c.members for c in group.worse} == {MUST.id: ["b"], OTHER_SECTION_MUST.id: []}  # [] : only together
    assert [(c.requirement, c.members) for c in group.allowed] == [(SHOULD.id, ["a"])]  # a member's nonstrict allows it
    text = markdown(SelfTestResult(tolerance=outcomes), CATALOG)
    assert "alone too: b" in text and "| a+b | a, b | **2** | 1 |" in text


def test_a_run_covering_some_sections_is_judged_there_only():
    run = _run("b", {"b"}, {OTHER_SECTION_MUST.id: "(absent)"}, sections=(MUST.section, SHOULD.section))
    [outcome] = judge_tolerance(CATALOG, VARIANTS, CLEAN_RUN, [run])
    assert not outcome.failed


def test_the_console_and_json_show_the_worse_verdicts():
    [outcome] = judge_tolerance(CATALOG, VARIANTS, CLEAN_RUN, [_run("b", {"b"}, {MUST.id: "FAIL"})])
    result = SelfTestResult(tolerance=[outcome])
    text = console(result)
    assert "b  WORSE (1)" in text and f"{MUST.id} `{_node(MUST.id)}`: PASS -> FAIL" in text
    assert "with a worse verdict: 1" in text and "self-test FAILED" in text
    data = result.as_dict()
    assert data["ok"] is False and data["worsening_variants"] == ["b"] and data["tolerance"][0]["failed"] is True
    assert "variant runs with a worse verdict: 1 of 1" in markdown(result, CATALOG)
    assert data["tolerance"][0]["worse"][0]["message"] == f"{MUST.id} went FAIL"


def test_variant_runs_are_each_variant_alone_then_each_compatible_group(injected_variants):
    runs = variant_runs(sorted({ROGUE, EXCLUSIVE, HARMLESS} & set(injected_variants)))
    assert runs[:3] == [(ROGUE, {ROGUE}), (EXCLUSIVE, {EXCLUSIVE}), (HARMLESS, {HARMLESS})]
    groups = [variants for _, variants in runs[3:]]
    assert groups and all(len(g) > 1 for g in groups)
    assert not any({EXCLUSIVE, HARMLESS} <= g for g in groups)  # excluding variants are never together
    assert variant_runs([HARMLESS]) == [(HARMLESS, {HARMLESS})]


FEATURED = next(r for r in CATALOG if r.applies_to == "referenceid-in-response")
WITHDRAWING = {"w": Variant("w", (FEATURED.id,), "withdraws the feature", withdraws=("referenceid-in-response",))}


def test_not_applicable_on_a_feature_the_variant_withdraws_is_allowed():
    clean = RunResult(CLEAN, frozenset(), frozenset(), 0, _run(CLEAN, set(), {FEATURED.id: "PASS"}).report, "")
    [outcome] = judge_tolerance(CATALOG, VARIANTS | WITHDRAWING, clean, [_run("w", {"w"}, {FEATURED.id: "NOT-APPLICABLE"})])
    assert not outcome.failed
    assert {(c.requirement, c.variant, c.members[0]) for c in outcome.allowed} == {(FEATURED.id, "NOT-APPLICABLE", "w")}


def test_a_withdrawn_feature_excuses_no_fail_and_no_other_requirement():
    clean = RunResult(CLEAN, frozenset(), frozenset(), 0, _run(CLEAN, set(), {FEATURED.id: "PASS"}).report, "")
    [failing] = judge_tolerance(CATALOG, VARIANTS | WITHDRAWING, clean, [_run("w", {"w"}, {FEATURED.id: "FAIL"})])
    [elsewhere] = judge_tolerance(CATALOG, VARIANTS | WITHDRAWING, clean, [_run("w", {"w"}, {MUST.id: "NOT-APPLICABLE"})])
    assert failing.failed and elsewhere.failed


def test_the_console_names_a_group_by_what_it_leaves_out():
    runs = [_run("a", {"a"}), _run("b", {"b"}), _run("a+b", {"a", "b"})]
    outcomes = judge_tolerance(CATALOG, VARIANTS, CLEAN_RUN, runs)
    text = console(SelfTestResult(tolerance=outcomes))
    assert any(line.strip().startswith("group of 2 (every variant)") for line in text.splitlines())
    assert "a+b" not in text  # the members' joined names stay in selftest.md
    with_c = judge_tolerance(CATALOG, VARIANTS, CLEAN_RUN, [*runs, _run("b", {"b"})])
    with_c[0].variants = ["must-nonstrict"]  # a run of another variant: the group now leaves it out
    assert "group of 2 (all but must-nonstrict)" in console(SelfTestResult(tolerance=with_c))


def test_every_variant_meets_every_variant_it_does_not_exclude(injected_variants):
    known = injected_variants
    groups = compatible_variants()
    for name, variant in known.items():
        for other_name, other in known.items():
            if name != other_name and not excludes(variant, other):
                assert any({name, other_name} <= group for group in groups), (name, other_name)
