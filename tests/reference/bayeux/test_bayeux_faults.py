"""Each Bayeux fault switch changes the behaviour it names, and only with the switch on."""

from __future__ import annotations

import time

import pytest
from bayeux_testkit import Peer, events, find

from conformance.reference.bayeux.faults import BayeuxFault as F
from conformance.reference.bayeux.faults import FAULTS
from conformance.reference.switches import all_faults, check_fault_names

# The faults this file proves, with the requirement outside BAYEUX-* each one breaks (None: a
# BAYEUX-* requirement, mapped in faults.py as the catalog section is written).
EXPECTED_BREAKS: dict[str, str | None] = {
    F.HANDSHAKE_NO_CLIENTID: "SESSION-COMETD-01",
    F.SUBSCRIBE_NO_ECHO: "SESSION-COMETD-02",
    F.BROADCAST_ALL_AGENTS: "NOTIF-ISOLATION-01",
    F.EVENT_WITHOUT_CHANNEL: "NOTIF-ENVELOPE-01",
    F.UNKNOWN_CLIENT_NO_RECONNECT_ADVICE: None,
    F.CONNECT_NOT_HELD: None,
    F.CONNECT_WITHOUT_SUCCESSFUL: None,
    F.NO_ID_ECHO: None,
    F.META_SUBSCRIBE_ALLOWED: None,
    F.WILDCARD_STAR_MATCHES_DEEP: None,
    F.NO_EXPIRY: None,
    F.DISCONNECT_KEEPS_SESSION: None,
    F.FOREIGN_CLIENTID_ACCEPTED: None,
    F.HANDSHAKE_ANY_CREDENTIALS: None,
}


def test_fault_declarations() -> None:
    declared = {f.name: f for f in FAULTS}
    for name, requirement in EXPECTED_BREAKS.items():
        assert name in declared, name
        assert declared[name].breaks and declared[name].description, name
        if requirement is not None:
            assert requirement in declared[name].breaks, (name, declared[name].breaks)
    registered = all_faults()
    assert all(registered[name] is fault for name, fault in declared.items())
    assert check_fault_names(sorted(declared)) == frozenset(declared)


def test_every_fault_has_a_behaviour_test() -> None:
    tested = {name.removeprefix("test_").replace("_", "-") for name in globals() if name.startswith("test_bayeux_")}
    assert tested == set(EXPECTED_BREAKS)


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

