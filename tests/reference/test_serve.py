"""`gws-conformance serve`: the standalone server, its options and --list-faults."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from conformance.cli import main
from conformance.reference.email.faults import FAULTS

ROOT = Path(__file__).resolve().parents[2]


def test_list_faults_documents_every_fault(capsys):
    assert main(["serve", "--list-faults"]) == 0
    lines = capsys.readouterr().out.splitlines()
    for fault in FAULTS:
        [line] = [l for l in lines if l.split()[0] == fault.name]
        assert ",".join(fault.breaks) in line and fault.description in line


@pytest.mark.parametrize(
    "argv",
    [["--fault", "no-such-fault"], ["--port", "70000"], ["--agents", "/nonexistent.toml"], ["--latency", "-5"], ["--routing", "random"]],
)
def test_bad_options_are_usage_errors(argv, capsys):
    try:
        code = main(["serve", *argv])
    except SystemExit as exit_:
        code = exit_.code
    assert code == 2
    assert "error" in capsys.readouterr().err


def _read_lines(process: subprocess.Popen, count: int, timeout: float) -> list[str]:
    """The first `count` lines of stdout, read by a thread so that the wait stays bounded."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line.strip()) for line in process.stdout], daemon=True).start()
    deadline = time.monotonic() + timeout
    read: list[str] = []
    while len(read) < count:
        try:
            read.append(lines.get(timeout=max(0.0, deadline - time.monotonic())))
        except queue.Empty:
            raise AssertionError(f"serve printed only {read}") from None
    return read


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_serve_runs_until_a_signal_with_agents_faults_and_smtp(stop_signal):
    command = [
        sys.executable, "-m", "conformance.cli", "serve", "--port", "0", "--smtp-port", "0",
        "--agents", str(ROOT / "fixtures" / "agents.example.toml"), "--fault", "accept-http-204", "--bayeux-timeout", "500",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        lines = _read_lines(process, 6, timeout=20)
        base_url = lines[0].split()[2]
        assert lines[1].startswith(f"listening on {base_url}/api/v2/notifications")
        assert lines[3].startswith("listening on smtp://127.0.0.1:")
        assert lines[4] == "agents: alice <alice@support.example.test>, bob <bob@support.example.test>, carol <carol@support.example.test>"
        assert lines[5] == "faults: accept-http-204"
        assert "secret" not in "\n".join(lines)
        me = httpx.get(base_url + "/api/v2/me", auth=("bob", "bob-secret"))
        assert me.json()["user"]["emailAddress"] == "bob@support.example.test"
        process.send_signal(stop_signal)
        assert process.wait(timeout=15) == 0
        assert "bob-secret" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(5)


def test_serve_routing_round_robin_is_announced():
    command = [sys.executable, "-m", "conformance.cli", "serve", "--port", "0", "--routing", "round-robin"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        lines = _read_lines(process, 5, timeout=20)
        assert lines[4] == "routing: round-robin (whatever the To address)"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(5)
