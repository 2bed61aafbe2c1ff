"""Sessions without a connect for maxInterval are swept; held connects keep them alive."""

from __future__ import annotations

from bayeux_testkit import Peer, find


def test_idle_session_expires_after_max_interval(hub_server) -> None:
    server = hub_server(bayeux_max_interval_ms=500)
    peers = [Peer(server).ready("/v2/me/emails") for _ in range(5)]
    assert server.hub.wait_until(lambda: server.hub.session_count() == 0, 5)
    assert server.publish("agent1", "/v2/me/emails", {}) == 0
    message = peers[0].connect_message()
    reply = find(peers[0].send(message), "/meta/connect", message["id"])
    assert reply["error"] == "402::Unknown client"
    assert reply["advice"] == {"reconnect": "handshake", "interval": 0}


def test_a_session_that_never_connects_expires(hub_server) -> None:
    server = hub_server(bayeux_max_interval_ms=200)
    Peer(server).handshake()
    assert server.hub.wait_until(lambda: server.hub.session_count() == 0, 5)


def test_held_and_repeated_connects_keep_the_session(hub_server) -> None:
    server = hub_server(bayeux_max_interval_ms=500, bayeux_timeout_ms=1500)
    peer = Peer(server).ready("/v2/me/emails")
    for _ in range(2):  # each hold lasts three times maxInterval
        assert find(peer.connect(), "/meta/connect", None)["successful"] is True
    assert server.hub.session_count() == 1
    assert server.publish("agent1", "/v2/me/emails", {}) == 1


def test_disconnect_removes_the_session(server) -> None:
    peer = Peer(server).ready()
    assert server.hub.session_count() == 1
    assert peer.disconnect()["successful"] is True
    assert server.hub.session_count() == 0
    message = peer.connect_message()
    assert find(peer.send(message), "/meta/connect", message["id"])["error"] == "402::Unknown client"
    again = peer.disconnect()
    assert again["successful"] is False
