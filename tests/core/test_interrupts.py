"""A cancelled run never passes: SIGINT and SIGTERM sent to a real run's process group (as
Ctrl-C and a CI cancel do) stop it promptly, with no traceback, and every report says it was
interrupted; the exit code is 130 or 143."""

from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conformance import schemas

UNDER_WAY_TIMEOUT_S = 120.0  # the run starting up (imports, reference server) on a busy machine
STOP_BOUND_S = 20.0  # from the signal to the exit: close every client, write the reports


class _Output:
    """A child's stdout, read in a thread; `wait_for` returns once `text` has appeared."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.text = ""
        self._closed = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        while chunk := process.stdout.read1(4096):
            with self._changed:
                self.text += decoder.decode(chunk)
                self._changed.notify_all()
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def wait_for(self, text: str, timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: text in self.text or self._closed, timeout) and text in self.text

    def finished(self, timeout: float) -> str:
        self._thread.join(timeout)
        return self.text


def _interrupted_run(
    tmp_path: Path, sig: signal.Signals, under_way: str, *args: str, env: dict[str, str] | None = None
) -> tuple[int, float, str, str, Path]:
    """Start `gws-conformance run -v ARGS` in its own process group, wait until `under_way`
    appears on its stdout, send `sig` to the group; (exit code, seconds to exit, stdout, stderr, output)."""
    output = tmp_path / "run"
    stderr_file = tmp_path / "stderr.txt"
    with stderr_file.open("wb") as stderr_sink:  # a pipe nobody reads could fill up and stall the run
        process = subprocess.Popen(
            [sys.executable, "-m", "conformance", "run", "-v", "--output", str(output), *args],
            stdout=subprocess.PIPE,
            stderr=stderr_sink,
            start_new_session=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        )
    stdout = _Output(process)
    try:
        assert stdout.wait_for(under_way, UNDER_WAY_TIMEOUT_S), f"the run never got under way:\n{stdout.text[-2000:]}"
        os.killpg(process.pid, sig)
        signalled = time.monotonic()
        code = process.wait(timeout=STOP_BOUND_S * 3)
        elapsed = time.monotonic() - signalled
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    stderr = stderr_file.read_text(encoding="utf-8", errors="replace")
    return code, elapsed, stdout.finished(10), stderr, output


@pytest.mark.parametrize(
    "sig, under_way, args",
    [
        # serial, whole suite: the Bayeux section (first) is running when the signal comes
        (signal.SIGINT, "PASSED", ["--no-fuzz"]),
        # parallel workers: xdist reports finished checks as "[gw0] ... PASSED"
        (signal.SIGTERM, "PASSED", ["--no-fuzz", "--workers", "2"]),
        # during the fuzz campaign: its first check has started (-v prints its id first)
        (signal.SIGINT, "test_fuzz.py::test_no_server_error", ["--section", "fuzz", "--fuzz-time", "60", "--fuzz-examples", "200"]),
        # early in a run of three sections: the first check has only started (-v prints its id first)
        (signal.SIGTERM, "::test_", ["--no-fuzz", "--section", "session", "--section", "email-accept", "--section", "bayeux-handshake"]),
    ],
    ids=["serial-sigint", "workers-sigterm", "fuzzing-sigint", "early-sigterm"],
)
def test_a_signal_stops_the_run_and_every_report_says_so(tmp_path, sig, under_way, args):
    _assert_interrupted_and_reported(tmp_path, sig, *_interrupted_run(tmp_path, sig, under_way, *args))


# On Python 3.11 the frame a signal lands in can have no line number (tb_lineno None), and
# pytest's rendering of the interrupt then raised TypeError (seen once in CI: exit 1 and a
# traceback). This makes it certain: the innermost frame of a KeyboardInterrupt has no line.
_SIGNAL_FRAME_WITHOUT_LINE = """
from _pytest._code.code import TracebackEntry

def _lineno(self):
    if self._rawentry.tb_next is None and _interrupt_frames.get(id(self._rawentry)):
        return None - 1
    return self._rawentry.tb_lineno - 1

_interrupt_frames = {}

from _pytest._code.code import ExceptionInfo
_from_current = ExceptionInfo.from_current.__func__

def _remember(cls, *args, **kwargs):
    info = _from_current(cls, *args, **kwargs)
    if isinstance(info.value, KeyboardInterrupt):
        tb = info.tb
        while tb.tb_next is not None:
            tb = tb.tb_next
        _interrupt_frames[id(tb)] = True
    return info

