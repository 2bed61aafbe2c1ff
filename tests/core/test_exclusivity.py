"""A check that touches what it did not declare exclusive is an ERROR of that check, caught
every time, serial runs included: never a flaky verdict of a check that ran beside it.

Deliberately broken checks (written to a temporary file, run by `pytest --target` like any
suite) change agent A's Ready state or watch the whole stream without declaring it; their
twins declare it and pass.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.embedded import embedded_config
from conformance.harness import claims
from conformance.reference import ReferenceServer
from .test_pytest_plugin import profile_file

CHECKS = '''
from conformance.suites import READY, STREAM, exclusive, requirement


@requirement("SESSION-READY-01")
async def test_toggles_ready_undeclared(agent):
    await agent.set_state("NotReady")
    await agent.set_state("Ready")


@requirement("SESSION-READY-01")
@exclusive(READY)
async def test_toggles_ready_declared(agent):
    await agent.set_state("NotReady")
    await agent.set_state("Ready")


@requirement("NOTIF-STREAM-01")
async def test_quiesces_the_stream_undeclared(agent, target):
    await target.quiesce_invitations()


@requirement("NOTIF-STREAM-01")
@exclusive(STREAM)
async def test_quiesces_the_stream_declared(agent, target):
    await target.quiesce_invitations()


@requirement("EMAIL-ACCEPT-01")
async def test_ordinary_check_beside_them(agent, invitation):
    await agent.rest.email_operation(invitation.id, "Accept")
'''


def _run(tmp_path: Path, concurrency: int) -> dict[str, dict[str, str]]:
    checks = tmp_path / "test_breaking_exclusivity.py"
    checks.write_text(CHECKS, encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()), ReferenceServer(embedded_config()).start() as server:
        profile = profile_file(server, tmp_path / "profile.toml")
        command = [sys.executable, "-m", "pytest", "--target", str(profile), str(checks), "--gws-output", str(tmp_path / "out")]
        command += ["--gws-concurrency", str(concurrency), "-n", "0", "-p", "no:cacheprovider", "-q"]
        subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    return {c["name"]: c for r in report["requirements"] for c in r["checks"]}


@pytest.mark.parametrize("concurrency", [1, 8])
def test_an_undeclared_exclusive_touch_is_an_error(tmp_path, concurrency):
    checks = _run(tmp_path, concurrency)
    assert {name: check["verdict"] for name, check in checks.items()} == {
        "test_toggles_ready_undeclared": "ERROR",
        "test_toggles_ready_declared": "PASS",
        "test_quiesces_the_stream_undeclared": "ERROR",
        "test_quiesces_the_stream_declared": "PASS",
        "test_ordinary_check_beside_them": "PASS",
    }
    assert "does not declare @pytest.mark.exclusive('ready')" in checks["test_toggles_ready_undeclared"]["message"]
    assert "does not declare @pytest.mark.exclusive('stream')" in checks["test_quiesces_the_stream_undeclared"]["message"]


def test_a_misspelt_resource_is_refused():
    with pytest.raises(ValueError, match="unknown exclusive resource"):
        claims.validated(["readiness"])


def test_outside_any_check_nothing_is_guarded():
    assert claims.claimed() is None
    claims.require(claims.READY, "does harness work")  # no exception


def test_the_guard_follows_the_task_of_each_check():
    async def check(held: frozenset[str]) -> str:
        with claims.claiming(held):
            await asyncio.sleep(0)  # the other check's task runs meanwhile
            try:
                claims.require(claims.READY, "sets the agent NotReady")
            except claims.UndeclaredExclusivity:
                return "refused"
            return "allowed"

    async def both() -> list[str]:
        return list(await asyncio.gather(check(frozenset({claims.READY})), check(frozenset())))

    assert asyncio.run(both()) == ["allowed", "refused"]
