"""Each Bayeux peer-choice variant changes the behaviour it names, and only with the switch on."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from bayeux_testkit import Peer, events, find

from conformance.catalog import load_catalog
from conformance.reference.bayeux.variants import EventMember, PEER_CHOICES, PeerChoice
from conformance.reference.switches import all_variants, check_variant_names

EMAIL = {"messageType": "EmailStateChangeMessage", "notificationType": "StatusChange"}


@pytest.fixture(params=[False, True], ids=["off", "on"])
def variant_on(request) -> bool:
    return request.param


def _server(hub_server, variant: str, on: bool, **settings):
    return hub_server(faults=(variant,) if on else (), **settings)  # the hub takes every switch in one set


def _held(server, peer: Peer) -> int:
    session = server.hub.sessions.get(peer.client_id)
    return 0 if session is None else session.held


def test_peer_choices_are_registered_variants_naming_catalog_requirements() -> None:
    catalog = load_catalog()
    registered = all_variants()
    assert {v.name for v in PEER_CHOICES} == {
        PeerChoice.FAYE_ERRORS,
        PeerChoice.COMETD_HANDSHAKE,
        PeerChoice.COMETD_REPLACED_CONNECT_HTTP_ERROR,
        PeerChoice.COMETD_BATCHED_CONNECT_NOT_HELD,
        PeerChoice.COMETD_NODEJS_FIRST_CONNECT_HELD,
        PeerChoice.COMETD_HANDSHAKE_BATCH_HTTP_ERROR,
        PeerChoice.COMETD_CONNECTION_TYPE_UNCHECKED,
    }
    for variant in PEER_CHOICES:
        assert registered[variant.name] is variant
        assert variant.allowed_by and all(r in catalog for r in variant.allowed_by), variant.name
        assert all(catalog[r].keyword == "SHOULD" for r in variant.nonstrict), variant.name
    assert check_variant_names([v.name for v in PEER_CHOICES]) == frozenset(v.name for v in PEER_CHOICES)


def test_faye_errors_unknown_client(hub_server, variant_on) -> None:
    peer = Peer(_server(hub_server, PeerChoice.FAYE_ERRORS, variant_on))
    peer.client_id = "0" * 32
    message = peer.connect_message()
    reply = find(peer.send(message), "/meta/connect", message["id"])
    assert reply["successful"] is False
    if variant_on:
        assert reply["error"] == f"401:{'0' * 32}:Unknown client"
        assert reply["advice"] == {"reconnect": "handshake"}
    else:
        assert reply["error"] == "402::Unknown client"
        assert reply["advice"] == {"reconnect": "handshake", "interval": 0}


def test_faye_errors_denied_handshake(hub_server, variant_on) -> None:
    peer = Peer(_server(hub_server, PeerChoice.FAYE_ERRORS, variant_on), "agent1", "wrong")
    message = peer.handshake_message()
    reply = find(peer.send(message), "/meta/handshake", message["id"])
    assert reply["successful"] is False and "clientId" not in reply
    assert reply["error"] == "403::Handshake denied"
    assert reply["advice"] == {"reconnect": "handshake" if variant_on else "none"}


def test_faye_errors_meta_subscription(hub_server, variant_on) -> None:
    reply = Peer(_server(hub_server, PeerChoice.FAYE_ERRORS, variant_on)).ready().subscribe("/meta/**")
    assert reply["successful"] is False
    assert reply["error"] == ("403:/meta/**:Forbidden channel" if variant_on else "403:/meta/**:subscribe_denied")


def test_faye_errors_connect_reply_first(hub_server, variant_on) -> None:
    server = _server(hub_server, PeerChoice.FAYE_ERRORS, variant_on)
    peer = Peer(server).ready("/v2/me/emails")
    assert server.publish("agent1", "/v2/me/emails", EMAIL) == 1
    replies = peer.connect()
    assert [r["channel"] for r in replies] == (
        ["/meta/connect", "/v2/me/emails"] if variant_on else ["/v2/me/emails", "/meta/connect"]
    )


@pytest.mark.parametrize(
    "fields",
    [{"supportedConnectionTypes": ["gwsct-carrier-pigeon"]}, {"version": None}, {"version": "2.0"}],
    ids=["no-common-type", "no-version", "version-2"],
)
def test_cometd_handshake_checks_neither_version_nor_types(hub_server, variant_on, fields) -> None:
    peer = Peer(_server(hub_server, PeerChoice.COMETD_HANDSHAKE, variant_on))
    message = {k: v for k, v in peer.handshake_message(**fields).items() if v is not None}
    reply = find(peer.send(message), "/meta/handshake", message["id"])
    assert reply["successful"] is variant_on, reply
    if variant_on:  # it lists its own transports, as CometD does
        assert reply["supportedConnectionTypes"] == ["long-polling", "websocket"] and reply["clientId"]


def test_cometd_handshake_still_checks_credentials(hub_server) -> None:
    peer = Peer(hub_server(faults=(PeerChoice.COMETD_HANDSHAKE,)), "agent1", "wrong")
    message = peer.handshake_message()
    assert find(peer.send(message), "/meta/handshake", message["id"])["successful"] is False


def test_cometd_replaced_connect_http_error(hub_server, variant_on) -> None:
    server = _server(hub_server, PeerChoice.COMETD_REPLACED_CONNECT_HTTP_ERROR, variant_on, bayeux_timeout_ms=10_000)
    peer = Peer(server).ready("/v2/me/emails")
    old = peer.connect_message()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=1) as pool:  # the raw response: its HTTP status is what changes
        old_response = pool.submit(peer.post, [old])
        assert server.hub.wait_until(lambda: _held(server, peer) == 1, 5)
        new, new_pending = peer.connect_later()
        response = old_response.result(5)
    assert time.monotonic() - started < 3.0
    if variant_on:
        assert response.status_code == 500 and response.content == b""
    else:
        assert response.status_code == 200
        assert find(response.json(), "/meta/connect", old["id"])["successful"] is True
    # The newer connect is unaffected: held, then released by an event it carries.
    assert server.hub.wait_until(lambda: _held(server, peer) == 1, 5)
    server.publish("agent1", "/v2/me/emails", EMAIL)
    replies = new_pending.result(5)
    assert events(replies) == [{"channel": "/v2/me/emails", "data": EMAIL}]
    assert find(replies, "/meta/connect", new["id"])["successful"] is True


def test_cometd_batched_connect_not_held(hub_server, variant_on) -> None:
    server = _server(hub_server, PeerChoice.COMETD_BATCHED_CONNECT_NOT_HELD, variant_on, bayeux_timeout_ms=10_000)
    peer = Peer(server).ready()
    subscribe, connect = peer.subscribe_message("/v2/me/emails"), peer.connect_message()
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(peer.send, subscribe, connect)
        if variant_on:
            replies = pending.result(5)  # answered at once: well before the 10 s hold
        else:
            assert server.hub.wait_until(lambda: _held(server, peer) == 1, 5)
            assert not pending.done()
            server.publish("agent1", "/v2/me/emails", EMAIL)
            replies = pending.result(5)
    assert find(replies, "/meta/subscribe", subscribe["id"])["successful"] is True
    assert find(replies, "/meta/connect", connect["id"])["successful"] is True
    # A connect sent alone is still held.
    message, alone = peer.connect_later()
    assert server.hub.wait_until(lambda: _held(server, peer) == 1, 5)
    assert not alone.done()
    peer.disconnect()
    alone.result(5)


def test_cometd_nodejs_first_connect_held(hub_server, variant_on) -> None:
    server = _server(hub_server, PeerChoice.COMETD_NODEJS_FIRST_CONNECT_HELD, variant_on, bayeux_timeout_ms=10_000)
    peer = Peer(server)
    peer.handshake()
    message, first = peer.connect_later()
    if not variant_on:
        assert find(first.result(5), "/meta/connect", message["id"])["successful"] is True
        return
    assert server.hub.wait_until(lambda: _held(server, peer) == 1, 5)
    assert not first.done()
    peer.disconnect()
    assert find(first.result(5), "/meta/connect", message["id"])["successful"] is True
    # A first connect asking for timeout 0 is answered at once, as the suite's clients ask.
    fresh = Peer(server)
    fresh.handshake()
    started = time.monotonic()
    fresh.connect(timeout_ms=0)
    assert time.monotonic() - started < 2.0


def test_event_id_and_ext(hub_server, variant_on) -> None:
    """Variant event-id-and-ext: each event carries Bayeux's optional id (unique) and ext."""
    server = _server(hub_server, EventMember.EVENT_ID_AND_EXT, variant_on)
    peer = Peer(server).ready("/v2/me/emails")
    server.publish("agent1", "/v2/me/emails", EMAIL)
    server.publish("agent1", "/v2/me/emails", EMAIL)
    delivered = events(peer.connect(timeout_ms=0))
    assert [e["data"] for e in delivered] == [EMAIL, EMAIL]
    if variant_on:
        assert all(isinstance(e["ext"], dict) for e in delivered)
        assert len({e["id"] for e in delivered}) == 2 and all(isinstance(e["id"], str) for e in delivered)
    else:
        assert all(set(e) == {"channel", "data"} for e in delivered)