ExceptionInfo.from_current = classmethod(_remember)
TracebackEntry.lineno = property(_lineno)
"""


def test_a_signal_stops_the_run_even_when_pytest_cannot_render_where_it_landed(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(_SIGNAL_FRAME_WITHOUT_LINE, encoding="utf-8")
    path = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))
    run = _interrupted_run(tmp_path, signal.SIGINT, "PASSED", "--no-fuzz", "--section", "session", env={"PYTHONPATH": path})
    _assert_interrupted_and_reported(tmp_path, signal.SIGINT, *run)


def _assert_interrupted_and_reported(
    tmp_path: Path, sig: signal.Signals, code: int, elapsed: float, stdout: str, stderr: str, output: Path
) -> None:
    expected_code = 128 + int(sig)
    assert code == expected_code, f"exit {code}\n{stdout[-1500:]}\n{stderr[-1500:]}"
    assert elapsed < STOP_BOUND_S, f"took {elapsed:.1f} s to stop"
    assert "Traceback" not in stderr and "Traceback" not in stdout, stderr[-3000:] or stdout[-3000:]
    assert "Event loop is closed" not in stderr + stdout

    report = json.loads((output / "report.json").read_text(encoding="utf-8"))
    assert schemas.errors("report", report) == []
    assert report["run"]["interrupted"] == {"signal": sig.name}
    assert report["summary"]["exit_code"] == expected_code
    note = f"INTERRUPTED by {sig.name}"
    assert note in (output / "summary.md").read_text(encoding="utf-8")
    assert note in (output / "report.html").read_text(encoding="utf-8")
    junit = (output / "junit.xml").read_text(encoding="utf-8")
    assert 'type="INTERRUPTED"' in junit and note in junit
    assert note in stdout and f"exit code {expected_code}" in stdout


def test_sigterm_stops_plain_pytest_and_its_report_says_so(tmp_path):
    """`pytest --target PROFILE --gws-output DIR`: SIGTERM stops the run like Ctrl-C, and the
    report names it."""
    from conformance.embedded import embedded_config
    from conformance.reference import ReferenceServer

    from .test_pytest_plugin import profile_file

    output = tmp_path / "out"
    with ReferenceServer(embedded_config()).start() as server:
        command = [sys.executable, "-m", "pytest", "--target", str(profile_file(server, tmp_path / "profile.toml")), "--pyargs", "conformance.suites"]
        command += ["--gws-output", str(output), "-n", "0", "-p", "no:cacheprovider", "-v"]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True, cwd=tmp_path)
        stdout = _Output(process)
        try:
            assert stdout.wait_for("PASSED", UNDER_WAY_TIMEOUT_S), stdout.text[-2000:]
            os.killpg(process.pid, signal.SIGTERM)
            code = process.wait(timeout=STOP_BOUND_S * 3)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    assert code != 0
    report = json.loads((output / "report.json").read_text(encoding="utf-8"))
    assert report["run"]["interrupted"] == {"signal": "SIGTERM"} and report["summary"]["exit_code"] == 143
    assert "Traceback" not in stdout.finished(10)


_INTERRUPT_IN_A_WEAKREF_CALLBACK = """
import os, signal, sys, time, weakref
from conformance.harness.interrupts import interrupts_caught

class Thing:
    pass

def callback(_):
    os.kill(os.getpid(), signal.SIGINT)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # the handler runs here, inside the weakref callback
        pass

told = []
with interrupts_caught(told.append):
    thing = Thing()
    ref = weakref.ref(thing, callback)
    del thing  # the callback runs at once; the KeyboardInterrupt raised in it cannot propagate
print("told", told)
print("hook restored", sys.unraisablehook is sys.__unraisablehook__)
"""


def test_an_interrupt_landing_in_a_weakref_callback_prints_no_traceback():
    """CI saw it once: Ctrl-C while the garbage collector ran a WeakSet callback made Python print
    "Exception ignored in ..." with a traceback; the run itself stopped as it should."""
    done = subprocess.run([sys.executable, "-c", _INTERRUPT_IN_A_WEAKREF_CALLBACK], capture_output=True, text=True, timeout=60)
    assert "told ['SIGINT']" in done.stdout, done.stdout + done.stderr
    assert "hook restored True" in done.stdout, done.stdout  # the block leaves the process's hook as it found it
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
