"""Hygiene: no password, Authorization value, URL userinfo or session cookie in any output
file of a run, on its console, or in what the run sent to the target.

The run targets a reference server started here, with random passwords given through the
environment and random userinfo in every URL of the profile, so that every secret the run
could leak is known: the passwords, their Basic tokens, the userinfo (plain, percent-encoded
and as a Basic token), and each session cookie the server issued (recorded as it issues
them). The suite reaches the server through a relay that records every byte it sent: a
queueUri or userUri built from a URL with userinfo must not carry it to the target.
"""

from __future__ import annotations

import base64
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from conformance.reference import ReferenceServer, ServerConfig
from conformance.reference.agents import AgentAccount
from tests.relay import Relay
from tests.reports.conftest import FAULT, REQUIREMENTS, run_cli

pytestmark = pytest.mark.slow

AGENTS = tuple(
    AgentAccount(f"agent{n}", f"agent{n}", f"pw-{secrets.token_hex(8)}", f"Agent {n}", f"agent{n}@reference.gws.test") for n in (1, 2)
)
# A password with characters that URLs percent-encode: the redaction must know both forms.
URL_USER = "gate-user"
URL_PASSWORD = f"gate/{secrets.token_hex(6)}+pw"
# The injector's URL userinfo is its credentials: sent as Basic, never inside a URL.
INJECTOR_USER, INJECTOR_PASSWORD = "injector", f"inj-{secrets.token_hex(6)}"
# Checks whose requests carry URLs built from base_url (queueUri) and user_uri (userUri).
URL_BUILDING = ("EMAIL-CREATE-01", "EMAIL-TRANSFER-01")
_LEAKED_COOKIE = re.compile(r"GWS_SESSIONID=(?!\[redacted\])")
_BASIC_TOKEN = re.compile(r"(?i)\bbasic\s+([A-Za-z0-9+/]{8,}={0,2})")


def _basic_credentials(text: str) -> list[str]:
    """Basic tokens that decode to user:password (prose such as "Basic credentials" does not)."""
    found = []
    for token in _BASIC_TOKEN.findall(text):
        try:
            decoded = base64.b64decode(token, validate=True).decode("utf-8")
        except ValueError:
            continue
        if ":" in decoded:
            found.append(decoded)
    return found


@pytest.fixture
def server_with_issued_cookies() -> Iterator[tuple[ReferenceServer, list[str]]]:
    issued: list[str] = []
    with ReferenceServer(ServerConfig(agents=AGENTS, faults=frozenset({FAULT}))).start() as server:
        authenticator = server.app.state.authenticator
        issue = authenticator.session_for

        def recording(agent, cookies):
            token = issue(agent, cookies)
            if token:
                issued.append(token)
            return token

        authenticator.session_for = recording
        yield server, issued


def _with_userinfo(url: str, user: str = URL_USER, password: str = URL_PASSWORD) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{user}:{quote(password, safe='')}@{rest}"


def _profile(server: ReferenceServer, relay: Relay, folder: Path) -> Path:
    base = _with_userinfo(f"http://127.0.0.1:{relay.port}")
    lines = ['[target]', 'name = "secrets check"', f'base_url = "{base}"', f'cometd_url = "{base}/api/v2/notifications"', 'kind = "gws"']
    for index, agent in enumerate(AGENTS):
        lines += [
            "[[agents]]",
            f'username = "{agent.username}"',
            f'password_env = "GWS_TEST_PASSWORD_{index}"',
            f'address = "{agent.address}"',
            f'user_uri = "{_with_userinfo(agent.user_uri(server.base_url))}"',
        ]
    injector = _with_userinfo(f"http://127.0.0.1:{relay.port}/reference/v1/inbound", INJECTOR_USER, INJECTOR_PASSWORD)
    lines += ["[injector]", 'kind = "http"', f'url = "{injector}"', "[features]", "create = true", "transfer = true"]
    path = folder / "profile.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_no_output_file_holds_a_secret(server_with_issued_cookies: tuple[ReferenceServer, list[str]], tmp_path: Path) -> None:
    server, issued = server_with_issued_cookies
    env = {**os.environ, **{f"GWS_TEST_PASSWORD_{i}": a.password for i, a in enumerate(AGENTS)}}
    output = tmp_path / "run"
    requirements = [arg for req in (*REQUIREMENTS, *URL_BUILDING, "SESSION-*") for arg in ("--requirement", req)]
    with Relay(("127.0.0.1", int(server.base_url.rsplit(":", 1)[1]))).running() as relay:
        done = run_cli("run", "--target", str(_profile(server, relay, tmp_path)), "--output", str(output), *requirements, env=env)
        wire = relay.sent().decode("latin-1")
    assert done.exit_code == 1, done.stdout + done.stderr  # the fault is on: a failure with its reproduction
    report = (output / "report.json").read_text()
    assert all(f'"{rid}"' in report for rid in URL_BUILDING) and "queueUri" in wire and "userUri" in wire

    userinfo = {URL_PASSWORD, quote(URL_PASSWORD, safe=""), base64.b64encode(f"{URL_USER}:{URL_PASSWORD}".encode()).decode()}
    for secret in userinfo | {URL_USER, INJECTOR_PASSWORD, f"{INJECTOR_USER}:"}:
        assert secret not in wire, "the suite sent the profile's URL userinfo to the target"
    injector_token = base64.b64encode(f"{INJECTOR_USER}:{INJECTOR_PASSWORD}".encode()).decode()
    assert f"Basic {injector_token}" in wire, "the injector's userinfo goes as Basic credentials"
    assert issued, "the run used session cookies, so there are cookie values to look for"
    secrets_to_find = {a.password for a in AGENTS} | set(issued) | userinfo | {URL_USER, INJECTOR_PASSWORD, injector_token}
    secrets_to_find |= {base64.b64encode(f"{a.username}:{a.password}".encode()).decode() for a in AGENTS}
    files = [p for p in output.rglob("*") if p.is_file()]
    assert {"report.json", "report.html", "summary.md", "junit.xml"} <= {p.name for p in files}
    assert any(p.parent.name == "allure-results" for p in files)
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for secret in secrets_to_find:
            assert secret not in text, f"{path.relative_to(output)} holds a secret"
        assert not _LEAKED_COOKIE.search(text), f"{path.relative_to(output)} holds a session cookie"
        assert _basic_credentials(text) == [], f"{path.relative_to(output)} holds a Basic token"
    for secret in secrets_to_find:
        assert secret not in done.stdout + done.stderr
    assert '"$GWS_USER:$GWS_PASSWORD"' in (output / "summary.md").read_text()
