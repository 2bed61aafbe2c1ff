"""A target that is down, hangs or answers garbage gets verdicts with reasons: never a hung
run, never a traceback, never a harness ERROR blamed on the target, and never a verdict drawn
from silence: a check whose stimulus got no answer is BLOCKED, even where a refusal is expected."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.embedded import embedded_config, embedded_profile
from conformance.fuzz.settings import FuzzSettings
from conformance.profile import Injector, ProfileAgent, TargetProfile, Timeouts
from conformance.reference import ReferenceServer
from conformance.runner import RunOutcome, run_suites

from .dying_target import dying_proxy, whole_message

SECTIONS = ["session", "email-accept", "bayeux-handshake", "bayeux-security"]
# Checks whose expected outcome is a refusal: silence or garbage must not pass them.
REFUSAL_EXPECTED = ("SESSION-AUTH-01", "BAYEUX-SECURITY-01")
GARBAGE = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{garbage["
# Terminal escapes (clear screen, set the window title, red), BEL and NUL: as JSON escapes
# that a parser turns into control characters, and as raw bytes in the body.
HOSTILE_BODIES = {
    "ansi-json": b'{"statusCode": 0, "errorMessage": "\\u001b]0;pwned\\u0007\\u001b[2J", "\\u001b[31mkey\\u0000": "\\u0000", "user": "\\u001b[31m"}',
    "ansi-raw": b'\x1b[2J\x1b]0;pwned\x07\x00{"statusCode": 0, "user": "\x1b[31m\x00"}',
}
RAW_CONTROLS = ("\x1b", "\x00", "\x07", "\x9b")


ME = b'{"statusCode": 0, "user": {"id": "agent1", "userName": "agent1"}}'


def _answer(body: bytes) -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    return head.encode() + body


def _answer_to(behaviour: str, request: bytes) -> bytes | None:
    """What the hostile server sends back to `request`; None: nothing, ever."""
    if behaviour == "garbage":
        return GARBAGE
    if behaviour in HOSTILE_BODIES:
        return _answer(HOSTILE_BODIES[behaviour])
    if behaviour == "me-array":  # HTTP 200 with an empty array to everything, GET /api/v2/me too
        return _answer(b"[]")
    if behaviour == "me-only":  # a valid user object for GET /api/v2/me, an empty array otherwise
        return _answer(ME if request.startswith(b"GET /api/v2/me ") else b"[]")
    return None


def _profile(port: int, http_timeout: float = 0.5) -> TargetProfile:
    base = f"http://127.0.0.1:{port}"
    return TargetProfile(
        name=f"hostile target on {port}",
        base_url=base,
        cometd_url=f"{base}/api/v2/notifications",
        kind="gws",
        agents=(ProfileAgent("agent1", "password1", "agent1@x.test"), ProfileAgent("agent2", "password2", "agent2@x.test")),
        injector=Injector("http", url=f"{base}/reference/v1/inbound"),
        features=frozenset({"bayeux-auth"}),
        timeouts=Timeouts(http=http_timeout, notification=0.3, invitation=0.3, negative_window=0.1, check=10.0, bayeux_hold=1.0, bayeux_expiry=1.0),
    )


@contextlib.contextmanager
def _server(behaviour: str) -> Iterator[int]:
    """A TCP server on 127.0.0.1 that never answers ("hang"), or answers garbage or one of
    HOSTILE_BODIES to everything."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()
    connections: list[socket.socket] = []

    def serve() -> None:
        listener.settimeout(0.05)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            connections.append(connection)
            if behaviour == "hang":
                continue
            with contextlib.suppress(OSError):
                answer = _answer_to(behaviour, connection.recv(65536))
                if answer is not None:
                    connection.sendall(answer)
                connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(5)
        for connection in connections:
            connection.close()
        listener.close()


def _closed_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def _run(port: int, output: Path, http_timeout: float = 0.5) -> RunOutcome:
    return _run_profile(_profile(port, http_timeout), output, sections=SECTIONS, fuzz=None)


def _run_profile(profile: TargetProfile, output: Path, **options) -> RunOutcome:
    result: list[RunOutcome] = []

    def quiet_run() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            result.append(run_suites(profile, output, **options))

    thread = threading.Thread(target=quiet_run, daemon=True)
    thread.start()
    thread.join(180)
    assert not thread.is_alive(), "the run hung"
    return result[0]


