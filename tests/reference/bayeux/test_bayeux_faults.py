"""Every Bayeux fault of the registry changes the behaviour it names, and only with it on.

The list is the registry itself: a fault is proven by its probe (`fault_probes.py`, run here
both ways) or by an on/off test of its own named after it (`test_<name>` or `test_bayeux_<name>`
in a test file of this folder, using the fault). A fault with neither fails
`test_every_fault_is_proven`, so a new fault cannot be forgotten.
"""

from __future__ import annotations

import ast
import time
from pathlib import Path

import pytest
from bayeux_testkit import Peer, events, find
from fault_probes import PROBES, Rig

from conformance.reference.bayeux.faults import FAULTS
from conformance.reference.bayeux.faults import BayeuxFault as F
from conformance.reference.switches import all_faults, check_fault_names

HERE = Path(__file__).parent

# The requirements outside BAYEUX-* some faults break, besides their BAYEUX-* one.
BREAKS_OUTSIDE_BAYEUX: dict[str, str] = {
    F.HANDSHAKE_NO_CLIENTID: "SESSION-COMETD-01",
    F.SUBSCRIBE_NO_ECHO: "SESSION-COMETD-02",
    F.BROADCAST_ALL_AGENTS: "NOTIF-ISOLATION-01",
    F.EVENT_WITHOUT_CHANNEL: "NOTIF-ENVELOPE-01",
}


def _own_tests() -> dict[str, str]:
    """Fault name -> the test file holding an on/off test named after it that uses it."""
    found: dict[str, str] = {}
    for path in sorted(HERE.glob("test_*.py")):
        source = path.read_text()
        for node in ast.parse(source).body:
            if not isinstance(node, ast.FunctionDef):
                continue
            for fault in F:
                names = {f"test_{fault}".replace("-", "_"), f"test_{fault.removeprefix('bayeux-')}".replace("-", "_")}
                uses = f"F.{fault.name}" in (ast.get_source_segment(source, node) or "")
                if node.name in names and uses:
                    found[fault.value] = f"{path.name}::{node.name}"
    return found


OWN_TESTS = _own_tests()


def test_fault_declarations() -> None:
    for fault in F:
        assert fault.record.breaks and fault.record.description, fault
    for name, requirement in BREAKS_OUTSIDE_BAYEUX.items():
        assert requirement in F(name).record.breaks, (name, requirement)  # type: ignore[arg-type]
    registered = all_faults()
    assert all(registered[fault.name] is fault for fault in FAULTS)
    assert check_fault_names(sorted(f.name for f in FAULTS)) == frozenset(F)


@pytest.mark.parametrize("fault", list(F), ids=str)
def test_every_fault_is_proven(fault: F) -> None:
    proofs = [p for p in (fault in PROBES and "fault_probes.py", OWN_TESTS.get(fault.value)) if p]
    assert proofs, f"{fault} has neither a probe in fault_probes.py nor an on/off test named after it"
    assert len(proofs) == 1, f"{fault} is proven twice: {proofs}"


@pytest.mark.parametrize("fault", list(PROBES), ids=str)
def test_probe_sees_the_fault(hub_server, fault: F) -> None:
    probe = PROBES[fault]
    assert probe.clean != probe.faulty
    assert probe.observe(Rig((), hub_server)) == probe.clean
    assert probe.observe(Rig((fault,), hub_server)) == probe.faulty


@pytest.fixture(params=[False, True], ids=["off", "on"])
def fault_on(request) -> bool:
    return request.param


def _server(hub_server, fault: str, on: bool, **settings):
    return hub_server(faults=(fault,) if on else (), **settings)


def test_bayeux_handshake_no_clientid(hub_server, fault_on) -> None:
    server = _server(hub_server, F.HANDSHAKE_NO_CLIENTID, fault_on)
    peer = Peer(server)
    message = peer.handshake_message()
    reply = find(peer.send(message), "/meta/handshake", message["id"])
    assert reply["successful"] is True
    assert ("clientId" in reply) is not fault_on


def test_bayeux_subscribe_no_echo(hub_server, fault_on) -> None:
    server = _server(hub_server, F.SUBSCRIBE_NO_ECHO, fault_on)
    reply = Peer(server).ready().subscribe("/v2/me/emails")
    assert reply["successful"] is True
    assert ("subscription" in reply) is not fault_on


def test_bayeux_broadcast_all_agents(hub_server, fault_on) -> None:
    server = _server(hub_server, F.BROADCAST_ALL_AGENTS, fault_on)
    own = Peer(server, "agent1").ready("/v2/me/emails")
    other = Peer(server, "agent2").ready("/v2/me/*")
    assert server.publish("agent1", "/v2/me/emails", {"for": "agent1"}) == (2 if fault_on else 1)
    assert len(events(own.connect(timeout_ms=0))) == 1
    assert len(events(other.connect(timeout_ms=0))) == (1 if fault_on else 0)


