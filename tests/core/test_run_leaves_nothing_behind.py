"""A run writes into its output folder only: no .hypothesis/ (or anything else) in the
directory it was started from."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def test_a_fuzzing_run_leaves_the_current_directory_as_it_was(tmp_path):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    output = tmp_path / "run"
    done = subprocess.run(
        [sys.executable, "-m", "conformance", "run", "--output", str(output), "--section", "fuzz", "--fuzz-examples", "1", "--fuzz-time", "5"],
        capture_output=True, text=True, timeout=300, cwd=cwd,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert list(cwd.iterdir()) == [], "the run wrote into the directory it started from"
    assert not list(output.rglob(".hypothesis")), "nor is Hypothesis' storage kept with the reports"