def _checks(outcome: RunOutcome) -> list[dict]:
    return [c for r in outcome.report["requirements"] for c in r["checks"]]


@pytest.mark.parametrize("behaviour", ["down", "hang", "garbage"])
def test_hostile_target_gets_reasoned_verdicts(tmp_path, behaviour):
    if behaviour == "down":
        port = _closed_port()
        outcome = _run(port, tmp_path)
    else:
        with _server(behaviour) as port:
            # Garbage comes at once: a longer HTTP timeout only keeps a busy CI machine from turning
            # it into no answer at all (CI saw it once at 0.5 s); the hanging target keeps 0.5 s.
            outcome = _run(port, tmp_path, 2.0 if behaviour == "garbage" else 0.5)
    checks = _checks(outcome)
    assert checks
    verdicts = {c["verdict"] for c in checks}
    assert "ERROR" not in verdicts, [c["message"] for c in checks if c["verdict"] == "ERROR"][:3]
    assert all(c["message"] for c in checks if c["verdict"] != "PASS"), "every verdict but PASS carries its reason"
    blocked = [c for c in checks if c["verdict"] == "BLOCKED"]
    assert blocked and all(c["blocked_step"] for c in blocked), "checks needing an agent are BLOCKED, naming the step"
    for requirement in REFUSAL_EXPECTED:
        judged = _verdicts_of(outcome, requirement)
        assert "BLOCKED" in judged and judged <= {"BLOCKED", "NOT-APPLICABLE"}, f"{requirement}: {judged}: no answer, or an unreadable one, is not a refusal"
    if behaviour in ("down", "hang"):
        # Refused connections, or no answer at all: nothing can be judged.
        assert verdicts <= {"BLOCKED", "NOT-APPLICABLE"}, [(c["nodeid"], c["verdict"]) for c in checks if c["verdict"] not in ("BLOCKED", "NOT-APPLICABLE")]
        if behaviour == "down":
            refused = f"connection refused at http://127.0.0.1:{port}/"  # /api/v2/me, or the CometD URL
            assert all(refused in c["message"] for c in blocked), {c["message"] for c in blocked}
    else:
        # Garbage to everything: GET /api/v2/me is no login and no refusal can be read, so
        # nothing is judged; every reason shows what came instead.
        assert verdicts <= {"BLOCKED", "NOT-APPLICABLE"}, [(c["nodeid"], c["verdict"]) for c in checks if c["verdict"] not in ("BLOCKED", "NOT-APPLICABLE")]
        assert all("not JSON" in c["message"] for c in blocked), {c["message"] for c in blocked if "not JSON" not in c["message"]}
    _no_none_in([c["message"] for c in blocked])
    assert outcome.exit_code == 3  # nothing could be judged


def _verdicts_of(outcome: RunOutcome, requirement: str) -> set[str]:
    return {c["verdict"] for r in outcome.report["requirements"] if r["id"] == requirement for c in r["checks"]}


def test_a_silent_target_is_unreachable_after_its_first_timeout(tmp_path):
    """A target that accepts connections and never answers: the first request that times out
    makes it unreachable; every later check is BLOCKED at once, naming that request (exit 3)."""
    http_timeout = 2.0
    with _server("hang") as port:
        started = time.monotonic()
        outcome = _run(port, tmp_path, http_timeout)
        elapsed = time.monotonic() - started
    agents = len(_profile(port).agents)
    # At most about two HTTP timeouts per agent, plus the run's start-up on a busy machine.
    assert elapsed < 2 * http_timeout * agents + 6.0, f"{elapsed:.1f} s against a silent target"
    assert outcome.exit_code == 3
    checks = _checks(outcome)
    assert {c["verdict"] for c in checks} <= {"BLOCKED", "NOT-APPLICABLE"}
    not_attempted = [c for c in checks if "the target is unreachable" in c["message"]]
    assert len(not_attempted) >= len(checks) - 3, "all but the first checks are BLOCKED without a request"
    assert all(f"127.0.0.1:{port}" in c["message"] and "timeout" in c["message"] for c in not_attempted), not_attempted[0]["message"]


# --- a target that dies mid-check --------------------------------------------------------

REFUSAL_ANSWER = re.compile(rb'"statusCode"\s*:\s*[1-9]')


