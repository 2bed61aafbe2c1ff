"""Progress while a run lasts: one line per finished suite file, and a live line on a terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading

from conformance.plugin.progress import ProgressState, suite_file

RUN = [sys.executable, "-m", "conformance", "run", "--no-fuzz", "--requirement", "EMAIL-ACCEPT-0*", "--requirement", "SESSION-*"]


def test_a_file_gets_its_line_when_its_last_check_finishes():
    state = ProgressState()
    ids = ["conformance/suites/a/test_x.py::one", "conformance/suites/a/test_x.py::two", "conformance/suites/b/test_y.py::three"]
    state.collected(ids)
    state.collected(ids[:1])  # a second xdist worker reporting its collection changes nothing
    for nodeid in ids:
        state.began(nodeid)
    state.judged(ids[0], "PASS")
    assert state.finished(ids[0]) is None
    state.judged(ids[2], "BLOCKED")
    line = state.finished(ids[2])
    assert line is not None and line.startswith("  [2/3] b/test_y.py: 1 BLOCKED")
    state.judged(ids[1], "FAIL")
    line = state.finished(ids[1])
    assert line is not None and line.startswith("  [3/3] a/test_x.py: 1 PASS, 1 FAIL")
    assert state.verdicts == {"PASS": 1, "FAIL": 1, "BLOCKED": 1} and not state.running


def test_a_check_without_a_verdict_counts_as_error_and_no_eta_before_enough_checks():
    state = ProgressState()
    state.collected([f"conformance/suites/a/test_x.py::c{n}" for n in range(100)])
    assert state.eta() is None
    state.finished("conformance/suites/a/test_x.py::c0")
    assert state.verdicts == {"ERROR": 1} and state.eta() is None
    assert suite_file("conformance/suites/email_api/test_email_accept.py::test_a[x]") == "email_api/test_email_accept.py"


def test_not_on_a_terminal_the_run_prints_one_plain_line_per_file(tmp_path):
    done = subprocess.run([*RUN, "--output", str(tmp_path / "r")], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = [line for line in done.stdout.splitlines() if re.match(r"  \[\s*\d+/\d+\] ", line)]
    assert any("email_api/test_email_accept.py: " in line and " PASS (" in line for line in lines), done.stdout
    assert any("session/test_agent_session.py: " in line for line in lines), done.stdout
    assert "\x1b[" not in done.stdout and not re.search(r"^\.{3,}", done.stdout, re.MULTILINE), "no live line, no pytest dots"


def test_on_a_terminal_a_live_line_counts_the_checks(tmp_path):
    primary, secondary = os.openpty()
    process = subprocess.Popen([*RUN, "--output", str(tmp_path / "r")], stdout=secondary, stderr=secondary, cwd=tmp_path)
    os.close(secondary)
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the terminal closed when the run ended
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert process.wait(timeout=300) == 0
    reader.join(timeout=10)
    os.close(primary)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert re.search(r"\d+/\d+ checks\s+\d+:\d\d elapsed", shown), shown[-2000:]
    assert "email_api/test_email_accept.py: " in shown
