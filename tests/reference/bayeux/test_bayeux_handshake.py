"""/meta/handshake: success fields, transports, version, credentials, batches, sub-paths."""

from __future__ import annotations

import re

from bayeux_testkit import Peer, basic, error_code, find, next_id

from conformance.reference.auth import SESSION_COOKIE


def test_successful_handshake_reply(server) -> None:
    peer = Peer(server)
    message = peer.handshake_message()
    reply = find(peer.send(message), "/meta/handshake", message["id"])
    assert reply["successful"] is True
    assert reply["version"] == "1.0"
    assert reply["supportedConnectionTypes"] == ["long-polling", "websocket"]
    assert re.fullmatch(r"[0-9a-f]{32}", reply["clientId"])
    assert reply["advice"] == {"reconnect": "retry", "interval": 0, "timeout": 2000}
    assert reply["id"] == message["id"]
    assert server.hub.session_count() == 1


def test_numeric_id_is_echoed_as_a_number(server) -> None:
    peer = Peer(server)
    reply = find(peer.send(peer.handshake_message(id=7)), "/meta/handshake", 7)
    assert reply["id"] == 7 and reply["successful"] is True


def test_client_ids_are_never_reused(server) -> None:
    ids = {Peer(server).handshake()["clientId"] for _ in range(20)}
    assert len(ids) == 20


def test_sub_paths_are_served_as_cometd_js_posts_them(server) -> None:
    peer = Peer(server)
    message = peer.handshake_message()
    response = peer.post([message], path="/handshake")
    assert response.status_code == 200
    peer.client_id = find(response.json(), "/meta/handshake", message["id"])["clientId"]
    connect = peer.connect_message(advice={"timeout": 0})
    assert find(peer.send(connect, path="/connect"), "/meta/connect", connect["id"])["successful"] is True


def test_advertised_transports_follow_the_config(hub_server) -> None:
    server = hub_server(websocket=False)
    assert Peer(server).handshake()["supportedConnectionTypes"] == ["long-polling"]
    peer = Peer(server)
    message = peer.handshake_message(supportedConnectionTypes=["websocket"])
    reply = find(peer.send(message), "/meta/handshake", message["id"])
    assert reply["successful"] is False and error_code(reply) == 301


def test_no_common_transport_fails(server) -> None:
    peer = Peer(server)
    message = peer.handshake_message(supportedConnectionTypes=["callback-polling", "iframe"])
    reply = find(peer.send(message), "/meta/handshake", message["id"])
    assert reply["successful"] is False
    assert error_code(reply) == 301
    assert "clientId" not in reply
    assert server.hub.session_count() == 0


def test_missing_version_fails(server) -> None:
    peer = Peer(server)
    message = peer.handshake_message()
    del message["version"]
    reply = find(peer.send(message), "/meta/handshake", message["id"])
    assert reply["successful"] is False and 400 <= error_code(reply) < 500
    assert server.hub.session_count() == 0


def test_unsupported_major_version_fails(server) -> None:
    peer = Peer(server)
    message = peer.handshake_message(version="2.0")
    reply = find(peer.send(message), "/meta/handshake", message["id"])
    assert reply["successful"] is False and error_code(reply) == 300


def test_missing_transports_fail(server) -> None:
    peer = Peer(server)
    message = peer.handshake_message()
    del message["supportedConnectionTypes"]
    reply = find(peer.send(message), "/meta/handshake", message["id"])
    assert reply["successful"] is False and 400 <= error_code(reply) < 500


def test_wrong_or_missing_credentials_are_denied(server) -> None:
    for peer in (Peer(server, "agent1", "wrong"), Peer(server, None), Peer(server, "nobody", "x")):
        message = peer.handshake_message()
        response = peer.post([message])
        assert response.status_code == 200  # documented: Bayeux replies, not HTTP 401
        reply = find(response.json(), "/meta/handshake", message["id"])
        assert reply["successful"] is False
        assert reply["error"] == "403::Handshake denied"
        assert reply["advice"] == {"reconnect": "none"}
        assert "clientId" not in reply
    assert server.hub.session_count() == 0


def test_session_cookie_authenticates(server) -> None:
    agent = server.config.agent_by_id("agent1")
    token = server.authenticator.session_for(agent, {})
    peer = Peer(server, None, headers={"Cookie": f"{SESSION_COOKIE}={token}"})
    peer.handshake()
    assert peer.subscribe("/v2/me/emails")["successful"] is True
    assert server.hub.subscribers("agent1", "/v2/me/emails") == 1
    stale = Peer(server, None, headers={"Cookie": f"{SESSION_COOKIE}=stale"})
    message = stale.handshake_message()
    assert find(stale.send(message), "/meta/handshake", message["id"])["successful"] is False


def test_basic_credentials_win_over_a_cookie(server) -> None:
    agent = server.config.agent_by_id("agent1")
    token = server.authenticator.session_for(agent, {})
    peer = Peer(server, None, headers={"Cookie": f"{SESSION_COOKIE}={token}", "Authorization": basic("agent1", "bad")})
    message = peer.handshake_message()
    assert find(peer.send(message), "/meta/handshake", message["id"])["successful"] is False


def test_other_messages_of_a_handshake_batch_are_ignored(server) -> None:
    first = Peer(server)
    first.handshake()
    peer = Peer(server)
    handshake = peer.handshake_message()
    replies = peer.send(
        {"channel": "/meta/subscribe", "clientId": first.client_id, "subscription": "/v2/me/emails", "id": next_id()},
        handshake,
        {"channel": "/meta/disconnect", "clientId": first.client_id, "id": next_id()},
    )
    assert len(replies) == 1
    assert find(replies, "/meta/handshake", handshake["id"])["successful"] is True
    assert server.hub.subscribers("agent1", "/v2/me/emails") == 0
    assert server.hub.session_count() == 2  # the disconnect was ignored too
