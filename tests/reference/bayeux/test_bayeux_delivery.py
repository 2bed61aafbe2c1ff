"""Delivery: envelope, per-agent isolation, client publishes, batches, latency, concurrency."""

from __future__ import annotations

import asyncio
import time

import pytest
from bayeux_testkit import Peer, WsPeer, error_code, events, find, next_id

from conformance.reference.auth import Authenticator
from conformance.reference.bayeux import BayeuxBehaviour, BayeuxHub
from conformance.reference.bayeux.variants import Delivery
from conformance.reference.config import ServerConfig

EMAIL = {"messageType": "EmailStateChangeMessage", "id": "e1"}


def test_event_is_a_bayeux_message_with_channel_and_data_only(server) -> None:
    peer = Peer(server).ready("/v2/me/emails")
    server.publish("agent1", "/v2/me/emails", EMAIL)
    (event,) = events(peer.connect(timeout_ms=0))
    assert event == {"channel": "/v2/me/emails", "data": EMAIL}
    assert peer.client_id not in str(event)


def test_per_user_channels_are_isolated(server) -> None:
    one = Peer(server, "agent1").ready("/v2/me/emails")
    two = Peer(server, "agent2").ready("/v2/me/**")
    assert server.publish("agent1", "/v2/me/emails", {"for": "agent1"}) == 1
    assert server.publish("agent2", "/v2/me/emails", {"for": "agent2"}) == 1
    assert server.publish("agent3", "/v2/me/emails", {"for": "agent3"}) == 0
    assert [e["data"] for e in events(one.connect(timeout_ms=0))] == [{"for": "agent1"}]
    assert [e["data"] for e in events(two.connect(timeout_ms=0))] == [{"for": "agent2"}]


def test_every_session_of_the_agent_gets_the_event(server) -> None:
    peers = [Peer(server).ready("/v2/me/emails") for _ in range(3)]
    assert server.publish("agent1", "/v2/me/emails", EMAIL) == 3
    for peer in peers:
        assert events(peer.connect(timeout_ms=0)) == [{"channel": "/v2/me/emails", "data": EMAIL}]


@pytest.mark.parametrize("channel", ["/v2/me/emails", "/notifications/services", "/foo"])
def test_client_publish_to_broadcast_channels_is_denied(server, channel: str) -> None:
    peer = Peer(server).ready("/v2/me/emails")
    message = {"channel": channel, "clientId": peer.client_id, "data": {"spoof": True}, "id": next_id()}
    reply = find(peer.send(message), channel, message["id"])
    assert reply["successful"] is False
    assert reply["error"] == f"403:{channel}:publish_denied"
    assert events(peer.connect(timeout_ms=0)) == []


def test_client_publish_to_service_is_acknowledged(server) -> None:
    peer = Peer(server).ready()
    message = {"channel": "/service/echo", "clientId": peer.client_id, "data": {}, "id": next_id()}
    assert find(peer.send(message), "/service/echo", message["id"]) == {
        "channel": "/service/echo",
        "id": message["id"],
        "successful": True,
    }
    foreign = {"channel": "/service/echo", "clientId": "nope", "data": {}, "id": next_id()}
    assert error_code(find(peer.send(foreign), "/service/echo", foreign["id"])) == 402


@pytest.mark.parametrize("channel", ["/v2/me/*", "/v2/**"])
def test_client_publish_to_a_wildcard_is_invalid(server, channel: str) -> None:
    peer = Peer(server).ready()
    message = {"channel": channel, "clientId": peer.client_id, "data": {}, "id": next_id()}
    assert error_code(find(peer.send(message), channel, message["id"])) == 405


def test_client_publish_without_data(server) -> None:
    peer = Peer(server).ready()
    message = {"channel": "/service/echo", "clientId": peer.client_id, "id": next_id()}
    assert error_code(find(peer.send(message), "/service/echo", message["id"])) == 402


def test_server_side_publish_rejects_patterns_and_meta(server) -> None:
    for channel in ("/v2/me/*", "/meta/connect", "nope"):
        with pytest.raises(ValueError):
            server.publish("agent1", channel, {})
    with pytest.raises((TypeError, ValueError)):
        server.publish("agent1", "/v2/me/emails", {"not json": object()})
    with pytest.raises(ValueError):
        server.publish("agent1", "/v2/me/emails", {"nan": float("nan")})


def test_batch_gets_one_reply_per_message_by_id(server) -> None:
    peer = Peer(server)
    peer.handshake()
    subscribe = peer.subscribe_message("/v2/me/emails", id=41)
    connect = peer.connect_message(advice={"timeout": 0}, id="42")
    publish = {"channel": "/v2/me/emails", "clientId": peer.client_id, "data": {}, "id": "43"}
    replies = peer.send(connect, subscribe, publish)
    assert len(replies) == 3
    assert find(replies, "/meta/subscribe", 41)["successful"] is True
    assert find(replies, "/meta/connect", "42")["successful"] is True
    assert find(replies, "/v2/me/emails", "43")["successful"] is False
    unsubscribe = {"channel": "/meta/unsubscribe", "clientId": peer.client_id, "subscription": "/v2/me/emails", "id": "u"}
    disconnect = {"channel": "/meta/disconnect", "clientId": peer.client_id, "id": "d"}
    replies = peer.send(unsubscribe, disconnect)
    assert {(r["channel"], r["id"], r["successful"]) for r in replies} == {
        ("/meta/unsubscribe", "u", True),
        ("/meta/disconnect", "d", True),
    }


