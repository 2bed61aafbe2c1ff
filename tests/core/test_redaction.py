"""The one redaction rule: URL userinfo, Basic/Bearer tokens, session cookies, registered secrets."""

from __future__ import annotations

import base64
import time
from urllib.parse import quote

import pytest

from conformance.evidence.redact import redact_headers, redact_text, redact_value, register_secrets, register_set_cookies


@pytest.mark.parametrize(
    "text, shown",
    [
        ("GET http://gate:pw@127.0.0.1:1/api/v2/me", "GET http://[redacted]@127.0.0.1:1/api/v2/me"),
        ("wss://only-user@h/cometd", "wss://[redacted]@h/cometd"),
        ("http://u:p@ss@h:1/x", "http://[redacted]@h:1/x"),  # an unencoded @ in the password
        ("https://h/path?to=a@b.test", "https://h/path?to=a@b.test"),  # an @ after the authority is no userinfo
        ("Cookie: GWS_SESSIONID=0123456789abcdef; lang=en-US-long", "Cookie: GWS_SESSIONID=[redacted]; lang=en-US-long"),
        ("JSESSIONID=node0abcdef.node0 and access_token=eyJhbGciOi", "JSESSIONID=[redacted] and access_token=[redacted]"),
        ("Authorization: Bearer abc.def-ghi", "Authorization: Bearer [redacted]"),
        ("customer@example.test wrote: hello", "customer@example.test wrote: hello"),
    ],
)
def test_redact_text(text, shown):
    assert redact_text(text) == shown


def test_registered_secrets_go_in_every_form():
    password = "p@ss/w0rd-registered"
    register_secrets([password])
    token = base64.b64encode(password.encode()).decode()
    text = f"{password} {quote(password, safe='')} {token}"
    assert redact_text(text) == "[redacted] [redacted] [redacted]"
    assert redact_value({"a": [text], password: 1}) == {"a": ["[redacted] [redacted] [redacted]"], "[redacted]": 1}


def test_cookie_values_a_target_sets_are_secrets():
    register_set_cookies([("set-cookie", "SRV=cookie-value-1234; Path=/; HttpOnly"), ("content-type", "x")])
    assert redact_text('{"echo": "cookie-value-1234"}') == '{"echo": "[redacted]"}'
    assert redact_headers({"Cookie": "SRV=cookie-value-1234", "X-Echo": "cookie-value-1234"}) == {"Cookie": "[redacted]", "X-Echo": "[redacted]"}


@pytest.mark.parametrize("unit", ["a", "a.", "sess", "ab-", "http://", "http://a@", "a:", "x=a"])
def test_redaction_is_linear_on_long_target_text(unit):
    text = unit * (65_536 // len(unit))
    started = time.perf_counter()
    redact_text(text)
    assert time.perf_counter() - started < 2.0, "a backtracking pattern: fuzzed bodies would stall the run"
