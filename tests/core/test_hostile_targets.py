"""A target that is down, hangs or answers garbage gets verdicts with reasons: never a hung
run, never a traceback, never a harness ERROR blamed on the target."""

from __future__ import annotations

import contextlib
import io
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.profile import Injector, ProfileAgent, TargetProfile, Timeouts
from conformance.runner import RunOutcome, run_suites

SECTIONS = ["session", "email-accept", "bayeux-handshake"]
GARBAGE = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{garbage["


def _profile(port: int) -> TargetProfile:
    base = f"http://127.0.0.1:{port}"
    return TargetProfile(
        name=f"hostile target on {port}",
        base_url=base,
        cometd_url=f"{base}/api/v2/notifications",
        kind="gws",
        agents=(ProfileAgent("agent1", "password1", "agent1@x.test"), ProfileAgent("agent2", "password2", "agent2@x.test")),
        injector=Injector("http", url=f"{base}/reference/v1/inbound"),
        features=frozenset({"bayeux-auth"}),
        timeouts=Timeouts(http=0.5, notification=0.3, invitation=0.3, negative_window=0.1, check=10.0, bayeux_hold=1.0, bayeux_expiry=1.0),
    )


@contextlib.contextmanager
def _server(behaviour: str) -> Iterator[int]:
    """A TCP server on 127.0.0.1 that never answers ("hang") or answers garbage to everything."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()
    connections: list[socket.socket] = []

    def serve() -> None:
        listener.settimeout(0.05)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            connections.append(connection)
            if behaviour == "garbage":
                with contextlib.suppress(OSError):
                    connection.recv(65536)
                    connection.sendall(GARBAGE)
                    connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(5)
        for connection in connections:
            connection.close()
        listener.close()


def _closed_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def _run(port: int, output: Path) -> RunOutcome:
    result: list[RunOutcome] = []
    thread = threading.Thread(target=lambda: result.append(_quiet_run(port, output)), daemon=True)
    thread.start()
    thread.join(180)
    assert not thread.is_alive(), "the run hung"
    return result[0]


def _quiet_run(port: int, output: Path) -> RunOutcome:
    with contextlib.redirect_stdout(io.StringIO()):
        return run_suites(_profile(port), output, sections=SECTIONS, fuzz=None)


def _checks(outcome: RunOutcome) -> list[dict]:
    return [c for r in outcome.report["requirements"] for c in r["checks"]]


@pytest.mark.parametrize("behaviour", ["down", "hang", "garbage"])
def test_hostile_target_gets_reasoned_verdicts(tmp_path, behaviour):
    if behaviour == "down":
        outcome = _run(_closed_port(), tmp_path)
    else:
        with _server(behaviour) as port:
            outcome = _run(port, tmp_path)
    checks = _checks(outcome)
    assert checks
    verdicts = {c["verdict"] for c in checks}
    assert "ERROR" not in verdicts, [c["message"] for c in checks if c["verdict"] == "ERROR"][:3]
    assert all(c["message"] for c in checks if c["verdict"] != "PASS"), "every verdict but PASS carries its reason"
    blocked = [c for c in checks if c["verdict"] == "BLOCKED"]
    assert blocked and all(c["blocked_step"] for c in blocked), "checks needing an agent are BLOCKED, naming the step"
    if behaviour == "down":
        assert verdicts <= {"BLOCKED", "NOT-APPLICABLE"}
        assert outcome.exit_code == 3  # target unreachable
    else:
        # The target took requests and answered none usefully: the checks judging an answer FAIL.
        assert "FAIL" in verdicts
        assert outcome.exit_code == 1
