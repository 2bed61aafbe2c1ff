"""End to end: runs of the CLI against the embedded reference server, and what they leave behind."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conformance import schemas
from tests.reports.conftest import FAULT, Finished, run_cli, run_in_parallel, suite_run_args

pytestmark = pytest.mark.slow


def test_a_run_with_a_fault_writes_every_output(suite_runs: dict[str, Finished]) -> None:
    faulty = suite_runs["faulty"]
    assert faulty.exit_code == 1, faulty.stderr
    folder = faulty.output
    report = json.loads((folder / "report.json").read_text())
    assert schemas.errors("report", report) == []
    assert report["schema_version"] == "1.4"
    assert report["run"]["execution"] == {"agent_pairs": 1, "concurrency": 8}
    verdicts = {r["id"]: r["verdict"] for r in report["requirements"]}
    assert verdicts == {"EMAIL-ACCEPT-01": "FAIL", "EMAIL-ACCEPT-03": "PASS"}
    failed = report["requirements"][0]["checks"][0]
    assert failed["timings"]["operation"] == "POST /api/v2/me/emails/{id} Accept"
    assert failed["timings"]["http_ms"] > 0
    assert failed["reproduction"]["curl"].startswith("curl -sS -i -X POST")
    assert "POST /api/v2/me/emails/{id} Accept" in report["summary"]["latency"]

    md = (folder / "summary.md").read_text()
    assert "up to 8 checks at once on one agent pair" in md
    assert "| `EMAIL-ACCEPT-01` | MUST | **FAIL** | test\\_accept\\_answers\\_200 | Accept answered HTTP 204, not 200 |" in md
    assert "<details><summary>Reproduce EMAIL-ACCEPT-01" in md
    html = (folder / "report.html").read_text()
    assert "Accept answered HTTP 204, not 200" in html and 'id="req-EMAIL-ACCEPT-01"' in html
    assert 'classname="EMAIL-ACCEPT-01"' in (folder / "junit.xml").read_text()

    allure = [json.loads(p.read_text()) for p in (folder / "allure-results").glob("*-result.json")]
    accept01 = next(r for r in allure if {"name": "requirement", "value": "EMAIL-ACCEPT-01"} in r["labels"])
    assert accept01["status"] == "failed"
    assert {"name": "severity", "value": "critical"} in accept01["labels"]
    assert {"name": "suite", "value": "email-accept"} in accept01["labels"]
    assert accept01["links"][0]["url"] == "https://docs.genesys.com/Documentation/HTCC/latest/API/EmailAccept"
    attachments = {a["name"]: a["source"] for a in accept01["attachments"]}
    assert {"timeline", "reproduce: curl", "reproduce: python"} <= set(attachments)
    timeline = json.loads((folder / "allure-results" / attachments["timeline"]).read_text())
    assert any(e["kind"] == "http" and e["detail"]["status"] == 204 for e in timeline)


def test_a_clean_run_passes(suite_runs: dict[str, Finished]) -> None:
    clean = suite_runs["clean"]
    assert clean.exit_code == 0, clean.stdout + clean.stderr
    assert "exit code 0" in clean.stdout


def test_rerendering_a_run_is_deterministic(suite_runs: dict[str, Finished], tmp_path: Path) -> None:
    original = suite_runs["faulty"].output
    done = run_cli("report", str(original), "--output", str(tmp_path))
    assert done.exit_code == 0, done.stderr
    for name in ("report.json", "report.html", "summary.md", "junit.xml"):
        assert (tmp_path / name).read_bytes() == (original / name).read_bytes(), name


def test_a_baseline_from_the_run_makes_it_pass_and_a_stale_entry_fails_it(suite_runs: dict[str, Finished], tmp_path: Path) -> None:
    written = run_cli("baseline", str(suite_runs["faulty"].output), "--output", str(tmp_path / "baseline.yaml"), "--owner", "mail-team")
    assert written.exit_code == 0, written.stderr
    baseline = yaml.safe_load((tmp_path / "baseline.yaml").read_text())
    assert baseline == {
        "expected_failures": [
            {"requirement": "EMAIL-ACCEPT-01", "check": "test_accept_answers_200", "reason": "Accept answered HTTP 204, not 200", "owner": "mail-team"}
        ]
    }
    stale = {"expected_failures": baseline["expected_failures"] + [{"requirement": "EMAIL-ACCEPT-03", "reason": "fixed since"}]}
    (tmp_path / "stale.yaml").write_text(yaml.safe_dump(stale))

    runs = run_in_parallel(
        {
            "baselined": suite_run_args(tmp_path / "baselined", "--fault", FAULT, "--baseline", str(tmp_path / "baseline.yaml")),
            "stale": suite_run_args(tmp_path / "stale", "--fault", FAULT, "--baseline", str(tmp_path / "stale.yaml")),
        }
    )

    assert runs["baselined"].exit_code == 0, runs["baselined"].stdout + runs["baselined"].stderr
    report = json.loads((tmp_path / "baselined" / "report.json").read_text())
    assert report["requirements"][0]["verdict"] == "EXPECTED-FAIL"
    assert runs["stale"].exit_code == 4, runs["stale"].stdout + runs["stale"].stderr
    assert "stale: EMAIL-ACCEPT-03: now passes: remove the entry" in runs["stale"].stdout
    assert "### Stale baseline entries (1)" in (tmp_path / "stale" / "summary.md").read_text()


def test_certify_refuses_baselines_and_filters(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("expected_failures: []\n")
    for extra in (["--baseline", str(tmp_path / "b.yaml")], ["--requirement", "EMAIL-ACCEPT-01"], ["--keyword", "MUST"]):
        done = run_cli("run", "--certify", "--output", str(tmp_path / "out"), *extra)
        assert done.exit_code == 2
        assert "--certify runs every requirement with no baseline" in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_bad_baseline_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("expected_failures:\n  - requirement: EMAIL-ACCEPT-01\n")
    done = run_cli("run", "--baseline", str(tmp_path / "bad.yaml"), "--output", str(tmp_path / "out"))
    assert done.exit_code == 2
    assert done.stderr.strip().splitlines() == [f"gws-conformance: error: {tmp_path / 'bad.yaml'}: expected_failures[0]: 'reason' is required"]


def test_compare_shows_two_runs_side_by_side(suite_runs: dict[str, Finished], tmp_path: Path) -> None:
    faulty, clean = suite_runs["faulty"].output, suite_runs["clean"].output
    done = run_cli("report", "--compare", str(faulty), str(clean), "--output", str(tmp_path))
    assert done.exit_code == 0, done.stderr
    md = (tmp_path / "compare.md").read_text()
    assert "| requirement | keyword | embedded reference server (faulty) | embedded reference server (clean) |" in md
    assert "| ◆ `EMAIL-ACCEPT-01` | MUST | FAIL | PASS |" in md
    assert "| `EMAIL-ACCEPT-03` | MUST | PASS | PASS |" in md
    html = (tmp_path / "compare.html").read_text()
    assert "embedded reference server (faulty)" in html and "embedded reference server (clean)" in html


def test_diff_lists_the_regression_and_exits_1(suite_runs: dict[str, Finished]) -> None:
    faulty, clean = suite_runs["faulty"].output, suite_runs["clean"].output
    worse = run_cli("diff", str(clean), str(faulty))
    assert worse.exit_code == 1, worse.stderr
    assert "regressions (1):\n  EMAIL-ACCEPT-01" in worse.stdout
    assert "test_accept_answers_200: PASS -> FAIL: Accept answered HTTP 204, not 200" in worse.stdout
    better = run_cli("diff", str(faulty), str(clean), "--format", "json")
    assert better.exit_code == 0
    assert [c["id"] for c in json.loads(better.stdout)["fixes"]] == ["EMAIL-ACCEPT-01"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff", "no-such-run", "no-such-run"], "cannot read no-such-run"),
        (["report", "--compare", "no-such-run"], "--compare needs at least two runs"),
        (["baseline", "no-such-run"], "cannot read no-such-run"),
    ],
)
def test_bad_run_folders_are_usage_errors(args: list[str], message: str, tmp_path: Path) -> None:
    done = run_cli(*args, cwd=tmp_path)
    assert done.exit_code == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_a_folder_without_a_valid_report_is_refused(suite_runs: dict[str, Finished], tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(suite_runs["clean"].output, broken)
    report = json.loads((broken / "report.json").read_text())
    del report["summary"]
    (broken / "report.json").write_text(json.dumps(report))
    done = run_cli("diff", str(broken), str(suite_runs["clean"].output))
    assert done.exit_code == 2 and "is not a gws-conformance report" in done.stderr
