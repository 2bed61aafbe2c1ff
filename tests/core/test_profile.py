"""Target profiles: the examples load; every malformed profile is one line naming the key,
exit code 2 (checked against schemas/profile.schema.json, closed at every level)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conformance import schemas
from conformance.deployment import DEFAULT_DOCUMENT_IDS, Deployment
from conformance.errors import NotApplicable, UsageError
from conformance.evidence.redact import redact_text
from conformance.profile import FEATURES, INJECTORS, KINDS, ROUTING_ANY_READY, ROUTING_MODES, IntakeSettings, Timeouts, load_profile

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
SMTP = GOOD.replace('kind = "http"\nurl = "http://127.0.0.1:8080/reference/v1/inbound"', 'kind = "smtp"\nhost = "mail.test"\nport = 25')


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


def test_userinfo_never_stays_in_a_url_the_suite_builds_from(tmp_path, monkeypatch):
    monkeypatch.setenv("GWSCT_TEST_PASSWORD", "p")
    text = (
        GOOD.replace("http://127.0.0.1:8080", "https://gate:gate-pw-1@127.0.0.1:8080", 1)
        .replace('password = "pa-secret"', 'password = "pa-secret"\nuser_uri = "http://u:uri-pw-2@127.0.0.1:8080/api/v2/users/a"')
        .replace("http://127.0.0.1:8080/reference", "http://inj:inject-pw-3@127.0.0.1:8080/reference")
    )
    profile = load_profile(_write(tmp_path, text))
    assert profile.base_url == "https://127.0.0.1:8080"
    assert profile.cometd_url == "https://127.0.0.1:8080/api/v2/notifications"
    assert profile.agents[0].user_uri == "http://127.0.0.1:8080/api/v2/users/a"
    assert profile.injector.url == "http://127.0.0.1:8080/reference/v1/inbound"
    assert profile.injector.auth == ("inj", "inject-pw-3")  # sent as Basic credentials, not in the URL
    assert {"gate-pw-1", "uri-pw-2", "inject-pw-3"} <= set(profile.secrets())
    assert "pw-" not in repr(profile) + str(profile.public_view())
    assert redact_text("at https://x:y@h/ with gate-pw-1") == "at https://[redacted]@h/ with [redacted]"


PREFIX = "profile {path}: "
# (profile text, the whole message after "profile PATH: ")
BAD_PROFILES = [
    ("not toml [", None),
    (GOOD.replace("base_url =", "cometd_ur1 = 'http://h'\nbase_url ="), "[target].cometd_ur1: unknown key (did you mean cometd_url?)"),
    (GOOD.replace('username = "a"', 'username = "a"\nadress = "a@x"'), "agents[0].adress: unknown key (did you mean address?)"),
    (GOOD.replace('kind = "http"', 'kind = "http"\nurll = "x"'), "[injector].urll: unknown key (did you mean url?)"),
    ("tagret = 1\n" + GOOD, "tagret: unknown key (did you mean target?)"),
    (GOOD + "\n[timeouts]\nnotifcation = 3\n", "[timeouts].notifcation: unknown key (did you mean notification?)"),
    (GOOD + "\n[features]\nwebsockets = true\n", "[features].websockets: unknown key (did you mean websocket?)"),
    (GOOD.replace("127.0.0.1:8080", "127.0.0.1:99999", 1), "[target].base_url: must be an http(s) URL with a host (port 1-65535), got 'http://127.0.0.1:99999'"),
    (GOOD.replace("http://127.0.0.1:8080", "ftp://x", 1), "[target].base_url: must be an http(s) URL with a host (port 1-65535), got 'ftp://x'"),
    (GOOD.replace("http://127.0.0.1:8080", "http://u:hidden-pw@h:0", 1), "[target].base_url: must be an http(s) URL with a host (port 1-65535), got 'http://[redacted]@h:0'"),
    (GOOD + "\n[timeouts]\nhttp = nan\n", "[timeouts].http: must be a finite number, got nan"),
    (GOOD + "\n[timeouts]\nhttp = inf\n", "[timeouts].http: must be a finite number, got inf"),
    (GOOD + "\n[timeouts]\nhttp = -1\n", "[timeouts].http: must be more than 0 and at most 86400, got -1"),
    (GOOD + "\n[timeouts]\nhttp = \"10\"\n", "[timeouts].http: must be a finite number, got '10'"),
    (SMTP.replace("port = 25", "port = 99999"), "[injector].port: must be at least 1 and at most 65535, got 99999"),
    (SMTP.replace("port = 25", "port = 25.5"), "[injector].port: must be an integer, got 25.5"),
    (SMTP.replace("port = 25\n", ""), "[injector].port: missing"),
    (GOOD.replace('password_env = "GWSCT_TEST_PASSWORD"', "password_env = 42"), "agents[1].password_env: must be a string, got 42"),
    (GOOD.replace('password_env = "GWSCT_TEST_PASSWORD"', 'password_env = "GWSCT_UNSET_VARIABLE"'),
     "agents[1].password_env: environment variable GWSCT_UNSET_VARIABLE is not set"),
    (GOOD.replace('password_env = "GWSCT_TEST_PASSWORD"', ""), "agents[1]: needs exactly one of password, password_env"),
    (GOOD.replace('username = "b"', 'username = "a"'), "agents: usernames must be unique"),
    (GOOD.replace('kind = "http"', 'kind = "carrier-pigeon"'), "[injector].kind: must be one of http, smtp, command, manual, got 'carrier-pigeon'"),
    (GOOD + "\n[features]\nwebsocket = 1\n", "[features].websocket: must be a boolean, got 1"),
    ('[target]\nbase_url = "http://x"\n[[agents]]\nusername = "a"\npassword = "p"\n[injector]\nkind = "manual"\n',
     "agents: needs at least two [[agents]] (multi-agent checks need a second agent)"),
    (GOOD.split("[injector]")[0], "[injector]: missing"),
    # the deployment's objects: [queues], [attachments], each agent's user_uri
    (GOOD + "\n[queues]\nparkng = \"p\"\n", "[queues].parkng: unknown key (did you mean parking?)"),
    (GOOD + "\n[queues]\noutbound = \"\"\n", "[queues].outbound: must be a name, not empty and without leading or trailing spaces, got ''"),
    (GOOD + "\n[queues]\nparking = \" p\"\n", "[queues].parking: must be a name, not empty and without leading or trailing spaces, got ' p'"),
    (GOOD + "\n[queues]\noutbound = 7\n", "[queues].outbound: must be a string, got 7"),
    (GOOD + "\n[queues]\nparking = [\"p\"]\n", "[queues].parking: must be a string, got an array"),
    ("queues = \"q\"\n" + GOOD, "[queues]: must be an object, got 'q'"),
    (GOOD + "\n[attachments]\ndocuments = [\"d\"]\n", "[attachments].documents: unknown key (did you mean document_ids?)"),
    (GOOD + "\n[attachment]\ndocument_ids = [\"d\"]\n", "attachment: unknown key (did you mean attachments?)"),
    (GOOD + "\n[attachments]\ndocument_ids = \"d\"\n", "[attachments].document_ids: must be an array, got 'd'"),
    (GOOD + "\n[attachments]\ndocument_ids = [\"d\", \"d\"]\n", "[attachments].document_ids: lists 'd' twice"),
    (GOOD + "\n[attachments]\ndocument_ids = [\"d\", 3]\n", "[attachments].document_ids[1]: must be a string, got 3"),
    (GOOD + "\n[attachments]\ndocument_ids = [\"\"]\n", "[attachments].document_ids[0]: must be a name, not empty and without leading or trailing spaces, got ''"),
    # how the deployment routes an inbound email
    (GOOD + "\n[routing]\nmode = \"round-robin\"\n", "[routing].mode: must be one of addressed, any-ready, got 'round-robin'"),
    (GOOD + "\n[routing]\nmod = \"any-ready\"\n", "[routing].mod: unknown key (did you mean mode?)"),
    (GOOD.replace('username = "a"', 'username = "a"\nuser_uri = "agent-a"'), "agents[0].user_uri: must be an http(s) URL with a host (port 1-65535), got 'agent-a'"),
    (GOOD.replace('username = "a"', 'username = "a"\nuser_url = "http://h/api/v2/users/a"'), "agents[0].user_url: unknown key (did you mean user_uri?)"),
    # [intake]: how many invitations to inject ahead
    (GOOD + "\n[intake]\npipeline = -1\n", "[intake].pipeline: must be at least 0 and at most 200, got -1"),
    (GOOD + "\n[intake]\npipeline = 2.5\n", "[intake].pipeline: must be an integer, got 2.5"),
    (GOOD + "\n[intake]\npipline = 4\n", "[intake].pipline: unknown key (did you mean pipeline?)"),
]
DEPLOYMENT_BAD = [entry for entry in BAD_PROFILES if entry[1] and entry[1].startswith(("[queues]", "[attachments]", "attachment:"))]
ROUTING_BAD = next(entry for entry in BAD_PROFILES if entry[1] and entry[1].startswith("[routing].mode"))


@pytest.mark.parametrize("text, message", BAD_PROFILES, ids=[m or "toml" for _, m in BAD_PROFILES])
def test_bad_profile_is_one_line_naming_the_key(tmp_path, monkeypatch, text, message):
    monkeypatch.setenv("GWSCT_TEST_PASSWORD", "p")
    monkeypatch.delenv("GWSCT_UNSET_VARIABLE", raising=False)
    path = _write(tmp_path, text)
    with pytest.raises(UsageError) as raised:
        load_profile(path)
    shown = str(raised.value)
    assert "\n" not in shown
    if message is None:
        assert shown.startswith(PREFIX.format(path=path) + "invalid TOML")
    else:
        assert shown == PREFIX.format(path=path) + message


@pytest.mark.parametrize("text, message", [BAD_PROFILES[1], BAD_PROFILES[7], BAD_PROFILES[10], BAD_PROFILES[17], DEPLOYMENT_BAD[0], DEPLOYMENT_BAD[-1], ROUTING_BAD])
def test_bad_profile_exits_2_with_one_line(tmp_path, text, message):
    path = _write(tmp_path, text)
    done = subprocess.run(
        [sys.executable, "-m", "conformance", "run", "--target", str(path), "--output", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr == f"gws-conformance: error: profile {path}: {message}\n"
    assert not (tmp_path / "out").exists()


def test_the_schema_and_the_code_know_the_same_keys():
    profile_schema = schemas.schema("profile")["properties"]
    assert list(profile_schema["features"]["properties"]) == list(FEATURES)
    assert set(profile_schema["timeouts"]["properties"]) == set(Timeouts.__dataclass_fields__)
    assert profile_schema["target"]["properties"]["kind"]["enum"] == list(KINDS)
    assert profile_schema["injector"]["properties"]["kind"]["enum"] == list(INJECTORS)
    assert set(profile_schema["queues"]["properties"]) == {"parking", "outbound"}
    assert set(profile_schema["attachments"]["properties"]) == {"document_ids"}
    assert profile_schema["routing"]["properties"]["mode"]["enum"] == list(ROUTING_MODES)
    assert set(profile_schema["intake"]["properties"]) == set(IntakeSettings.__dataclass_fields__)


def test_intake_pipeline_from_the_profile(tmp_path, monkeypatch):
    monkeypatch.setenv("GWSCT_TEST_PASSWORD", "p")
    assert load_profile(_write(tmp_path, GOOD)).intake.pipeline is None  # decided by the intake's latency
    assert load_profile(_write(tmp_path, GOOD + "\n[intake]\npipeline = 0\n")).intake.pipeline == 0


def test_deployment_defaults_are_the_reference_servers(tmp_path, monkeypatch):
    monkeypatch.setenv("GWSCT_TEST_PASSWORD", "p")
    deployment = load_profile(_write(tmp_path, GOOD)).deployment
    assert deployment == Deployment()
    assert (deployment.parking(), deployment.outbound()) == ("gwsct-parking", "gwsct-outbound")
    assert deployment.document_ids == DEFAULT_DOCUMENT_IDS


def test_deployment_names_from_the_profile(tmp_path, monkeypatch):
    monkeypatch.setenv("GWSCT_TEST_PASSWORD", "p")
    text = GOOD.replace('username = "b"', 'username = "b"\nuser_uri = "http://127.0.0.1:8080/api/v2/users/b"')
    text += '\n[queues]\nparking = "acme-park"\noutbound = "acme-out"\n[attachments]\ndocument_ids = ["doc-1", "doc-2"]\n'
    profile = load_profile(_write(tmp_path, text))
    assert profile.deployment == Deployment("acme-park", "acme-out", ("doc-1", "doc-2"))
    assert profile.deployment.queue_uri(profile.base_url) == "http://127.0.0.1:8080/api/v2/queues/acme-out"
    assert profile.deployment.free_document(["doc-1"]) == "doc-2"
    assert profile.agents[1].user_uri == "http://127.0.0.1:8080/api/v2/users/b"
    assert profile.public_view()["queues"] == {"parking": "acme-park", "outbound": "acme-out"}


def test_a_missing_deployment_object_names_its_key(tmp_path, monkeypatch):
    """A [queues] table lists the queues there are: a key it leaves out names none."""
    monkeypatch.setenv("GWSCT_TEST_PASSWORD", "p")
    deployment = load_profile(_write(tmp_path, GOOD + '\n[queues]\nparking = "p"\n[attachments]\ndocument_ids = []\n')).deployment
    assert deployment.parking() == "p"
    with pytest.raises(NotApplicable, match=r"\[queues\]\.outbound"):
        deployment.outbound()
    with pytest.raises(NotApplicable, match=r"\[attachments\]\.document_ids"):
        deployment.free_document()
    with pytest.raises(NotApplicable, match=r"\[attachments\]\.document_ids"):
        Deployment(document_ids=("d",)).free_document(["d"])


def test_missing_profile_file(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        load_profile(tmp_path / "absent.toml")


def test_routing_mode_defaults_to_addressed(tmp_path, monkeypatch):
    monkeypatch.setenv("GWSCT_TEST_PASSWORD", "p")
    assert load_profile(_write(tmp_path, GOOD)).routing == "addressed"
    profile = load_profile(_write(tmp_path, GOOD + '\n[routing]\nmode = "any-ready"\n'))
    assert profile.routing == ROUTING_ANY_READY and profile.public_view()["routing"] == ROUTING_ANY_READY
