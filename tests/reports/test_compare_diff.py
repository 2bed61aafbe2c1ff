"""Comparing runs: the implementations x requirements grid and the diff of two runs."""

from __future__ import annotations

import copy

from conformance.reports.compare import Run, grid, render_compare_markdown
from conformance.reports.diff import diff_as_dict, diff_runs, render_diff_text
from tests.reports.sample import check, requirement, sample_report


def _with(report: dict, req_id: str, *verdicts: str) -> dict:
    """A copy of `report` where requirement `req_id` has one check per verdict."""
    changed = copy.deepcopy(report)
    entry = next(r for r in changed["requirements"] if r["id"] == req_id)
    template = entry["checks"][0]
    entry["checks"] = [
        dict(copy.deepcopy(template), name=template["name"] + (f"_{i}" if i else ""), verdict=v, message=f"now {v}")
        for i, v in enumerate(verdicts)
    ]
    entry["verdict"] = max(verdicts, key=["NOT-APPLICABLE", "PASS", "PASS-NONSTRICT", "EXPECTED-FAIL", "BLOCKED", "FAIL", "ERROR"].index)
    return changed


def test_grid_holds_every_requirement_of_every_run_in_order() -> None:
    first = sample_report()
    second = copy.deepcopy(first)
    second["requirements"] = second["requirements"][1:] + [requirement("EMAIL-CANCEL-01", "email-cancel", "MUST", [check("test_cancel", "PASS")])]
    rows = grid([Run("a", first), Run("b", second)])
    assert [r.id for r in rows][:2] == ["EMAIL-ACCEPT-01", "EMAIL-ACCEPT-03"] and rows[-1].id == "EMAIL-CANCEL-01"
    assert rows[0].verdicts == ("FAIL", "none") and rows[0].differs
    assert rows[-1].verdicts == ("none", "PASS")
    assert not rows[1].differs
    assert rows[0].reasons[0] == "test_accept_answers_200: Accept answered HTTP 204, not 200"


def test_compare_markdown_marks_differences() -> None:
    fixed = _with(sample_report(), "EMAIL-ACCEPT-01", "PASS")
    md = render_compare_markdown([Run("vendor | A", sample_report()), Run("vendor B", fixed)])
    assert "| requirement | keyword | vendor \\| A | vendor B |" in md
    assert "| ◆ `EMAIL-ACCEPT-01` | MUST | FAIL | PASS |" in md
    assert "| `EMAIL-ACCEPT-03` | MUST | PASS | PASS |" in md
    assert "6 requirements, 1 with different verdicts" in md


def test_diff_lists_regressions_first_then_fixes_then_others() -> None:
    before = sample_report()
    after = _with(before, "EMAIL-ACCEPT-03", "FAIL")  # PASS -> FAIL
    after = _with(after, "EMAIL-ACCEPT-01", "PASS")  # FAIL -> PASS
    after["requirements"] = [r for r in after["requirements"] if r["id"] != "BAYEUX-WS-01"]  # removed
    result = diff_runs(before, after)
    assert [c.id for c in result.regressions] == ["EMAIL-ACCEPT-03"]
    assert [c.id for c in result.fixes] == ["EMAIL-ACCEPT-01"]
    assert [c.id for c in result.others] == ["BAYEUX-WS-01"]
    assert result.unchanged == 3
    text = render_diff_text(result, "A", "B")
    assert text.index("regressions (1)") < text.index("fixes (1)") < text.index("other changes (1)")
    assert "EMAIL-ACCEPT-03" in text and "PASS -> FAIL" in text and "absent" in text


def test_a_new_failing_check_in_a_failing_requirement_is_a_regression() -> None:
    before = _with(sample_report(), "EMAIL-ACCEPT-01", "FAIL", "PASS")
    after = _with(sample_report(), "EMAIL-ACCEPT-01", "FAIL", "FAIL")
    result = diff_runs(before, after)
    assert [c.id for c in result.regressions] == ["EMAIL-ACCEPT-01"]
    assert diff_as_dict(result)["regressions"][0]["checks"] == [
        {"name": "test_accept_answers_200_1", "before": "PASS", "after": "FAIL", "kind": "regression", "message": "now FAIL"}
    ]


def test_a_baseline_does_not_count_as_a_fix_and_applicability_is_not_a_regression() -> None:
    before = sample_report()
    baselined = _with(before, "EMAIL-ACCEPT-01", "EXPECTED-FAIL")
    baselined = _with(baselined, "EMAIL-ACCEPT-03", "NOT-APPLICABLE")
    result = diff_runs(_with(before, "EMAIL-ACCEPT-01", "FAIL"), baselined)
    assert result.regressions == [] and result.fixes == []
    assert {c.id for c in result.others} == {"EMAIL-ACCEPT-01", "EMAIL-ACCEPT-03"}
