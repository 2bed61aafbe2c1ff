"""The checks as a plain pytest plugin: `pytest --target PROFILE --pyargs conformance.suites`."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.embedded import embedded_config
from conformance.reference import ReferenceServer


def profile_file(server: ReferenceServer, path: Path) -> Path:
    lines = ["[target]", f'base_url = "{server.base_url}"', "[injector]", 'kind = "http"', f'url = "{server.base_url}/reference/v1/inbound"']
    for agent in server.config.agents:
        lines += ["[[agents]]", f'username = "{agent.username}"', f'password = "{agent.password}"', f'address = "{agent.address}"']
    lines += ["[timeouts]", "notification = 2", "invitation = 3", "negative_window = 0.5"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("workers", ["0", "2"])
def test_pytest_target_runs_the_checks_and_writes_the_report(tmp_path, workers):
    with contextlib.redirect_stdout(io.StringIO()), ReferenceServer(embedded_config()).start() as server:
        profile = profile_file(server, tmp_path / "profile.toml")
        command = [sys.executable, "-m", "pytest", "--target", str(profile), "--pyargs", "conformance.suites.email_api.test_email_reject"]
        command += ["--gws-output", str(tmp_path / "out"), "-n", workers, "-p", "no:cacheprovider", "-q"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert {r["id"]: r["verdict"] for r in report["requirements"]} == {f"EMAIL-REJECT-0{n}": "PASS" for n in range(1, 6)}


def test_pytest_with_a_bad_profile_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[target]\nbase_url = 'ftp://nowhere'\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--target", str(bad), "--pyargs", "conformance.suites", "-n", "0", "-p", "no:cacheprovider"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert done.returncode == pytest.ExitCode.USAGE_ERROR
    assert "[target].base_url: must be an http(s) URL" in done.stderr


def test_plain_pytest_leaves_no_hypothesis_folder_where_it_ran(tmp_path):
    """The fuzz section uses Hypothesis; under plain `pytest --target` too, its storage is a
    temporary folder, never .hypothesis/ in the directory pytest ran from."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    with contextlib.redirect_stdout(io.StringIO()), ReferenceServer(embedded_config()).start() as server:
        profile = profile_file(server, tmp_path / "profile.toml")
        command = [sys.executable, "-m", "pytest", "--target", str(profile), "--pyargs", "conformance.suites.fuzz"]
        command += ["--fuzz-examples", "1", "--fuzz-time", "5", "-n", "0", "-p", "no:cacheprovider", "-p", "no:benchmark", "-q"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=cwd)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert list(cwd.iterdir()) == [], "pytest --target wrote into the directory it ran from"
