"""The websocket transport: same semantics, frames handled concurrently, events pushed."""

from __future__ import annotations

import time

import pytest
from bayeux_testkit import Peer, WsPeer, next_id
from websockets.exceptions import InvalidStatus

EMAIL = {"messageType": "EmailStateChangeMessage"}


def _is_event(message: dict) -> bool:
    return not str(message.get("channel", "")).startswith("/meta/")


def test_cometd_style_handshake_over_the_socket(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=10_000)
    with WsPeer(server) as socket:
        reply = socket.handshake()
        assert "websocket" in reply["supportedConnectionTypes"]
        assert socket.subscribe("/v2/me/emails")["subscription"] == "/v2/me/emails"
        first = socket.connect(advice={"timeout": 0})
        assert socket.reply("/meta/connect", first)["successful"] is True
        held = socket.connect()
        assert server.hub.wait_until(lambda: server.hub.sessions.get(socket.client_id).held == 1, 5)
        # A held connect must not block other frames on the same socket.
        started = time.monotonic()
        assert socket.subscribe("/v2/me/calls")["successful"] is True
        assert time.monotonic() - started < 2.0
        assert server.publish("agent1", "/v2/me/emails", EMAIL) == 1
        assert socket.wait_for(_is_event) == {"channel": "/v2/me/emails", "data": EMAIL}
        assert socket.reply("/meta/connect", held)["successful"] is True


def test_faye_style_http_handshake_then_socket(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=10_000)
    http = Peer(server)
    http.handshake(supportedConnectionTypes=["websocket", "long-polling"])
    assert http.subscribe("/v2/me/*")["successful"] is True
    http.connect(timeout_ms=0)  # the first connect, answered at once, as faye does over HTTP
    with WsPeer(server) as socket:
        socket.client_id = http.client_id
        id = socket.connect()
        assert server.hub.wait_until(lambda: server.hub.sessions.get(http.client_id).held == 1, 5)
        server.publish("agent1", "/v2/me/emails", EMAIL)
        assert socket.wait_for(_is_event)["data"] == EMAIL
        assert socket.reply("/meta/connect", id)["successful"] is True


def test_events_are_pushed_when_no_connect_is_held(server) -> None:
    with WsPeer(server) as socket:
        socket.handshake()
        socket.subscribe("/v2/me/emails")
        id = socket.connect(advice={"timeout": 0})
        socket.reply("/meta/connect", id)
        assert server.hub.wait_until(lambda: server.hub.sessions.get(socket.client_id).held == 0, 5)
        server.publish("agent1", "/v2/me/emails", EMAIL)
        assert socket.wait_for(_is_event, timeout=2) == {"channel": "/v2/me/emails", "data": EMAIL}


def test_subscribe_batched_with_a_connect_is_answered_at_once(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=10_000)
    with WsPeer(server) as socket:
        socket.handshake()
        subscribe_id, connect_id = next_id(), next_id()
        socket.send(
            {"channel": "/meta/connect", "clientId": socket.client_id, "connectionType": "websocket", "id": connect_id},
            {"channel": "/meta/subscribe", "clientId": socket.client_id, "subscription": "/v2/me/emails", "id": subscribe_id},
        )
        started = time.monotonic()
        assert socket.reply("/meta/subscribe", subscribe_id, timeout=3)["successful"] is True
        assert time.monotonic() - started < 2.0
        server.publish("agent1", "/v2/me/emails", EMAIL)
        assert socket.wait_for(_is_event)["data"] == EMAIL
        assert socket.reply("/meta/connect", connect_id)["successful"] is True


def test_unknown_client_and_bad_frames_over_the_socket(server) -> None:
    with WsPeer(server) as socket:
        socket.client_id = "nope"
        id = socket.connect()
        reply = socket.reply("/meta/connect", id)
        assert reply["error"] == "402::Unknown client" and reply["advice"]["reconnect"] == "handshake"
        socket.socket.send("{not json")
        (error,) = socket.receive()
        assert error["successful"] is False and error["error"].startswith("400:")
        socket.socket.send("42")
        assert socket.receive()[0]["successful"] is False
        socket.send(17, {"id": "nochannel"})
        frame = socket.receive()
        assert len(frame) == 2 and all(m["successful"] is False for m in frame)
        socket.handshake()  # still serving


def test_oversized_frame_is_refused(hub_server) -> None:
    server = hub_server(max_body_bytes=1000)
    with WsPeer(server) as socket:
        socket.handshake()
        socket.send({"channel": "/service/x", "data": "x" * 2000, "id": "big"})
        (error,) = socket.receive()
        assert error["successful"] is False and error["error"].startswith("400:")
        socket.handshake()


def test_closing_the_socket_keeps_queued_events(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=10_000)
    socket = WsPeer(server)
    socket.handshake()
    socket.subscribe("/v2/me/emails")
    client_id = socket.client_id
    socket.reply("/meta/connect", socket.connect())
    socket.connect()
    assert server.hub.wait_until(lambda: server.hub.sessions.get(client_id).held == 1, 5)
    socket.close()
    assert server.hub.wait_until(lambda: server.hub.sessions.get(client_id).held == 0, 5)
    assert server.publish("agent1", "/v2/me/emails", EMAIL) == 1
    http = Peer(server)
    http.client_id = client_id
    replies = http.connect(timeout_ms=0)
    assert [m for m in replies if _is_event(m)] == [{"channel": "/v2/me/emails", "data": EMAIL}]


def test_websocket_disabled(hub_server) -> None:
    server = hub_server(websocket=False)
    with pytest.raises(InvalidStatus):
        WsPeer(server)
    http = Peer(server)
    http.handshake()
    message = http.connect_message(connectionType="websocket")
    reply = [r for r in http.send(message) if r.get("id") == message["id"]][0]
    assert reply["successful"] is False


def test_shutdown_releases_a_held_socket_connect(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=30_000)
    socket = WsPeer(server)
    socket.handshake()
    socket.reply("/meta/connect", socket.connect())
    id = socket.connect()
    assert server.hub.wait_until(lambda: server.hub.sessions.get(socket.client_id).held == 1, 5)
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 5.0
    assert socket.reply("/meta/connect", id, timeout=2)["successful"] is True
    socket.close()
