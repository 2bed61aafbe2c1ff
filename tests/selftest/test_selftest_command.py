"""`gws-conformance selftest` end to end: faults, clean runs and variants in real batch processes.

The command runs in this process so that the test-only variants can be injected into its
registry; its runs go to batch subprocesses against fresh embedded servers, as in CI.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from injected_variants import EXCLUSIVE, HARMLESS, ROGUE, ROGUE_BREAKS

from conformance.cli import main


@pytest.mark.slow
def test_selftest_kills_the_chosen_faults_tolerates_the_variant_and_finds_no_flakes(tmp_path, capsys, injected_variants):
    arguments = ["selftest", "--output", str(tmp_path), "--repeat", "2", "--jobs", "2"]
    arguments += ["--fault", "accept-http-204", "--fault", "reject-after-accept-allowed", "--variant", HARMLESS]
    code = main(arguments)
    out = capsys.readouterr().out
    assert code == 0, out
    result = json.loads((tmp_path / "selftest.json").read_text())
    assert result["ok"] and result["flaky"] == {} and result["clean_not_pass"] == {}
    assert {f["fault"]: f["killed"] for f in result["faults"]} == {
        "accept-http-204": ["EMAIL-ACCEPT-01"],
        "reject-after-accept-allowed": ["EMAIL-REJECT-05"],
    }
    assert [(v["label"], v["failed"], v["worse"]) for v in result["tolerance"]] == [(HARMLESS, False, [])]
    matrix = (tmp_path / "selftest.md").read_text()
    assert "| EMAIL-ACCEPT-01 | MUST | accept-http-204 |" in matrix and f"| {HARMLESS} | {HARMLESS} | 0 | 0 |" in matrix
    assert "kill matrix:" in out and "tolerance matrix:" in out and "with a worse verdict: 0" in out


@pytest.mark.slow
def test_a_variant_that_breaks_a_must_fails_the_selftest(tmp_path, capsys, injected_variants):
    code = main(["selftest", "--output", str(tmp_path), "--no-faults", "--variant", ROGUE, "--jobs", "2"])
    out = capsys.readouterr().out
    assert code == 1, out
    [rogue] = json.loads((tmp_path / "selftest.json").read_text())["tolerance"]
    assert rogue["label"] == ROGUE and rogue["failed"]
    assert any(c["requirement"] == ROGUE_BREAKS and (c["clean"], c["variant"]) == ("PASS", "FAIL") and c["message"] for c in rogue["worse"])
    assert f"{ROGUE}  WORSE" in out and "self-test FAILED" in out
    assert f"- worse: {ROGUE_BREAKS} `" in (tmp_path / "selftest.md").read_text()


@pytest.mark.parametrize("option, name", [("--fault", "no-such-fault"), ("--variant", "no-such-variant")])
def test_an_unknown_switch_is_a_usage_error(tmp_path, option, name):
    done = subprocess.run(
        [sys.executable, "-m", "conformance", "selftest", option, name, "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and name in done.stderr


@pytest.mark.parametrize(
    "arguments, named",
    [
        (["--variant", HARMLESS, "--variant", EXCLUSIVE], f"variants {EXCLUSIVE} and {HARMLESS} exclude each other"),
        (["--no-variants", "--variant", HARMLESS], "--no-variants"),
        (["--no-faults", "--fault", "accept-http-204"], "--no-faults"),
    ],
)
def test_contradicting_choices_are_a_usage_error(tmp_path, capsys, injected_variants, arguments, named):
    assert main(["selftest", "--output", str(tmp_path), *arguments]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and named in err
    assert not (tmp_path / "runs").exists()  # refused before any run
