"""The output folder is checked before anything runs; reports that cannot be written after
the run land in a named fallback folder: one line on stderr, exit 2, no traceback, no lost results."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.reports import REPORT_FILES

QUICK = ["--requirement", "EMAIL-ACCEPT-01", "--no-fuzz"]


def _run(output: Path | str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conformance", "run", "--output", str(output), *QUICK], capture_output=True, text=True, timeout=180
    )


@pytest.mark.parametrize(
    "where, fragment",
    [
        ("file", "is a file"),
        ("below-file", "which is a file"),
        ("unwritable", "cannot be written"),  # /proc takes no folders, for root too
    ],
)
def test_a_bad_output_folder_is_one_line_and_exit_2_before_the_run(tmp_path, where, fragment):
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder\n")
    output = {"file": a_file, "below-file": a_file / "reports", "unwritable": Path("/proc/gws-conformance-reports")}[where]
    done = _run(output)
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0] and str(output) in lines[0], done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "INTERNALERROR" not in done.stderr + done.stdout
    assert not done.stdout.strip(), "nothing ran"


def test_reports_that_cannot_be_written_go_to_a_named_fallback(tmp_path):
    output = tmp_path / "reports"
    (output / "report.json").mkdir(parents=True)  # the folder is writable; report.json cannot be
    done = _run(output)
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write the reports" in lines[0], done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    named = re.search(r"written to (\S+)$", lines[0])
    assert named, lines[0]
    fallback = Path(named.group(1))
    try:
        assert all((fallback / name).is_file() for name in REPORT_FILES)
        report = json.loads((fallback / "report.json").read_text(encoding="utf-8"))
        assert [r["id"] for r in report["requirements"]] == ["EMAIL-ACCEPT-01"]
        assert f"reports: {fallback}" in done.stdout and "exit code 2" in done.stdout
    finally:
        shutil.rmtree(fallback, ignore_errors=True)


def test_bad_input_creates_no_output_folder(tmp_path):
    output = tmp_path / "never"
    done = subprocess.run(
        [sys.executable, "-m", "conformance", "run", "--output", str(output), "--section", "no-such-section"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2 and "unknown section" in done.stderr
    assert not output.exists()


def test_rerendering_below_a_file_is_one_line_and_exit_2(tmp_path):
    run = tmp_path / "run"
    assert _run(run).returncode == 0
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    done = subprocess.run(
        [sys.executable, "-m", "conformance", "report", str(run), "--output", str(a_file / "below")],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "which is a file" in lines[0], done.stderr
