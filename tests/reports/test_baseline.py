"""Baselines: parsing, applying to a report (applied, stale, expired, inconclusive), writing from a run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from conformance import schemas
from conformance.errors import UsageError
from conformance.reports.baseline import apply_baseline, baseline_from_report, dump_baseline, load_baseline, parse_baseline
from conformance.reports.json_report import certify, summarise
from tests.reports.sample import sample_report

TODAY = date(2026, 11, 28)


def _clean_report() -> dict:
    """The sample report with only its PASS and FAIL requirements."""
    report = sample_report()
    report["requirements"] = [r for r in report["requirements"] if r["id"] in ("EMAIL-ACCEPT-01", "EMAIL-ACCEPT-03")]

    report["summary"] = summarise(report)
    return report


def _baseline(*entries: dict):
    return parse_baseline({"expected_failures": list(entries)})


def _statuses(report: dict) -> dict[str, str]:
    return {e.get("check") or e["requirement"]: e["status"] for e in report["baseline"]["entries"]}


def test_a_listed_failure_becomes_expected_and_the_run_passes() -> None:
    report = _clean_report()
    assert report["summary"]["exit_code"] == 1
    applied = apply_baseline(report, _baseline({"requirement": "EMAIL-ACCEPT-01", "reason": "ACME-1", "owner": "mail"}), TODAY)
    check = applied["requirements"][0]["checks"][0]
    assert check["verdict"] == "EXPECTED-FAIL"
    assert check["baseline"] == {"requirement": "EMAIL-ACCEPT-01", "reason": "ACME-1", "owner": "mail", "original_verdict": "FAIL"}
    assert applied["requirements"][0]["verdict"] == "EXPECTED-FAIL"
    assert applied["summary"]["exit_code"] == 0
    assert applied["summary"]["requirements"]["EXPECTED-FAIL"] == 1
    assert _statuses(applied) == {"EMAIL-ACCEPT-01": "applied"}
    assert schemas.errors("report", applied) == []
    assert report["requirements"][0]["checks"][0]["verdict"] == "FAIL", "apply_baseline must not modify its input"


def test_an_entry_that_now_passes_is_stale_and_exits_4() -> None:
    applied = apply_baseline(
        _clean_report(),
        _baseline({"requirement": "EMAIL-ACCEPT-01", "reason": "known"}, {"requirement": "EMAIL-ACCEPT-03", "check": "test_accept_notified", "reason": "fixed?"}),
        TODAY,
    )
    assert _statuses(applied) == {"EMAIL-ACCEPT-01": "applied", "test_accept_notified": "stale"}
    assert applied["summary"]["exit_code"] == 4


def test_a_stale_entry_does_not_hide_a_real_failure() -> None:
    applied = apply_baseline(_clean_report(), _baseline({"requirement": "EMAIL-ACCEPT-03", "reason": "fixed?"}), TODAY)
    assert applied["summary"]["exit_code"] == 1


def test_an_expired_entry_excuses_nothing_and_is_stale() -> None:
    applied = apply_baseline(_clean_report(), _baseline({"requirement": "EMAIL-ACCEPT-01", "reason": "old", "expires": "2026-11-27"}), TODAY)
    assert applied["requirements"][0]["checks"][0]["verdict"] == "FAIL"
    assert _statuses(applied) == {"EMAIL-ACCEPT-01": "stale"}
    assert "expired on 2026-11-27" in applied["baseline"]["entries"][0]["why"]
    assert applied["summary"]["exit_code"] == 1
    still_valid = apply_baseline(_clean_report(), _baseline({"requirement": "EMAIL-ACCEPT-01", "reason": "x", "expires": "2026-11-28"}), TODAY)
    assert still_valid["summary"]["exit_code"] == 0


def test_blocked_and_unrun_entries_are_neither_applied_nor_stale() -> None:
    applied = apply_baseline(
        sample_report(),
        _baseline({"requirement": "EMAIL-REJECT-01", "reason": "flaky routing"}, {"requirement": "EMAIL-CANCEL-01", "reason": "not run"}),
        TODAY,
    )
    assert _statuses(applied) == {"EMAIL-REJECT-01": "inconclusive", "EMAIL-CANCEL-01": "not-run"}


def test_a_check_entry_matches_the_check_name_with_or_without_parameters() -> None:
    report = _clean_report()
    report["requirements"][0]["checks"][0]["name"] = "test_accept_answers_200[absent]"
    by_base = apply_baseline(report, _baseline({"requirement": "EMAIL-ACCEPT-01", "check": "test_accept_answers_200", "reason": "x"}), TODAY)
    assert by_base["summary"]["exit_code"] == 0
    other = apply_baseline(report, _baseline({"requirement": "EMAIL-ACCEPT-01", "check": "test_other", "reason": "x"}), TODAY)
    assert other["summary"]["exit_code"] == 1 and _statuses(other) == {"test_other": "not-run"}


def test_certify_fails_on_a_should_not_met() -> None:
    report = sample_report()
    report["requirements"] = [r for r in report["requirements"] if r["id"] in ("EMAIL-ACCEPT-03", "EMAIL-ACCEPT-18")]
    report["summary"] = summarise(report)
    assert report["summary"]["exit_code"] == 0
    certified = certify(report)
    assert certified["run"]["mode"] == "certify"
    assert certified["summary"]["exit_code"] == 1 and certified["summary"]["certified"] is False
    assert schemas.errors("report", certified) == []


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([], "one key, 'expected_failures'"),
        ({"expected_failures": [{"requirement": "EMAIL-ACCEPT-01"}]}, "'reason' is required"),
        ({"expected_failures": [{"requirement": "accept one", "reason": "x"}]}, "not a requirement ID"),
        ({"expected_failures": [{"requirement": "EMAIL-ACCEPT-01", "reason": "x", "expires": "soon"}]}, "YYYY-MM-DD"),
        ({"expected_failures": [{"requirement": "EMAIL-ACCEPT-01", "reason": "x", "owner ": "me"}]}, "unknown field"),
        ({"expected_failures": [{"requirement": "EMAIL-ACCEPT-01", "reason": "x"}, {"requirement": "EMAIL-ACCEPT-01", "reason": "y"}]}, "listed twice"),
    ],
)
def test_bad_baselines_are_usage_errors(raw: object, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_baseline(raw, "b.yaml")


def test_load_reports_unreadable_and_invalid_files(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read baseline"):
        load_baseline(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("expected_failures: [\n", encoding="utf-8")
    with pytest.raises(UsageError, match="not valid YAML"):
        load_baseline(broken)


def test_a_baseline_written_from_a_run_excuses_exactly_that_run(tmp_path: Path) -> None:
    report = _clean_report()
    written = tmp_path / "baseline.yaml"
    written.write_text(dump_baseline(baseline_from_report(report, owner="mail-team", expires=date(2027, 1, 31)), header="from a test"), encoding="utf-8")
    assert written.read_text().startswith("# from a test\n")
    raw = yaml.safe_load(written.read_text())
    assert raw == {
        "expected_failures": [
            {
                "requirement": "EMAIL-ACCEPT-01",
                "check": "test_accept_answers_200",
                "reason": "Accept answered HTTP 204, not 200",
                "owner": "mail-team",
                "expires": "2027-01-31",
            }
        ]
    }
    applied = apply_baseline(report, load_baseline(written), TODAY)
    assert applied["summary"]["exit_code"] == 0
    # Regenerated from the baselined run, entries keep their reason, owner and expiry.
    again = baseline_from_report(applied, reason="ignored for existing entries")
    assert [e.as_dict() for e in again.entries] == [e.as_dict() for e in load_baseline(written).entries]


def test_overlapping_entries_both_apply_and_the_first_one_names_the_reason() -> None:
    applied = apply_baseline(
        _clean_report(),
        _baseline(
            {"requirement": "EMAIL-ACCEPT-01", "check": "test_accept_answers_200", "reason": "precise"},
            {"requirement": "EMAIL-ACCEPT-01", "reason": "broad"},
        ),
        TODAY,
    )
    assert _statuses(applied) == {"test_accept_answers_200": "applied", "EMAIL-ACCEPT-01": "applied"}
    assert applied["requirements"][0]["checks"][0]["baseline"]["reason"] == "precise"
    assert applied["summary"]["exit_code"] == 0
