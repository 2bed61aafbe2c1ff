"""`gws-conformance doctor`: one line per step, a hint on each failure, exit 0 / 1 / 2."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.deployment import DEFAULT_DOCUMENT_IDS, DEFAULT_OUTBOUND_QUEUE, DEFAULT_PARKING_QUEUE
from conformance.embedded import embedded_config
from conformance.reference import ReferenceServer


def _doctor(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "conformance", "doctor", *args], capture_output=True, text=True, timeout=120)


def _steps(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.startswith(("  PASS", "  FAIL", "  SKIP"))]


@pytest.fixture(scope="module")
def server() -> Iterator[ReferenceServer]:
    """A deployment holding exactly the default queues and documents: it refuses any other name."""
    config = dataclasses.replace(
        embedded_config(frozenset(), frozenset()), queues=(DEFAULT_PARKING_QUEUE, DEFAULT_OUTBOUND_QUEUE), documents=DEFAULT_DOCUMENT_IDS
    )
    with ReferenceServer(config).start() as running:
        yield running


def _profile(
    tmp_path: Path,
    server: ReferenceServer,
    *,
    password: str = "",
    injector: str = "",
    routing: str = "",
    reverse: bool = False,
    user_uris: tuple[str, ...] = (),
    extra: tuple[str, ...] = (),
) -> Path:
    agents = server.config.agents[:2][::-1 if reverse else 1]
    lines = ["[target]", 'name = "doctor test"', f'base_url = "{server.base_url}"', ""]
    for agent, user_uri in zip(agents, user_uris or tuple(a.user_uri(server.base_url) for a in agents)):
        lines += ["[[agents]]", f'username = "{agent.username}"', f'password = "{password or agent.password}"', f'address = "{agent.address}"']
        lines += [f'user_uri = "{user_uri}"'] if user_uri else []
        lines += [""]
    lines += ["[injector]", injector or f'kind = "http"\nurl = "{server.base_url}/reference/v1/inbound"', ""]
    lines += ["[features]", "create = true", "cancel = true", "attachments = true", "", *extra, ""]
    lines += ["[timeouts]", "notification = 2", "invitation = 1", ""]
    lines += ["[routing]", f'mode = "{routing}"', ""] if routing else []
    path = tmp_path / "profile.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_healthy_target_passes_every_step_and_gets_timeouts_suggested():
    done = _doctor()
    assert done.returncode == 0, done.stdout + done.stderr
    steps = _steps(done.stdout)
    assert steps and all(step.startswith("PASS") for step in steps), done.stdout
    assert any("cometd websocket" in step for step in steps) and any(": invitation:" in step for step in steps)
    assert any(": complete:" in step for step in steps), "the doctor's email is completed again"
    assert "suggested [timeouts]: invitation = " in done.stdout


def test_any_ready_routing_gets_the_doctors_email_to_its_agent(tmp_path):
    """A server routing round robin (an agent group), whose first pick is agent1, profiled as B:
    with any-ready, B is NotReady while A waits, so A gets the email."""
    config = dataclasses.replace(embedded_config(frozenset(), frozenset()), routing="round-robin")
    with ReferenceServer(config).start() as round_robin:
        done = _doctor("--target", str(_profile(tmp_path, round_robin, routing="any-ready", reverse=True)))
    assert done.returncode == 0, done.stdout + done.stderr
    steps = _steps(done.stdout)
    assert any(": invitation:" in step for step in steps) and all(step.startswith("PASS") for step in steps), done.stdout


def test_ready_never_notified_fails_the_set_up_with_a_hint():
    done = _doctor("--fault", "ready-no-notification")
    assert done.returncode == 1, done.stdout + done.stderr
    failed = [step for step in _steps(done.stdout) if step.startswith("FAIL")]
    assert failed and all("set-up" in step and "/v2/me/channels" in step and "hint: " in step for step in failed), done.stdout
    assert not any(": invitation:" in step for step in _steps(done.stdout)), "no email is injected for an agent that is not Ready"


def test_an_accept_never_notified_is_named():
    done = _doctor("--fault", "accept-no-notification")
    assert done.returncode == 1, done.stdout + done.stderr
    [failed] = [step for step in _steps(done.stdout) if step.startswith("FAIL")]
    assert ": accept:" in failed and "hint: " in failed


def test_a_wrong_password_fails_the_login_and_is_never_printed(tmp_path, server):
    done = _doctor("--target", str(_profile(tmp_path, server, password="wrong-Secret-42")))
    assert done.returncode == 1, done.stdout + done.stderr
    failed = [step for step in _steps(done.stdout) if step.startswith("FAIL")]
    assert len(failed) == 2 and all("login" in step and "password" in step for step in failed), done.stdout
    assert "wrong-Secret-42" not in done.stdout + done.stderr


def test_an_injector_that_delivers_nothing_fails_the_invitation_step(tmp_path, server):
    done = _doctor("--target", str(_profile(tmp_path, server, injector='kind = "command"\ncommand = "true"')))
    assert done.returncode == 1, done.stdout + done.stderr
    [failed] = [step for step in _steps(done.stdout) if step.startswith("FAIL")]
    assert ": invitation:" in failed and "[injector]" in failed


def test_the_default_deployment_objects_pass_on_a_server_holding_them(tmp_path, server):
    done = _doctor("--target", str(_profile(tmp_path, server)))
    assert done.returncode == 0, done.stdout + done.stderr
    steps = _steps(done.stdout)
    assert steps and all(step.startswith("PASS") for step in steps), done.stdout
    for name in (DEFAULT_PARKING_QUEUE, DEFAULT_OUTBOUND_QUEUE, *DEFAULT_DOCUMENT_IDS):
        assert any(f" {name}: " in step for step in steps), (name, done.stdout)
    assert sum("user_uri: " in step for step in steps) == 2


@pytest.mark.parametrize(
    "extra, failing, hint",
    [
        (["[queues]", 'parking = "acme-missing-parking"', f'outbound = "{DEFAULT_OUTBOUND_QUEUE}"'], "parking queue acme-missing-parking", "[queues].parking"),
        (["[queues]", f'parking = "{DEFAULT_PARKING_QUEUE}"', 'outbound = "acme-missing-outbound"'], "outbound queue acme-missing-outbound", "[queues].outbound"),
        (["[attachments]", 'document_ids = ["gwsct-doc-1", "acme-missing-doc"]'], "document acme-missing-doc", "[attachments].document_ids"),
    ],
)
def test_a_deployment_object_the_server_lacks_fails_its_step_with_a_hint(tmp_path, server, extra, failing, hint):
    done = _doctor("--target", str(_profile(tmp_path, server, extra=tuple(extra))))
    assert done.returncode == 1, done.stdout + done.stderr
    [failed] = [step for step in _steps(done.stdout) if step.startswith("FAIL")]
    assert failed.startswith(f"FAIL  agent1: {failing}: ") and f"hint: {'set' if 'queue' in failing else 'list in'} {hint}" in failed, done.stdout
    assert any(": complete: " in step and step.startswith("PASS") for step in _steps(done.stdout)), "the doctor's email is completed all the same"


def test_a_user_uri_naming_another_user_fails_and_a_missing_one_is_skipped(tmp_path, server):
    wrong = f"{server.base_url}/api/v2/users/agent7"
    done = _doctor("--target", str(_profile(tmp_path, server, user_uris=(wrong, ""))))
    assert done.returncode == 1, done.stdout + done.stderr
    [failed] = [step for step in _steps(done.stdout) if step.startswith("FAIL")]
    assert "agents[0].user_uri" in failed and "'agent1'" in failed and "hint: " in failed, done.stdout
    assert any(step.startswith("SKIP") and "agents[1].user_uri" in step for step in _steps(done.stdout)), done.stdout


def test_what_the_profile_does_not_name_is_skipped_saying_so(tmp_path, server):
    done = _doctor("--target", str(_profile(tmp_path, server, extra=("[queues]", "[attachments]", "document_ids = []"))))
    assert done.returncode == 0, done.stdout + done.stderr
    skipped = [step for step in _steps(done.stdout) if step.startswith("SKIP")]
    for key in ("[queues].parking", "[queues].outbound", "[attachments].document_ids"):
        assert any(key in step for step in skipped), (key, done.stdout)


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--target", "/nonexistent/profile.toml"], "no such file"),
        (["--target", "fixtures/profiles/reference-local.toml", "--fault", "accept-http-204"], "--fault"),
        (["--fault", "no-such-fault"], "unknown fault"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, fragment):
    done = _doctor(*args)
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], done.stderr
