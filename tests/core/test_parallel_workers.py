"""Checks on parallel workers give the same verdicts as a serial run (each worker owns two agents)."""

from __future__ import annotations

import contextlib
import dataclasses
import io

import pytest

from conformance.embedded import embedded_config, embedded_profile
from conformance.errors import UsageError
from conformance.plugin.workers import profile_from_wire, profile_to_wire
from conformance.profile import load_profile
from conformance.reference import ReferenceServer
from conformance.runner import run_suites

SECTIONS = ["email-accept", "email-reject", "notification-envelope"]
SLOW_TARGET_MS = 100  # the reference answers every request and notification this late


def _verdicts(report: dict) -> dict[str, str]:
    return {c["nodeid"]: c["verdict"] for r in report["requirements"] for c in r["checks"]}


def test_profile_travels_to_workers_intact(monkeypatch):
    monkeypatch.setenv("GWS_AGENT_A_PASSWORD", "a-secret")
    monkeypatch.setenv("GWS_AGENT_B_PASSWORD", "b-secret")
    profile = load_profile("fixtures/profiles/vendor-example.toml")
    assert profile_from_wire(profile_to_wire(profile)) == profile


def test_parallel_verdicts_equal_serial_verdicts_against_a_slow_target(tmp_path):
    config = dataclasses.replace(embedded_config(), latency_ms=SLOW_TARGET_MS)
    with contextlib.redirect_stdout(io.StringIO()), ReferenceServer(config).start() as server:
        serial = run_suites(embedded_profile(server), tmp_path / "serial", sections=SECTIONS)
        parallel = run_suites(embedded_profile(server), tmp_path / "parallel", sections=SECTIONS, workers=4)
    assert _verdicts(serial.report) == _verdicts(parallel.report)
    # NOT-APPLICABLE: the Error-notification checks, on a server that refuses in its answers only.
    assert set(_verdicts(serial.report).values()) <= {"PASS", "NOT-APPLICABLE"}
    # The workers' results carry their evidence back: the report is as complete as a serial one.
    assert all(c["evidence"] for r in parallel.report["requirements"] for c in r["checks"])
    # The report says how each run ran.
    assert parallel.report["run"]["execution"] == {"agent_pairs": 4, "concurrency": 1}
    assert serial.report["run"]["execution"] == {"agent_pairs": 1, "concurrency": 8}


def test_too_few_agents_for_the_workers_is_a_usage_error(tmp_path):
    profile = load_profile("fixtures/profiles/reference-local.toml")
    with pytest.raises(UsageError, match="2 workers need 4 agents"):
        run_suites(profile, tmp_path, workers=2)
