"""Reproduction of failed checks: which exchange, safe shell quoting, valid Python, no credentials."""

from __future__ import annotations

import ast
import subprocess

from conformance.reports.reproduction import curl_command, python_snippet, reproduction
from tests.reports.sample import BASE, COMETD, EMAIL, TARGET, accept_evidence, check, http, mark, sample_report


def _by_name(report: dict, name: str) -> dict:
    return next(c for r in report["requirements"] for c in r["checks"] if c["name"] == name)


def test_a_failed_check_reproduces_its_stimulus_without_credentials() -> None:
    found = _by_name(sample_report(), "test_accept_answers_200")["reproduction"]
    assert found["operation"] == "POST /api/v2/me/emails/{id} Accept"
    assert found["channel"] == "/v2/me/emails"
    curl = found["curl"]
    assert curl.startswith("curl -sS -i -X POST")
    assert '-u "$GWS_USER:$GWS_PASSWORD"' in curl
    assert f"{BASE}/api/v2/me/emails/{EMAIL}" in curl and """'{"operationName": "Accept"}'""" in curl
    assert "redacted" not in curl and "cookie" not in curl.lower() and "authorization" not in curl.lower()
    python = found["python"]
    assert 'os.environ["GWS_USER"]' in python and "redacted" not in python
    assert "aiocometd_noloop" in python and "import httpx" in python


def test_passing_and_inapplicable_checks_have_no_reproduction() -> None:
    report = sample_report()
    assert _by_name(report, "test_accept_notified")["reproduction"] is None
    assert _by_name(report, "test_websocket_handshake")["reproduction"] is None
    assert _by_name(report, "test_get_shows_processing")["reproduction"] is not None  # PASS-NONSTRICT


def test_a_check_blocked_in_setup_reproduces_the_setup_exchange_that_blocked_it() -> None:
    blocked = _by_name(sample_report(), "test_reject_answers_200")["reproduction"]
    assert blocked["operation"] == "POST /api/v2/me/channels/email Ready"


def test_a_cometd_stimulus_gets_curl_only() -> None:
    failed = check("test_handshake", "FAIL", [mark(0.0), http(0.001, "POST", COMETD, 200, 1.0, '[{"channel": "/meta/handshake"}]')])
    found = reproduction(failed, TARGET)
    assert found["python"] is None and found["channel"] is None
    assert COMETD in found["curl"]


def test_hostile_bodies_survive_shell_quoting_byte_for_byte() -> None:
    body = "it's \"quoted\" $(touch /tmp/pwned) `id` \\ \x01\x7f end\nline two é"
    event = http(0.0, "POST", f"{BASE}/api/v2/me/emails/{EMAIL}?a=1&b=$HOME", 400, 1.0, body)
    command = curl_command(event)
    # A shell function stands in for curl and prints the arguments it received.
    printed = subprocess.run(
        ["bash", "-c", "curl() { printf '%s\\0' \"$@\"; }\n" + command],
        env={"GWS_USER": "u", "GWS_PASSWORD": "p", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        timeout=10,
    )
    arguments = printed.stdout.decode().split("\0")
    assert arguments[arguments.index("--data-binary") + 1] == body
    assert f"{BASE}/api/v2/me/emails/{EMAIL}?a=1&b=$HOME" in arguments
    assert arguments[arguments.index("-u") + 1] == "u:p"


def test_truncated_bodies_are_flagged() -> None:
    event = http(0.0, "POST", f"{BASE}/api/v2/me/emails/{EMAIL}", 400, 1.0, "x" * 10 + "...[truncated]")
    assert curl_command(event).startswith("# the recorded request body was truncated")


def test_python_snippet_is_valid_python_whatever_the_recorded_values() -> None:
    event = http(0.0, "POST", f"{BASE}/api/v2/me/emails/{EMAIL}'\"\"\"", 400, 1.0, '"""\\\'; import os')
    snippet = python_snippet(event, COMETD, "/v2/me/emails", title='evil """ title \\ with\nnewline')
    tree = ast.parse(snippet)
    assert ast.get_docstring(tree).startswith("Reproduce evil")
    assert any(isinstance(node, ast.Assign) and node.targets[0].id == "BODY" for node in tree.body)


def test_the_expected_channel_defaults_to_the_email_channel_when_nothing_arrived() -> None:
    failed = check("test_x", "FAIL", accept_evidence(200, notified=False))
    assert reproduction(failed, TARGET)["channel"] == "/v2/me/emails"
