"""Bad input gets a Bayeux error reply or HTTP 400, never a 500, and the server keeps serving."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from bayeux_testkit import Peer, error_code, find


def _still_serving(server) -> None:
    Peer(server).handshake()


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"", b"   ", b"42", b'"text"', b"null", b"\xff\xfe", b"[" * 50_000, b'[{"channel": "/meta/handshake"'],
)
def test_undecodable_bodies_get_http_400(server, body: bytes) -> None:
    response = Peer(server).post(body)
    assert response.status_code == 400
    assert response.json()[0]["successful"] is False
    _still_serving(server)


def test_oversized_body_gets_http_400(hub_server) -> None:
    server = hub_server(max_body_bytes=1000)
    peer = Peer(server)
    big = [peer.handshake_message(ext={"pad": "x" * 2000})]
    assert peer.post(big).status_code == 400
    # Without a Content-Length (chunked), the limit still holds.
    assert peer.post(iter([json.dumps(big).encode()])).status_code == 400
    _still_serving(server)


def test_non_object_messages_and_missing_channels_get_error_replies(server) -> None:
    peer = Peer(server)
    peer.handshake()
    connect = peer.connect_message(advice={"timeout": 0})
    replies = peer.send(17, "text", None, [], {"id": "nochannel"}, {"channel": 5, "id": "badchannel"}, connect)
    assert len(replies) == 7
    assert find(replies, "/meta/connect", connect["id"])["successful"] is True
    errors = [r for r in replies if r.get("channel") != "/meta/connect"]
    assert all(r["successful"] is False and error_code(r) == 400 for r in errors)
    assert {r.get("id") for r in errors} >= {"nochannel", "badchannel"}


def test_single_object_body_gets_an_array(server) -> None:
    peer = Peer(server)
    response = peer.post(peer.handshake_message())
    assert response.status_code == 200
    assert isinstance(response.json(), list) and response.json()[0]["successful"] is True


def test_empty_batch_gets_an_empty_array(server) -> None:
    assert Peer(server).send() == []


def test_form_encoded_messages(server) -> None:
    peer = Peer(server)
    message = peer.handshake_message()
    response = peer.post(
        urlencode({"message": json.dumps(message)}),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 200
    assert find(response.json(), "/meta/handshake", message["id"])["successful"] is True


def test_json_with_a_charset_parameter(server) -> None:
    peer = Peer(server)
    message = peer.handshake_message()
    response = peer.post(json.dumps([message]), headers={"Content-Type": "application/json;charset=UTF-8"})
    assert find(response.json(), "/meta/handshake", message["id"])["successful"] is True


def test_unknown_meta_channel(server) -> None:
    peer = Peer(server)
    reply = find(peer.send({"channel": "/meta/bogus", "id": "b"}), "/meta/bogus", "b")
    assert reply["successful"] is False and error_code(reply) == 404


def test_wrong_types_in_fields_do_not_crash(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=300)
    peer = Peer(server)
    peer.handshake()
    replies = peer.send(
        {"channel": "/meta/handshake", "version": 1, "supportedConnectionTypes": "long-polling", "id": "h"},
    )
    assert find(replies, "/meta/handshake", "h")["successful"] is False
    replies = peer.send(
        {"channel": "/meta/connect", "clientId": ["x"], "connectionType": "long-polling", "id": "c1"},
        {"channel": "/meta/connect", "clientId": peer.client_id, "connectionType": 3, "id": "c2"},
        {"channel": "/meta/connect", "clientId": peer.client_id, "connectionType": "long-polling",
         "advice": {"timeout": "soon"}, "id": "c3"},
        {"channel": "/meta/subscribe", "clientId": peer.client_id, "subscription": {"a": 1}, "id": "s"},
    )
    assert find(replies, "/meta/connect", "c1")["successful"] is False
    assert find(replies, "/meta/connect", "c2")["successful"] is False
    assert find(replies, "/meta/subscribe", "s")["successful"] is False
    _still_serving(server)


def test_get_is_not_a_bayeux_transport(server) -> None:
    import httpx

    assert httpx.get(server.url, timeout=5).status_code == 405