def _run_until_the_target_dies(tmp_path: Path, dies_when, **options) -> RunOutcome:
    """The embedded reference server behind a proxy that dies when `dies_when` says so."""
    with ReferenceServer(embedded_config()).start() as server:
        upstream = server.base_url.rsplit(":", 1)[1]
        with dying_proxy(int(upstream), dies_when) as proxy:
            direct, proxied = f"127.0.0.1:{upstream}", f"127.0.0.1:{proxy.port}"
            profile = embedded_profile(server)
            profile = dataclasses.replace(
                profile,
                base_url=profile.base_url.replace(direct, proxied),
                cometd_url=profile.cometd_url.replace(direct, proxied),
                injector=dataclasses.replace(profile.injector, url=profile.injector.url.replace(direct, proxied)),
            )
            outcome = _run_profile(profile, tmp_path, **options)
            assert proxy.dead.is_set(), "the target never died: the test proves nothing"
    return outcome


def _check(outcome: RunOutcome, requirement: str) -> dict:
    [check] = [c for r in outcome.report["requirements"] if r["id"] == requirement for c in r["checks"]]
    return check


def test_a_target_dying_during_a_held_connect_blocks_the_check(tmp_path):
    """BAYEUX-CONNECT-04 (a SHOULD): the server dies while it holds the idle connect. An
    unanswered connect is not "answered at once": BLOCKED, not PASS-NONSTRICT."""

    def idle_connect_sent(request: bytes, answer: bytes) -> bool:
        return not answer and b"/meta/connect" in request and b'"advice"' not in request

    outcome = _run_until_the_target_dies(tmp_path, idle_connect_sent, requirements=["BAYEUX-CONNECT-04"], fuzz=None)
    check = _check(outcome, "BAYEUX-CONNECT-04")
    assert check["verdict"] == "BLOCKED", check["message"]
    assert "no answer" in check["message"]
    assert outcome.exit_code == 3


def test_a_target_dying_before_the_follow_up_get_blocks_unchanged(tmp_path):
    """FUZZ-UNCHANGED-01: the server dies right after refusing a fuzzed request, so the GET
    that would show the email unchanged cannot be sent: BLOCKED, not "every field changed"."""

    def refusal_answered(request: bytes, answer: bytes) -> bool:
        return request.startswith(b"POST /api/v2/me/emails/") and whole_message(answer) and bool(REFUSAL_ANSWER.search(answer))

    # The default time budget: generating the cases may take long on a busy machine, and the
    # target must die while the operations are fuzzed, not after the budget ran out.
    outcome = _run_until_the_target_dies(tmp_path, refusal_answered, requirements=["FUZZ-UNCHANGED-01"], fuzz=FuzzSettings(examples=2))
    check = _check(outcome, "FUZZ-UNCHANGED-01")
    assert check["verdict"] == "BLOCKED", check["message"]
    assert "GET /api/v2/me/emails/" in check["message"] and "no HTTP answer" in check["message"]
    assert outcome.exit_code == 3


def test_a_target_dying_under_a_fuzzed_request_blocks_the_campaign(tmp_path):
    """The server dies while a fuzzed request (a body that is not a JSON object) is in flight,
    and answers nothing after it: which of the two broke the exchange cannot be told, so no
    FUZZ requirement FAILs (FUZZ-SERVER-01 included); they are BLOCKED, naming the request."""

    def fuzzed_non_object_sent(request: bytes, answer: bytes) -> bool:
        body = request.partition(b"\r\n\r\n")[2].lstrip()
        return not answer and request.startswith(b"POST /api/v2/me/emails/") and bool(body) and not body.startswith(b"{")

    outcome = _run_until_the_target_dies(tmp_path, fuzzed_non_object_sent, sections=["fuzz"], fuzz=FuzzSettings(examples=2))
    verdicts = {r["id"]: r["verdict"] for r in outcome.report["requirements"]}
    assert set(verdicts.values()) == {"BLOCKED"}, verdicts
    server = _check(outcome, "FUZZ-SERVER-01")
    assert "stopped answering" in server["blocked_step"] + server["message"], server
    assert outcome.exit_code == 3


