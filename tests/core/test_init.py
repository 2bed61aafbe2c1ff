"""`gws-conformance init`: a commented profile that loads, never a password in it, bad input exit 2."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conformance.cli import build_parser
from conformance.commands.init import gather
from conformance.embedded import embedded_config
from conformance.profile import load_profile
from conformance.profile_template import render_profile
from conformance.reference import ReferenceServer


def _cli(*args: str, cwd: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conformance", *args], capture_output=True, text=True, timeout=120, cwd=cwd,
        stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **(env or {})},
    )


FLAGS = ["--base-url", "https://gws.acme.example", "--agent", "a.one=a@acme.example", "--agent", "b.two=b@acme.example",
         "--injector", "smtp", "--smtp-host", "mail.acme.example"]


def test_flags_write_a_profile_that_loads_with_the_passwords_from_the_environment(tmp_path, monkeypatch):
    done = _cli("init", *FLAGS, cwd=str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "GWS_A_ONE_PASSWORD" in done.stdout and "doctor --target gws-target.toml" in done.stdout
    monkeypatch.setenv("GWS_A_ONE_PASSWORD", "first-Secret")
    monkeypatch.setenv("GWS_B_TWO_PASSWORD", "second-Secret")
    profile = load_profile(tmp_path / "gws-target.toml")
    assert [(a.username, a.password, a.address) for a in profile.agents] == [
        ("a.one", "first-Secret", "a@acme.example"), ("b.two", "second-Secret", "b@acme.example")
    ]
    assert profile.injector.kind == "smtp" and profile.base_url == "https://gws.acme.example"
    assert profile.routing == "addressed"
    # Queues and documents not given are named nowhere: their checks are NOT-APPLICABLE, never run on guesses.
    assert (profile.deployment.parking_queue, profile.deployment.outbound_queue, profile.deployment.document_ids) == (None, None, ())
    assert "password =" not in (tmp_path / "gws-target.toml").read_text()


def test_on_a_terminal_the_missing_values_are_asked_for():
    args = build_parser().parse_args(["init", "--agent", "a.one"])
    answers = iter(
        ["https://gws.acme.example", "b.two=b@acme.example", "http", "https://intake.acme.example/inbound", "ACME", "park", "", "doc-1, doc-2"]
    )
    asked: list[str] = []

    def ask(question: str) -> str:
        asked.append(question)
        return next(answers)

    gathered = gather(args, ask)
    assert len(asked) == 8 and not any("password" in question.lower() for question in asked)
    assert (gathered.parking_queue, gathered.outbound_queue, gathered.document_ids) == ("park", None, ("doc-1", "doc-2"))
    assert [a.username for a in gathered.agents] == ["a.one", "b.two"] and gathered.name == "ACME"
    assert gathered.injector == {"kind": "http", "url": "https://intake.acme.example/inbound"}
    assert "password_env" in render_profile(gathered)


@pytest.mark.parametrize(
    "args, fragment",
    [
        ([a for a in FLAGS if a != "https://gws.acme.example" and a != "--base-url"], "--base-url is required"),
        (["--base-url", "https://user:pw-in-url@gws.acme.example", *FLAGS[2:]], "carries a password"),
        (["--base-url", "ftp://gws.acme.example", *FLAGS[2:]], "http(s) URL"),
        (FLAGS[:4] + FLAGS[6:], "--agent is required twice"),
        ([*FLAGS, "--smtp-port", "70000"], "1-65535"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(tmp_path, args, fragment):
    done = _cli("init", *args, cwd=str(tmp_path))
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], done.stderr
    assert "pw-in-url" not in done.stderr
    assert not (tmp_path / "gws-target.toml").exists()


def test_an_existing_profile_is_kept_without_force(tmp_path):
    (tmp_path / "gws-target.toml").write_text("# mine\n")
    done = _cli("init", *FLAGS, cwd=str(tmp_path))
    assert done.returncode == 2 and "--force" in done.stderr
    assert (tmp_path / "gws-target.toml").read_text() == "# mine\n"
    assert _cli("init", *FLAGS, "--force", cwd=str(tmp_path)).returncode == 0


def test_a_profile_from_init_passes_the_doctor_against_the_reference_server(tmp_path):
    with ReferenceServer(embedded_config(frozenset(), frozenset())).start() as server:
        first, second = server.config.agents[:2]
        written = _cli(
            "init", "--base-url", server.base_url, "--agent", f"{first.username}={first.address}",
            "--agent", f"{second.username}={second.address}", "--injector", "http",
            "--injector-url", f"{server.base_url}/reference/v1/inbound", "--parking-queue", "gwsct-parking",
            "--outbound-queue", "gwsct-outbound", "--document-id", "gwsct-doc-1", cwd=str(tmp_path),
        )
        assert written.returncode == 0, written.stderr
        passwords = {"GWS_AGENT1_PASSWORD": first.password, "GWS_AGENT2_PASSWORD": second.password}
        doctor = _cli("doctor", "--target", "gws-target.toml", cwd=str(tmp_path), env=passwords)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    text = (tmp_path / "gws-target.toml").read_text()
    assert 'parking = "gwsct-parking"' in text and 'document_ids = ["gwsct-doc-1"]' in text
    assert first.password not in doctor.stdout + doctor.stderr


def test_the_routing_mode_is_written_and_loads(tmp_path, monkeypatch):
    monkeypatch.setenv("GWS_A_ONE_PASSWORD", "p")
    monkeypatch.setenv("GWS_B_TWO_PASSWORD", "p")
    gathered = gather(build_parser().parse_args(["init", *FLAGS, "--routing", "any-ready"]), None)
    path = tmp_path / "any-ready.toml"
    path.write_text(render_profile(gathered))
    assert load_profile(path).routing == "any-ready"
