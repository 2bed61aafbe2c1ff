"""Target profiles: the examples load; every malformed profile is one clear UsageError."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.errors import UsageError
from conformance.evidence.redact import redact_text
from conformance.profile import load_profile

PROFILES = Path(__file__).resolve().parents[2] / "fixtures" / "profiles"

GOOD = """
[target]
base_url = "http://127.0.0.1:8080"
[[agents]]
username = "a"
password = "pa-secret"
[[agents]]
username = "b"
password_env = "GWSCT_TEST_PASSWORD"
[injector]
kind = "http"
url = "http://127.0.0.1:8080/reference/v1/inbound"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_profiles_load(monkeypatch):
    monkeypatch.setenv("GWS_AGENT_A_PASSWORD", "x-secret-a")
    monkeypatch.setenv("GWS_AGENT_B_PASSWORD", "x-secret-b")
    for path in PROFILES.glob("*.toml"):
        profile = load_profile(path)
        assert profile.agents and profile.base_url.startswith("http")


def test_defaults_and_secrets(tmp_path, monkeypatch):
    monkeypatch.setenv("GWSCT_TEST_PASSWORD", "from-env-secret")
    profile = load_profile(_write(tmp_path, GOOD))
    assert profile.cometd_url == "http://127.0.0.1:8080/api/v2/notifications"
    assert profile.agents[1].password == "from-env-secret"
    assert "pa-secret" not in repr(profile) and "from-env-secret" not in str(profile.public_view())
    assert redact_text("password is from-env-secret") == "password is [redacted]"


@pytest.mark.parametrize(
    "text, message",
    [
        ("not toml [", "invalid TOML"),
        ("[target]\nbase_url='ftp://x'\n", "http"),
        (GOOD.replace('password_env = "GWSCT_TEST_PASSWORD"', 'password_env = "GWSCT_UNSET_VARIABLE"'), "GWSCT_UNSET_VARIABLE"),
        (GOOD.replace('kind = "http"', 'kind = "carrier-pigeon"'), "kind must be one of"),
        (GOOD + "\n[features]\nteleport = true\n", "unknown feature"),
        (GOOD + "\n[timeouts]\nhttp = -1\n", "positive"),
        ('[target]\nbase_url = "http://x"\n[[agents]]\nusername = "a"\npassword = "p"\n', "at least two"),
    ],
)
def test_bad_profiles(tmp_path, monkeypatch, text, message):
    monkeypatch.setenv("GWSCT_TEST_PASSWORD", "p")
    with pytest.raises(UsageError, match=message):
        load_profile(_write(tmp_path, text))


def test_missing_profile_file(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        load_profile(tmp_path / "absent.toml")
