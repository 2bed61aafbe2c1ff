"""/meta/subscribe and /meta/unsubscribe: echo, denials, invalid names, wildcards, /service."""

from __future__ import annotations

import pytest
from bayeux_testkit import Peer, error_code, events, find, next_id


@pytest.fixture
def peer(server) -> Peer:
    return Peer(server).ready()


@pytest.mark.parametrize("subscription", ["/v2/me/emails", ["/v2/me/emails", "/v2/me/calls"], ["/v2/me/*"]])
def test_subscription_is_echoed_as_sent(server, peer: Peer, subscription) -> None:
    reply = peer.subscribe(subscription)
    assert reply["successful"] is True
    assert reply["subscription"] == subscription
    assert server.hub.subscribers("agent1", "/v2/me/emails") == 1


def test_numeric_id_is_echoed(peer: Peer) -> None:
    message = peer.subscribe_message("/v2/me/emails", id=12)
    assert find(peer.send(message), "/meta/subscribe", 12)["successful"] is True


@pytest.mark.parametrize("channel", ["/meta/connect", "/meta/*", "/meta/**", "/meta"])
def test_meta_subscriptions_are_denied(peer: Peer, channel: str) -> None:
    reply = peer.subscribe(channel)
    assert reply["successful"] is False
    assert reply["error"] == f"403:{channel}:subscribe_denied"
    assert reply["subscription"] == channel


@pytest.mark.parametrize("channel", ["v2/me/emails", "/v2//emails", "/v2/*/emails", "/**/emails", "/v2/me/em*ils", "/", 17])
def test_invalid_channels_are_refused(server, peer: Peer, channel) -> None:
    reply = peer.subscribe(channel)
    assert reply["successful"] is False
    assert 400 <= error_code(reply) < 500
    assert server.hub.sessions.get(peer.client_id).subscriptions == set()


def test_one_bad_name_refuses_the_whole_array(server, peer: Peer) -> None:
    reply = peer.subscribe(["/v2/me/emails", "/meta/connect"])
    assert reply["successful"] is False
    assert server.hub.subscribers("agent1", "/v2/me/emails") == 0


@pytest.mark.parametrize("subscription", [None, []])
def test_missing_subscription(peer: Peer, subscription) -> None:
    message = peer.subscribe_message(subscription)
    if subscription is None:
        del message["subscription"]
    reply = find(peer.send(message), "/meta/subscribe", message["id"])
    assert reply["successful"] is False
    assert reply["error"] == "403::subscription_missing"


def test_service_subscriptions_are_accepted_not_recorded(server, peer: Peer) -> None:
    reply = peer.subscribe("/service/echo")
    assert reply["successful"] is True and reply["subscription"] == "/service/echo"
    assert server.hub.sessions.get(peer.client_id).subscriptions == set()


def test_unknown_client_cannot_subscribe(server) -> None:
    peer = Peer(server)
    peer.client_id = "f" * 32
    reply = peer.subscribe("/v2/me/emails")
    assert reply["successful"] is False and reply["error"] == "402::Unknown client"


@pytest.mark.parametrize(
    ("pattern", "channel", "delivered"),
    [
        ("/v2/me/emails", "/v2/me/emails", 1),
        ("/v2/me/emails", "/v2/me/calls", 0),
        ("/v2/me/*", "/v2/me/emails", 1),
        ("/v2/me/*", "/v2/me/emails/x", 0),
        ("/v2/me/*", "/v2/me", 0),
        ("/v2/me/**", "/v2/me/emails", 1),
        ("/v2/me/**", "/v2/me/emails/x", 1),
        ("/v2/me/**", "/v2/me", 0),
        ("/v2/*", "/v2/me", 1),
        ("/v2/*", "/v2/me/emails", 0),
        ("/**", "/notifications/services", 1),
    ],
)
def test_wildcard_delivery(server, peer: Peer, pattern: str, channel: str, delivered: int) -> None:
    assert peer.subscribe(pattern)["successful"] is True
    assert server.publish("agent1", channel, {"n": 1}) == delivered
    got = events(peer.connect(timeout_ms=0))
    assert got == ([{"channel": channel, "data": {"n": 1}}] if delivered else [])


def test_overlapping_subscriptions_deliver_once(server, peer: Peer) -> None:
    peer.subscribe(["/v2/me/emails", "/v2/me/*", "/v2/me/**", "/**"])
    assert server.publish("agent1", "/v2/me/emails", {"n": 1}) == 1
    assert len(events(peer.connect(timeout_ms=0))) == 1


def test_unsubscribe_stops_delivery(server, peer: Peer) -> None:
    peer.subscribe(["/v2/me/emails", "/v2/me/calls"])
    message = {"channel": "/meta/unsubscribe", "clientId": peer.client_id, "subscription": ["/v2/me/emails"], "id": next_id()}
    reply = find(peer.send(message), "/meta/unsubscribe", message["id"])
    assert reply["successful"] is True and reply["subscription"] == ["/v2/me/emails"]
    assert server.publish("agent1", "/v2/me/emails", {"n": 1}) == 0
    assert server.publish("agent1", "/v2/me/calls", {"n": 2}) == 1
    assert [e["channel"] for e in events(peer.connect(timeout_ms=0))] == ["/v2/me/calls"]


def test_unsubscribe_errors(peer: Peer) -> None:
    missing = {"channel": "/meta/unsubscribe", "clientId": peer.client_id, "id": next_id()}
    reply = find(peer.send(missing), "/meta/unsubscribe", missing["id"])
    assert reply["successful"] is False and reply["error"] == "403::subscription_missing"
    unknown = {"channel": "/meta/unsubscribe", "clientId": "nope", "subscription": "/x", "id": next_id()}
    assert find(peer.send(unknown), "/meta/unsubscribe", unknown["id"])["error"] == "402::Unknown client"
    never = {"channel": "/meta/unsubscribe", "clientId": peer.client_id, "subscription": "/never", "id": next_id()}
    assert find(peer.send(never), "/meta/unsubscribe", never["id"])["successful"] is True
