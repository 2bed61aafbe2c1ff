"""pytest's order through the suite in a concurrent run (plugin/concurrency.py walk_order): the
checks that run alone first, those on the handshakes before all; then the synchronous checks,
which pytest runs beside the jobs in flight; then the jobs, the long ones last, so that the walk
reports the short ones while the long ones still wait on their timers. A serial run starts the
long checks first instead."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

from conformance.embedded import embedded_config
from conformance.reference import ReferenceServer
from .test_pytest_plugin import profile_file

HANDSHAKES = {"test_client_ids_unique", "test_client_ids_not_reused", "test_handshake_returns_client_id[long-polling]", "test_handshake_returns_client_id[websocket]"}
STREAM_BARRIERS = {"test_each_change_notified_once", "test_wildcard_misses_its_stem", "test_client_publish_onto_v2_refused"}
SYNCHRONOUS = "test_generated_sequences_follow_the_model"
LONG_JOBS = {"test_idle_connect_held_about_advertised_timeout", "test_session_expires_without_connects"}


def _walk(tmp_path: Path, concurrency: int) -> list[str]:
    with contextlib.redirect_stdout(io.StringIO()), ReferenceServer(embedded_config()).start() as server:
        profile = profile_file(server, tmp_path / "profile.toml")
        command = [sys.executable, "-m", "pytest", "--target", str(profile), "--pyargs", "conformance.suites", "--collect-only", "-q"]
        command += ["--gws-concurrency", str(concurrency), "-n", "0", "-p", "no:cacheprovider"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return [line.split("::", 1)[1] for line in done.stdout.splitlines() if "::" in line]


def test_concurrent_walk_runs_barriers_then_synchronous_checks_then_jobs_long_last(tmp_path):
    walk = _walk(tmp_path, 8)
    assert set(walk[: len(HANDSHAKES)]) == HANDSHAKES
    synchronous = walk.index(SYNCHRONOUS)
    assert all(walk.index(name) < synchronous for name in STREAM_BARRIERS)
    assert "test_accept_answers_200" in walk[synchronous + 1 :]  # an ordinary job comes after it
    assert set(walk[-len(LONG_JOBS) :]) == LONG_JOBS


def test_serial_walk_starts_the_long_checks(tmp_path):
    walk = _walk(tmp_path, 1)
    assert set(walk[: len(LONG_JOBS) + 1]) == LONG_JOBS | {SYNCHRONOUS}