def test_bayeux_event_without_channel(hub_server, fault_on) -> None:
    server = _server(hub_server, F.EVENT_WITHOUT_CHANNEL, fault_on)
    peer = Peer(server).ready("/v2/me/emails")
    server.publish("agent1", "/v2/me/emails", {"n": 1})
    replies = peer.connect(timeout_ms=0)
    delivered = [r for r in replies if r.get("channel") != "/meta/connect"]
    assert delivered == ([{"data": {"n": 1}}] if fault_on else [{"channel": "/v2/me/emails", "data": {"n": 1}}])


def test_bayeux_unknown_client_no_reconnect_advice(hub_server, fault_on) -> None:
    server = _server(hub_server, F.UNKNOWN_CLIENT_NO_RECONNECT_ADVICE, fault_on)
    peer = Peer(server)
    peer.client_id = "0" * 32
    message = peer.connect_message()
    reply = find(peer.send(message), "/meta/connect", message["id"])
    assert reply["error"] == "402::Unknown client"
    assert ("advice" in reply) is not fault_on


def test_bayeux_connect_not_held(hub_server, fault_on) -> None:
    server = _server(hub_server, F.CONNECT_NOT_HELD, fault_on, bayeux_timeout_ms=1500)
    peer = Peer(server).ready()
    started = time.monotonic()
    peer.connect()
    held = time.monotonic() - started
    assert (held < 0.75) if fault_on else (held >= 1.2)


def test_bayeux_connect_without_successful(hub_server, fault_on) -> None:
    server = _server(hub_server, F.CONNECT_WITHOUT_SUCCESSFUL, fault_on)
    peer = Peer(server).ready("/v2/me/emails")
    server.publish("agent1", "/v2/me/emails", {"n": 1})
    message = peer.connect_message(advice={"timeout": 0})
    replies = peer.send(message)
    reply = find(replies, "/meta/connect", message["id"])
    assert ("successful" in reply) is not fault_on and reply.get("successful", True) is True
    assert events(replies) == [{"channel": "/v2/me/emails", "data": {"n": 1}}]  # events still ride on it


def test_bayeux_no_id_echo(hub_server, fault_on) -> None:
    server = _server(hub_server, F.NO_ID_ECHO, fault_on)
    peer = Peer(server)
    message = peer.handshake_message(id="77")
    (reply,) = peer.send(message)
    assert reply["successful"] is True
    assert reply.get("id") == (None if fault_on else "77")


def test_bayeux_meta_subscribe_allowed(hub_server, fault_on) -> None:
    server = _server(hub_server, F.META_SUBSCRIBE_ALLOWED, fault_on)
    reply = Peer(server).ready().subscribe("/meta/*")
    assert reply["successful"] is fault_on


def test_bayeux_wildcard_star_matches_deep(hub_server, fault_on) -> None:
    server = _server(hub_server, F.WILDCARD_STAR_MATCHES_DEEP, fault_on)
    Peer(server).ready("/v2/*")
    assert server.publish("agent1", "/v2/me/emails", {}) == (1 if fault_on else 0)
    assert server.publish("agent1", "/v2/me", {}) == 1


def test_bayeux_no_expiry(hub_server, fault_on) -> None:
    server = _server(hub_server, F.NO_EXPIRY, fault_on, bayeux_max_interval_ms=100)
    Peer(server).handshake()
    expired = server.hub.wait_until(lambda: server.hub.session_count() == 0, 1.0 if fault_on else 5.0)
    assert expired is not fault_on


def test_bayeux_disconnect_keeps_session(hub_server, fault_on) -> None:
    server = _server(hub_server, F.DISCONNECT_KEEPS_SESSION, fault_on)
    peer = Peer(server).ready()
    assert peer.disconnect()["successful"] is True
    message = peer.connect_message(advice={"timeout": 0})
    assert find(peer.send(message), "/meta/connect", message["id"])["successful"] is fault_on


def test_bayeux_foreign_clientid_accepted(hub_server, fault_on) -> None:
    server = _server(hub_server, F.FOREIGN_CLIENTID_ACCEPTED, fault_on)
    owner = Peer(server, "agent1").ready("/v2/me/emails")
    intruder = Peer(server, "agent2")
    intruder.client_id = owner.client_id
    server.publish("agent1", "/v2/me/emails", {"secret": True})
    message = intruder.connect_message(advice={"timeout": 0})
    replies = intruder.send(message)
    assert find(replies, "/meta/connect", message["id"])["successful"] is fault_on
    assert len(events(replies)) == (1 if fault_on else 0)


def test_bayeux_handshake_any_credentials(hub_server, fault_on) -> None:
    server = _server(hub_server, F.HANDSHAKE_ANY_CREDENTIALS, fault_on)
    for peer in (Peer(server, "agent1", "wrong"), Peer(server, None)):
        message = peer.handshake_message()
        assert find(peer.send(message), "/meta/handshake", message["id"])["successful"] is fault_on