def test_a_target_dying_during_a_quiet_window_blocks_the_negative_check(tmp_path):
    """EMAIL-REJECT-05: the server refuses the Reject, then dies. Nothing arrives in the
    "no notification follows" window because nothing can: BLOCKED, not PASS."""

    def reject_refused(request: bytes, answer: bytes) -> bool:
        return (
            request.startswith(b"POST /api/v2/me/emails/")
            and b'"Reject"' in request
            and whole_message(answer)
            and bool(REFUSAL_ANSWER.search(answer))
        )

    outcome = _run_until_the_target_dies(tmp_path, reject_refused, requirements=["EMAIL-REJECT-05"], fuzz=None)
    check = _check(outcome, "EMAIL-REJECT-05")
    assert check["verdict"] == "BLOCKED", check["message"]
    assert "listen for notifications" in check["blocked_step"]
    assert outcome.exit_code == 3


def _profile_file(port: int, folder: Path) -> Path:
    base = f"http://127.0.0.1:{port}"
    path = folder / "hostile.toml"
    path.write_text(
        f'[target]\nname = "hostile"\nbase_url = "{base}"\n'
        '[[agents]]\nusername = "agent1"\npassword = "password1"\naddress = "agent1@x.test"\n'
        '[[agents]]\nusername = "agent2"\npassword = "password2"\naddress = "agent2@x.test"\n'
        f'[injector]\nkind = "http"\nurl = "{base}/reference/v1/inbound"\n'
        "[features]\nbayeux-auth = true\n"
        "[timeouts]\nhttp = 0.5\nnotification = 0.3\ninvitation = 0.3\nnegative_window = 0.1\ncheck = 10\nbayeux_hold = 1\nbayeux_expiry = 1\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("behaviour", sorted(HOSTILE_BODIES))
def test_target_bytes_never_reach_a_reader_raw(tmp_path, behaviour):
    """What the target sends is shown escaped (\\x1b) on the console, in summary.md and junit.xml,
    and HTML-escaped in report.html: never a raw ESC, BEL or NUL."""
    output = tmp_path / "run"
    with _server(behaviour) as port:
        args = ["run", "--target", str(_profile_file(port, tmp_path)), "--output", str(output), "--no-fuzz"]
        args += [arg for section in SECTIONS for arg in ("--section", section)]
        done = subprocess.run([sys.executable, "-m", "conformance", *args], capture_output=True, text=True, timeout=180)
    assert done.returncode in (1, 3), done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    shown = {"console": done.stdout + done.stderr}
    shown |= {name: (output / name).read_text(encoding="utf-8") for name in ("summary.md", "report.html", "junit.xml")}
    for where, text in shown.items():
        raw = [repr(c) for c in RAW_CONTROLS if c in text]
        assert not raw, f"{where} holds raw {raw}"
    report = json.loads((output / "report.json").read_text(encoding="utf-8"))
    evidence = json.dumps(report["requirements"])
    if behaviour == "ansi-raw":
        assert "\\u001b[2J" in evidence, "the target's bytes are in the evidence, faithfully"
        assert "\\x1b[2J" in shown["report.html"], "and shown escaped"


def _no_none_in(messages: list[str]) -> None:
    assert not [m for m in messages if "None" in m], "a reason that says None explains nothing"


def test_me_answering_anything_but_a_user_object_is_no_login(tmp_path):
    with _server("me-array") as port:
        outcome = _run(port, tmp_path)
    blocked = [c for c in _checks(outcome) if c["verdict"] == "BLOCKED"]
    logins = [c for c in blocked if c["blocked_step"].endswith(": login")]
    assert logins, "HTTP 200 [] to GET /api/v2/me is not a login"
    assert all('HTTP 200 but not the documented {"statusCode": 0, "user": {...}}' in c["message"] for c in logins), logins[0]["message"]
    _no_none_in([c["message"] for c in blocked])


def test_a_failed_handshake_says_what_came_instead(tmp_path):
    with _server("me-only") as port:
        outcome = _run(port, tmp_path)
    blocked = [c for c in _checks(outcome) if c["verdict"] == "BLOCKED"]
    handshakes = [c for c in blocked if "handshake" in c["blocked_step"] or "handshake failed" in c["message"]]
    assert handshakes
    assert all("no reply on /meta/handshake (HTTP 200, 0 message(s)" in c["message"] for c in handshakes), handshakes[0]["message"]
    _no_none_in([c["message"] for c in blocked])
