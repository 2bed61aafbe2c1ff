"""Routing modes: the whole suite (no fuzzing) against a reference server that routes by address
or round robin, with the profile's [routing].mode addressed or any-ready.

- any-ready against round robin (an agent group): the suite keeps one agent Ready per wait, so
  every invitation reaches its agent and the verdicts are the clean run's;
- addressed against round robin (the profile is wrong about the deployment): about half the
  invitations reach the other agent; each is recorded and cleared away, never a FAIL, and the
  email injected again reaches its agent: on this server the verdicts are the clean run's too;
- any-ready against routing by address: the NotReady/Ready around each wait disturbs nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conformance.embedded import embedded_config, embedded_profile
from conformance.errors import UsageError
from conformance.plugin.concurrency import ONE_AT_A_TIME
from conformance.plugin.names import DEFAULT_CONCURRENCY
from conformance.profile import ROUTING_ADDRESSED, ROUTING_ANY_READY, load_profile
from conformance.reference import ReferenceServer
from conformance.reference.email.errors import OperationError, StatusCode
from conformance.reference.email.routing import ADDRESSED, ROUND_ROBIN, Router
from conformance.reference.email.service import EmailService
from conformance.runner import RunOutcome, run_suites
from conformance.selftest.inprocess import verdicts
from conformance.target.routing import ROUTING_OBSERVATION

ROUND_ROBIN_PROFILE = "fixtures/profiles/reference-round-robin.toml"


def _run(output: Path, *, server_routing: str, profile_routing: str, concurrency: int = DEFAULT_CONCURRENCY) -> RunOutcome:
    config = dataclasses.replace(embedded_config(), routing=server_routing)
    with contextlib.redirect_stdout(io.StringIO()), ReferenceServer(config).start() as server:
        profile = dataclasses.replace(embedded_profile(server), routing=profile_routing)
        return run_suites(profile, output, fuzz=None, concurrency=concurrency)


def _observations(outcome: RunOutcome) -> dict[str, str]:
    return {o["key"]: o["text"] for o in outcome.report["run"].get("observations", [])}


def _routing_notes(outcome: RunOutcome) -> list[dict[str, Any]]:
    return [
        event
        for requirement in outcome.report["requirements"]
        for check in requirement["checks"]
        for event in check["evidence"]
        if event.get("kind") == "note" and str(event.get("summary", "")).startswith("routing:")
    ]


def _same_as_clean(outcome: RunOutcome, clean_run: RunOutcome) -> None:
    clean = verdicts(clean_run)  # with the fuzz section, which these runs leave out
    found = verdicts(outcome)
    assert found and {r: clean.get(r) for r in found} == found


def test_any_ready_against_round_robin_gives_the_clean_verdicts(tmp_path, clean_run):
    outcome = _run(tmp_path, server_routing=ROUND_ROBIN, profile_routing=ROUTING_ANY_READY)
    _same_as_clean(outcome, clean_run)
    assert outcome.exit_code == 0
    assert outcome.report["run"]["execution"]["concurrency"] == 1  # any-ready: one check at a time
    # Every invitation reached the agent waiting for it: nothing went elsewhere.
    assert ROUTING_OBSERVATION not in _observations(outcome) and _routing_notes(outcome) == []


def test_invitations_at_the_unexpected_agent_are_recorded_never_failed(tmp_path, clean_run):
    # One check at a time, so that each email injected again is the only one on its way.
    outcome = _run(tmp_path, server_routing=ROUND_ROBIN, profile_routing=ROUTING_ADDRESSED, concurrency=1)
    checks = [c for r in outcome.report["requirements"] for c in r["checks"]]
    assert not [c["nodeid"] for c in checks if c["verdict"] == "FAIL"]
    # What we claim in general: BLOCKED only naming the routing. On this server each second
    # email reaches the awaited agent, so nothing is BLOCKED and the verdicts are the clean run's.
    assert all("routing" in (c.get("message") or "") for c in checks if c["verdict"] == "BLOCKED")
    _same_as_clean(outcome, clean_run)
    notes = _routing_notes(outcome)
    assert notes, "round robin over two Ready agents sends some emails to the other agent"
    assert all(note["summary"].endswith("accepted and completed there") for note in notes)
    assert all(note["detail"]["notification"]["data"]["email"]["state"] == "Invited" for note in notes)
    assert f"{len(notes)} invitation(s) reached another agent" in _observations(outcome)[ROUTING_OBSERVATION]
    # report.json says it too, as run.observations
    written = json.loads((tmp_path / "report.json").read_text())
    assert any(o["key"] == ROUTING_OBSERVATION for o in written["run"]["observations"])


def test_misrouted_invitations_beside_other_checks_never_fail(tmp_path):
    """Checks in flight together when the first invitation goes astray: the run falls back to
    one check at a time and says so; what went astray meanwhile may BLOCK, naming the routing."""
    outcome = _run(tmp_path, server_routing=ROUND_ROBIN, profile_routing=ROUTING_ADDRESSED)
    checks = [c for r in outcome.report["requirements"] for c in r["checks"]]
    assert not [c["nodeid"] for c in checks if c["verdict"] in ("FAIL", "ERROR")]
    assert all("routing" in (c.get("message") or "") for c in checks if c["verdict"] == "BLOCKED")
    assert _routing_notes(outcome)
    assert "one at a time once an invitation reached another agent" in _observations(outcome)[ONE_AT_A_TIME]


def test_any_ready_against_addressed_routing_passes_everything(tmp_path):
    outcome = _run(tmp_path, server_routing=ADDRESSED, profile_routing=ROUTING_ANY_READY)
    assert {r: v for r, v in verdicts(outcome).items() if v not in ("PASS", "NOT-APPLICABLE")} == {}
    assert outcome.exit_code == 0 and _routing_notes(outcome) == []


def test_the_round_robin_fixture_profile_is_any_ready():
    assert load_profile(ROUND_ROBIN_PROFILE).routing == ROUTING_ANY_READY


def test_any_ready_with_several_workers_is_refused(tmp_path):
    profile = dataclasses.replace(load_profile(ROUND_ROBIN_PROFILE), agents=load_profile(ROUND_ROBIN_PROFILE).agents * 2)
    with pytest.raises(UsageError, match="any-ready cannot run on 2 parallel workers"):
        run_suites(profile, tmp_path, workers=2)
    done = subprocess.run(
        [sys.executable, "-m", "conformance", "run", "--target", ROUND_ROBIN_PROFILE, "--workers", "2", "--output", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("gws-conformance: error: [routing].mode = any-ready cannot run on 2 parallel workers") and done.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_any_ready_with_several_pytest_workers_is_refused(tmp_path):
    profile = Path(ROUND_ROBIN_PROFILE).resolve()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--target", str(profile), "--pyargs", "conformance.suites", "-n", "2", "-p", "no:cacheprovider"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert done.returncode == pytest.ExitCode.USAGE_ERROR
    assert "[routing].mode = any-ready cannot run on 2 parallel workers" in done.stderr


def test_a_check_whose_emails_all_go_elsewhere_is_blocked_naming_the_routing(tmp_path, monkeypatch):
    """A deployment that offers every email to agent2: agent1's check is BLOCKED after three
    emails, each recorded and cleared away at agent2, never a FAIL (EMAIL-REJECT-04 sets both up)."""
    monkeypatch.setattr(Router, "choose", lambda self, recipients, exclude: "agent2" if self.is_ready("agent2") else None)
    with contextlib.redirect_stdout(io.StringIO()), ReferenceServer(embedded_config()).start() as server:
        outcome = run_suites(embedded_profile(server), tmp_path, requirements=["EMAIL-REJECT-04"], fuzz=None)
    [check] = [c for r in outcome.report["requirements"] for c in r["checks"]]
    assert check["verdict"] == "BLOCKED"
    assert "routing: each of the 3 emails addressed to agent1 was offered to another agent" in check["message"]
    assert [note["actor"] for note in _routing_notes(outcome)] == ["agent2"] * 3
    assert _observations(outcome)[ROUTING_OBSERVATION].startswith("3 invitation(s) reached another agent")


def test_a_refused_not_ready_blocks_the_check_naming_the_routing(tmp_path, monkeypatch):
    """any-ready on a server that refuses NotReady: the check cannot be sure where its email goes."""
    original = EmailService.channel_operation

    async def refusing(self, agent, body):
        if body.get("operationName") == "NotReady":
            raise OperationError(StatusCode.INVALID_STATE, "NotReady is not allowed here")
        return await original(self, agent, body)

    monkeypatch.setattr(EmailService, "channel_operation", refusing)
    config = dataclasses.replace(embedded_config(), routing=ROUND_ROBIN)
    with contextlib.redirect_stdout(io.StringIO()), ReferenceServer(config).start() as server:
        profile = dataclasses.replace(embedded_profile(server), routing=ROUTING_ANY_READY)
        outcome = run_suites(profile, tmp_path, requirements=["EMAIL-REJECT-04"], fuzz=None)
    [check] = [c for r in outcome.report["requirements"] for c in r["checks"]]
    assert check["verdict"] == "BLOCKED", check["message"]
    assert "routing: agent2 could not be made NotReady while agent1 waits for its invitation" in check["message"]
