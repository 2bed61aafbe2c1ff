"""ReferenceServer in-process: start on a free port, stop promptly, websocket notifications."""

from __future__ import annotations

import base64
import json
import threading
import time

import httpx
import pytest
from websockets.sync.client import connect as ws_connect

from conformance.reference import ReferenceServer, ServerConfig

HANDSHAKE = {"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling", "websocket"]}


def test_start_binds_a_free_port_and_stop_releases_it():
    server = ReferenceServer(ServerConfig()).start()
    try:
        assert server.port > 0 and server.base_url == f"http://127.0.0.1:{server.port}"
        assert server.cometd_url == server.base_url + "/api/v2/notifications"
        assert server.config.port == server.port and server.smtp_port is None
        with server as same:  # `with ReferenceServer(config).start() as server` is the lead's idiom
            assert same is server
            assert httpx.get(server.base_url + "/api/v2/me", auth=("agent1", "password1")).status_code == 200
    finally:
        server.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(server.base_url + "/api/v2/me")
    server.stop()  # stopping twice is harmless


def test_a_port_in_use_is_an_os_error():
    with ReferenceServer() as first:
        with pytest.raises(OSError):
            ReferenceServer(ServerConfig(port=first.port)).start()


def test_stop_is_prompt_while_a_connect_is_held():
    server = ReferenceServer(ServerConfig(bayeux_timeout_ms=60_000)).start()
    with httpx.Client(auth=("agent1", "password1"), timeout=30) as client:
        [handshake] = client.post(server.cometd_url, json=[HANDSHAKE]).json()
        connect = [{"channel": "/meta/connect", "clientId": handshake["clientId"], "connectionType": "long-polling"}]
        answers: list[httpx.Response | Exception] = []

        def poll() -> None:
            try:
                answers.append(httpx.post(server.cometd_url, json=connect, auth=("agent1", "password1"), timeout=30))
            except httpx.TransportError as exc:
                answers.append(exc)

        poller = threading.Thread(target=poll)
        poller.start()
        client.get(server.base_url + "/api/v2/me")  # a round trip, so that the connect is most likely held
        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 5  # generous: the hold is 60 s
        poller.join(5)
        # Held then released (200), or refused if it arrived after the listener closed: never hanging.
        assert answers and (isinstance(answers[0], Exception) or answers[0].status_code == 200)


def test_notifications_arrive_over_websocket(make_server):
    server = make_server()
    headers = {"Authorization": "Basic " + base64.b64encode(b"agent1:password1").decode()}
    http = httpx.Client(base_url=server.base_url, auth=("agent1", "password1"))
    with ws_connect(server.cometd_url.replace("http://", "ws://"), additional_headers=headers, open_timeout=5) as socket:
        socket.send(json.dumps([HANDSHAKE]))
        [handshake] = json.loads(socket.recv(timeout=5))
        client_id = handshake["clientId"]
        socket.send(json.dumps([{"channel": "/meta/subscribe", "clientId": client_id, "subscription": "/v2/me/**"}]))
        assert json.loads(socket.recv(timeout=5))[0]["successful"]
        http.post("/api/v2/me", json={"operationName": "StartContactCenterSession", "channels": ["email"]})
        http.post("/api/v2/me/channels/email", json={"operationName": "Ready"})
        email_id = server.inject(to=["agent1@reference.gws.test"])
        socket.send(json.dumps([{"channel": "/meta/connect", "clientId": client_id, "connectionType": "websocket"}]))
        received: list[dict] = []
        while not any(m.get("channel") == "/v2/me/emails" for m in received):
            received += json.loads(socket.recv(timeout=5))
        [invitation] = [m for m in received if m.get("channel") == "/v2/me/emails"]
        assert invitation["data"]["email"]["id"] == email_id
    http.close()


def test_latency_delays_every_rest_answer(make_server):
    server = make_server(latency_ms=300)
    started = time.monotonic()
    answer = httpx.get(server.base_url + "/api/v2/me")  # refusals are delayed too
    assert answer.status_code == 401
    assert time.monotonic() - started >= 0.3