def test_connect_batched_with_subscribe_holds_and_delivers(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=10_000)
    peer = Peer(server)
    peer.handshake()
    peer.connect(timeout_ms=0)  # the first connect is never held
    subscribe = peer.subscribe_message("/v2/me/emails")
    connect = peer.connect_message()
    future = peer.send_later(subscribe, connect)
    assert server.hub.wait_until(lambda: server.hub.subscribers("agent1", "/v2/me/emails") == 1, 5)
    server.publish("agent1", "/v2/me/emails", EMAIL)
    replies = future.result(5)
    assert find(replies, "/meta/subscribe", subscribe["id"])["successful"] is True
    assert find(replies, "/meta/connect", connect["id"])["successful"] is True
    assert events(replies) == [{"channel": "/v2/me/emails", "data": EMAIL}]


def test_latency_delays_delivery_but_not_publish(hub_server) -> None:
    server = hub_server(latency_ms=600, bayeux_timeout_ms=5000)
    peer = Peer(server).ready("/v2/me/emails")
    started = time.monotonic()
    for n in range(5):
        assert server.publish("agent1", "/v2/me/emails", {"n": n}) == 1
    assert time.monotonic() - started < 0.5  # publish does not wait for the latency
    assert events(peer.connect(timeout_ms=0)) == []
    got: list[dict] = []
    while len(got) < 5 and time.monotonic() - started < 5:
        got += events(peer.connect())
    assert time.monotonic() - started >= 0.58
    assert [e["data"]["n"] for e in got] == [0, 1, 2, 3, 4]


def test_late_notifications_come_300_to_500_ms_later_one_per_connect_reply(hub_server) -> None:
    server = hub_server(faults=(Delivery.LATE_NOTIFICATIONS,), bayeux_timeout_ms=5000)
    peer = Peer(server).ready("/v2/me/emails")
    started = time.monotonic()
    for n in range(3):
        assert server.publish("agent1", "/v2/me/emails", {"n": n}) == 1
    assert time.monotonic() - started < 0.3  # publishing never waits for the delay
    assert events(peer.connect(timeout_ms=0)) == []
    replies: list[list[dict]] = []
    while sum(map(len, replies)) < 3 and time.monotonic() - started < 5:
        replies.append(events(peer.connect()))
    assert time.monotonic() - started >= 0.3
    assert [len(r) for r in replies if r] == [1, 1, 1]  # one event per connect reply
    assert [e["data"]["n"] for r in replies for e in r] == [0, 1, 2]


def test_late_notifications_over_websocket_one_event_per_frame(hub_server) -> None:
    server = hub_server(faults=(Delivery.LATE_NOTIFICATIONS,))
    with WsPeer(server) as peer:
        peer.handshake()
        peer.reply("/meta/connect", peer.connect())
        peer.subscribe("/v2/me/emails")
        for n in range(2):
            assert server.publish("agent1", "/v2/me/emails", {"n": n}) == 1
        frames = [peer.receive(), peer.receive()]
        assert [[m["data"]["n"] for m in frame] for frame in frames] == [[0], [1]]


def test_late_notification_delays_are_reproducible_and_within_bounds() -> None:
    def delays() -> list[float]:
        config = ServerConfig(variants=frozenset({Delivery.LATE_NOTIFICATIONS}))
        hub = BayeuxHub(config, Authenticator(config.agents), BayeuxBehaviour.of(config.switches))
        return [hub._delivery_delay({"referenceId": n % 4}) for n in range(50)]

    first = delays()
    assert first == delays()  # the same events in the same order: the same delays
    assert all(0.3 <= d <= 0.5 for d in first) and len(set(first)) > 10


@pytest.mark.parametrize("latency_ms", [0, 20])
def test_no_loss_no_duplicate_no_reorder_under_concurrency(hub_server, latency_ms: int) -> None:
    server = hub_server(bayeux_timeout_ms=150, latency_ms=latency_ms)
    peers = [Peer(server, "agent1").ready("/v2/me/**"), Peer(server, "agent1").ready("/v2/me/emails")]
    count = 300

    async def burst() -> int:
        delivered = 0
        for n in range(count):
            delivered += await server.hub.publish("agent1", "/v2/me/emails", {"n": n})
            if n % 7 == 0:
                await asyncio.sleep(0)  # let held connects answer mid-burst
        return delivered

    futures = []
    for peer in peers:
        futures.append(_collect(peer, count))
    assert server.call(burst()) == 2 * count
    for future in futures:
        assert [e["data"]["n"] for e in future.result(30)] == list(range(count))


def test_concurrent_publishers_deliver_each_event_once(server) -> None:
    peer = Peer(server).ready("/v2/me/*")

    async def publishers() -> list[int]:
        return await asyncio.gather(*(server.hub.publish("agent1", "/v2/me/emails", {"n": n}) for n in range(200)))

    assert server.call(publishers()) == [1] * 200
    got = []
    while len(got) < 200:
        batch = events(peer.connect(timeout_ms=0))
        assert batch, "events lost"
        got += batch
    assert sorted(e["data"]["n"] for e in got) == list(range(200))
    assert events(peer.connect(timeout_ms=0)) == []


def _collect(peer: Peer, count: int):
    from bayeux_testkit import _executor

    def run() -> list[dict]:
        got: list[dict] = []
        deadline = time.monotonic() + 25
        while len(got) < count and time.monotonic() < deadline:
            got += events(peer.connect())
        return got

    return _executor.submit(run)
