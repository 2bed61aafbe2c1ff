"""`gws-conformance selftest` end to end, on two faults and two clean runs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


@pytest.mark.slow
def test_selftest_kills_the_chosen_faults_and_finds_no_flakes(tmp_path):
    command = [sys.executable, "-m", "conformance", "selftest", "--output", str(tmp_path)]
    command += ["--fault", "accept-http-204", "--fault", "reject-after-accept-allowed", "--repeat", "2", "--jobs", "2"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads((tmp_path / "selftest.json").read_text())
    assert result["ok"] and result["flaky"] == {} and result["clean_not_pass"] == {}
    assert {f["fault"]: f["killed"] for f in result["faults"]} == {
        "accept-http-204": ["EMAIL-ACCEPT-01"],
        "reject-after-accept-allowed": ["EMAIL-REJECT-05"],
    }
    matrix = (tmp_path / "selftest.md").read_text()
    assert "| EMAIL-ACCEPT-01 | MUST | accept-http-204 |" in matrix
    assert "kill matrix:" in done.stdout


def test_unknown_fault_is_a_usage_error(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "conformance", "selftest", "--fault", "no-such-fault", "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "no-such-fault" in done.stderr
