"""Sessions are bound to the agent at handshake; other credentials never reach them."""

from __future__ import annotations

import pytest
from bayeux_testkit import Peer, WsPeer, basic, events, find, next_id
from websockets.exceptions import InvalidStatus

from conformance.reference.auth import SESSION_COOKIE

EMAIL = {"messageType": "EmailStateChangeMessage"}


def _foreign(server, owner: Peer, user: str | None, password: str | None = None) -> Peer:
    intruder = Peer(server, user, password)
    intruder.client_id = owner.client_id
    return intruder


@pytest.mark.parametrize(("user", "password"), [("agent2", None), (None, None), ("agent1", "wrong")])
def test_foreign_or_missing_credentials_cannot_use_a_client_id(server, user, password) -> None:
    owner = Peer(server, "agent1").ready("/v2/me/emails")
    intruder = _foreign(server, owner, user, password)
    for message in (
        intruder.connect_message(advice={"timeout": 0}),
        intruder.subscribe_message("/v2/me/**"),
        {"channel": "/meta/unsubscribe", "clientId": owner.client_id, "subscription": "/v2/me/emails", "id": next_id()},
        {"channel": "/meta/disconnect", "clientId": owner.client_id, "id": next_id()},
    ):
        reply = find(intruder.send(message), message["channel"], message["id"])
        assert reply["successful"] is False
        assert reply["error"] == "402::Unknown client"
        assert reply["advice"]["reconnect"] == "handshake"
    # The owner's session is untouched: still there, still subscribed, still receiving.
    assert server.hub.session_count() == 1
    assert server.hub.subscribers("agent1", "/v2/me/emails") == 1
    server.publish("agent1", "/v2/me/emails", EMAIL)
    assert events(owner.connect(timeout_ms=0)) == [{"channel": "/v2/me/emails", "data": EMAIL}]


def test_foreign_connect_does_not_take_the_owners_events(server) -> None:
    owner = Peer(server, "agent1").ready("/v2/me/emails")
    server.publish("agent1", "/v2/me/emails", EMAIL)
    intruder = _foreign(server, owner, "agent2")
    assert events(intruder.send(intruder.connect_message(advice={"timeout": 0}))) == []
    assert events(owner.connect(timeout_ms=0)) == [{"channel": "/v2/me/emails", "data": EMAIL}]


def test_cookie_and_basic_of_the_same_agent_share_the_session(server) -> None:
    owner = Peer(server, "agent1").ready("/v2/me/emails")
    token = server.authenticator.session_for(server.config.agent_by_id("agent1"), {})
    same = Peer(server, None, headers={"Cookie": f"{SESSION_COOKIE}={token}"})
    same.client_id = owner.client_id
    server.publish("agent1", "/v2/me/emails", EMAIL)
    assert events(same.connect(timeout_ms=0)) == [{"channel": "/v2/me/emails", "data": EMAIL}]


def test_websocket_upgrade_needs_credentials(server) -> None:
    for user, password in ((None, None), ("agent1", "wrong")):
        with pytest.raises(InvalidStatus) as caught:
            WsPeer(server, user, password)
        assert caught.value.response.status_code == 403
    WsPeer(server).close()


def test_websocket_session_is_bound_to_the_upgrade_credentials(server) -> None:
    owner = Peer(server, "agent1").ready("/v2/me/emails")
    socket = WsPeer(server, "agent2")
    try:
        socket.client_id = owner.client_id
        id = socket.connect(advice={"timeout": 0})
        assert socket.reply("/meta/connect", id)["error"] == "402::Unknown client"
    finally:
        socket.close()
    assert basic("a", "b") == "Basic YTpi"
