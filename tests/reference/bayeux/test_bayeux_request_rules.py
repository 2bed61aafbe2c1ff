"""The hub's handshake-batch rule, clientIds, mandatory fields and sub-paths: each fault and
CometD variant of them changes the behaviour it names, and only with the switch on."""

from __future__ import annotations

import pytest
from bayeux_testkit import Peer, find, next_id

from conformance.reference.bayeux.faults import BayeuxFault as F
from conformance.reference.bayeux.variants import PeerChoice
from conformance.verify.client_ids import varying_parts


@pytest.fixture(params=[False, True], ids=["off", "on"])
def switch_on(request) -> bool:
    return request.param


def _server(hub_server, switch: str, on: bool, **settings):
    return hub_server(faults=(switch,) if on else (), **settings)


def _disconnect_message(client_id: str | None) -> dict[str, object]:
    return {"channel": "/meta/disconnect", "clientId": client_id, "id": next_id()}


def test_handshake_batch_processes_others(hub_server, switch_on) -> None:
    server = _server(hub_server, F.HANDSHAKE_BATCH_PROCESSES_OTHERS, switch_on)
    peer = Peer(server).ready()
    disconnect = _disconnect_message(peer.client_id)
    replies = peer.send(peer.handshake_message(), disconnect)
    assert find(replies, "/meta/handshake")["successful"] is True
    assert any(r.get("channel") == "/meta/disconnect" for r in replies) is switch_on
    message = peer.connect_message(advice={"timeout": 0})
    assert find(peer.send(message), "/meta/connect", message["id"])["successful"] is not switch_on


def test_handshake_reuses_clientid(hub_server, switch_on) -> None:
    server = _server(hub_server, F.HANDSHAKE_REUSES_CLIENTID, switch_on)
    first, second = Peer(server).handshake()["clientId"], Peer(server).handshake()["clientId"]
    other_agent = Peer(server, "agent2").handshake()["clientId"]
    assert (first == second) is switch_on
    assert other_agent not in (first, second)


def test_clientid_reused(hub_server, switch_on) -> None:
    server = _server(hub_server, F.CLIENTID_REUSED, switch_on)
    peer = Peer(server)
    ended = peer.handshake()["clientId"]
    assert peer.disconnect()["successful"] is True
    assert (peer.handshake()["clientId"] == ended) is switch_on


def test_clientid_sequential(hub_server, switch_on) -> None:
    server = _server(hub_server, F.CLIENTID_SEQUENTIAL, switch_on)
    ids = [Peer(server).handshake()["clientId"] for _ in range(4)]
    assert all(len(client_id) == 32 for client_id in ids)
    assert (max(len(part) for part in varying_parts(ids)) <= 2) is switch_on


def test_connect_without_connectiontype_accepted(hub_server, switch_on) -> None:
    server = _server(hub_server, F.CONNECT_WITHOUT_CONNECTIONTYPE_ACCEPTED, switch_on)
    peer = Peer(server)
    peer.handshake()
    message = peer.connect_message(advice={"timeout": 0})
    del message["connectionType"]
    reply = find(peer.send(message), "/meta/connect", message["id"])
    assert reply["successful"] is switch_on


def test_connect_without_clientid_accepted(hub_server, switch_on) -> None:
    server = _server(hub_server, F.CONNECT_WITHOUT_CLIENTID_ACCEPTED, switch_on)
    peer = Peer(server)
    peer.handshake()
    message = peer.connect_message(advice={"timeout": 0})
    del message["clientId"]
    assert find(peer.send(message), "/meta/connect", message["id"])["successful"] is switch_on
    unknown = peer.connect_message(clientId="0" * 32, advice={"timeout": 0})
    assert find(peer.send(unknown), "/meta/connect", unknown["id"])["successful"] is False


def test_subscribe_without_subscription_accepted(hub_server, switch_on) -> None:
    server = _server(hub_server, F.SUBSCRIBE_WITHOUT_SUBSCRIPTION_ACCEPTED, switch_on)
    peer = Peer(server)
    peer.handshake()
    message = peer.subscribe_message("/v2/me/emails")
    del message["subscription"]
    assert find(peer.send(message), "/meta/subscribe", message["id"])["successful"] is switch_on


def test_subpath_post_refused(hub_server, switch_on) -> None:
    server = _server(hub_server, F.SUBPATH_POST_REFUSED, switch_on)
    peer = Peer(server)
    sub_path = peer.post([peer.handshake_message()], path="/handshake")
    assert sub_path.status_code == (404 if switch_on else 200)
    assert peer.post([peer.handshake_message()]).status_code == 200


def test_cometd_handshake_batch_http_error(hub_server, switch_on) -> None:
    server = _server(hub_server, PeerChoice.COMETD_HANDSHAKE_BATCH_HTTP_ERROR, switch_on)
    peer = Peer(server).ready()
    response = peer.post([peer.handshake_message(), _disconnect_message(peer.client_id)])
    assert response.status_code == (500 if switch_on else 200)
    assert (response.content == b"") is switch_on
    message = peer.connect_message(advice={"timeout": 0})
    assert find(peer.send(message), "/meta/connect", message["id"])["successful"] is True
    assert peer.post([peer.handshake_message()]).status_code == 200  # a handshake alone is served


def test_cometd_connection_type_unchecked(hub_server, switch_on) -> None:
    server = _server(hub_server, PeerChoice.COMETD_CONNECTION_TYPE_UNCHECKED, switch_on)
    peer = Peer(server)
    peer.handshake()
    message = peer.connect_message(advice={"timeout": 0})
    del message["connectionType"]
    assert find(peer.send(message), "/meta/connect", message["id"])["successful"] is switch_on
    unsupported = peer.connect_message(connectionType="gwsct-carrier-pigeon", advice={"timeout": 0})
    assert find(peer.send(unsupported), "/meta/connect", unsupported["id"])["successful"] is False
