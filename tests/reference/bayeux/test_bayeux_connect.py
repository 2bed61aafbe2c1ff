"""/meta/connect: unknown clients, the hold and everything that ends it
(https://docs.cometd.org/current/reference/#_bayeux_meta_connect)."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest
from bayeux_testkit import Peer, error_code, events, find

from conformance.reference.bayeux.holds import Hold
from conformance.reference.bayeux.origin import LONG_POLLING, Context

EMAIL = {"messageType": "EmailStateChangeMessage", "notificationType": "StatusChange"}


def test_unknown_client_gets_402_and_handshake_advice(server) -> None:
    peer = Peer(server)
    peer.client_id = "0" * 32
    message = peer.connect_message()
    reply = find(peer.send(message), "/meta/connect", message["id"])
    assert reply["successful"] is False
    assert reply["error"] == "402::Unknown client"
    assert reply["advice"] == {"reconnect": "handshake", "interval": 0}


def test_missing_client_id_is_unknown(server) -> None:
    peer = Peer(server)
    message = {"channel": "/meta/connect", "connectionType": "long-polling", "id": "x"}
    reply = find(peer.send(message), "/meta/connect", "x")
    assert reply["successful"] is False and error_code(reply) == 402
    assert reply["advice"]["reconnect"] == "handshake"


def test_missing_connection_type_is_an_error(server) -> None:
    peer = Peer(server)
    peer.handshake()
    message = peer.connect_message()
    del message["connectionType"]
    reply = find(peer.send(message), "/meta/connect", message["id"])
    assert reply["successful"] is False and 400 <= error_code(reply) < 500


def test_unknown_connection_type_is_an_error(server) -> None:
    peer = Peer(server)
    peer.handshake()
    message = peer.connect_message(connectionType="iframe")
    reply = find(peer.send(message), "/meta/connect", message["id"])
    assert reply["successful"] is False and error_code(reply) == 301


def test_timeout_zero_answers_at_once(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=10_000)
    peer = Peer(server)
    peer.handshake()
    started = time.monotonic()
    message = peer.connect_message(advice={"timeout": 0})
    reply = find(peer.send(message), "/meta/connect", message["id"])
    assert time.monotonic() - started < 1.0
    assert reply["successful"] is True
    assert reply["advice"] == {"reconnect": "retry", "interval": 0, "timeout": 10_000}


def test_first_connect_after_handshake_is_answered_at_once(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=10_000)
    peer = Peer(server)
    peer.handshake()
    started = time.monotonic()
    peer.connect()
    assert time.monotonic() - started < 1.0
    message, pending = peer.connect_later()
    assert server.hub.wait_until(lambda: _held(server, peer) == 1, 5)
    assert not pending.done()
    peer.disconnect()
    pending.result(5)


def test_idle_connect_is_held_for_the_server_timeout(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=800)
    peer = Peer(server).ready()
    started = time.monotonic()
    replies = peer.connect()
    held = time.monotonic() - started
    assert 0.7 <= held < 2.5, held
    assert events(replies) == []


def test_client_timeout_shorter_than_the_servers_wins(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=10_000)
    peer = Peer(server).ready()
    started = time.monotonic()
    peer.connect(timeout_ms=300)
    assert 0.25 <= time.monotonic() - started < 2.0


def test_client_timeout_longer_than_the_servers_is_capped(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=500)
    peer = Peer(server).ready()
    started = time.monotonic()
    peer.connect(timeout_ms=60_000)
    assert time.monotonic() - started < 2.5


def test_publish_releases_the_held_connect_with_the_event(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=10_000)
    peer = Peer(server).ready("/v2/me/emails")
    message, pending = peer.connect_later()
    assert server.hub.wait_until(lambda: _held(server, peer) == 1, 5)
    started = time.monotonic()
    assert server.publish("agent1", "/v2/me/emails", EMAIL) == 1
    replies = pending.result(5)
    assert time.monotonic() - started < 2.0
    assert find(replies, "/meta/connect", message["id"])["successful"] is True
    assert events(replies) == [{"channel": "/v2/me/emails", "data": EMAIL}]


def test_queued_events_are_returned_by_the_next_connect_at_once(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=10_000)
    peer = Peer(server).ready("/v2/me/emails")
    server.publish("agent1", "/v2/me/emails", {"n": 1})
    server.publish("agent1", "/v2/me/emails", {"n": 2})
    started = time.monotonic()
    replies = peer.connect()
    assert time.monotonic() - started < 2.0
    assert [e["data"] for e in events(replies)] == [{"n": 1}, {"n": 2}]


def test_a_newer_connect_releases_the_older(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=10_000)
    peer = Peer(server).ready("/v2/me/emails")
    old, old_pending = peer.connect_later()
    assert server.hub.wait_until(lambda: _held(server, peer) == 1, 5)
    new, new_pending = peer.connect_later()
    old_replies = old_pending.result(5)
    assert find(old_replies, "/meta/connect", old["id"])["successful"] is True
    assert events(old_replies) == []
    assert server.hub.wait_until(lambda: _held(server, peer) == 1, 5)
    server.publish("agent1", "/v2/me/emails", EMAIL)
    new_replies = new_pending.result(5)
    assert events(new_replies) == [{"channel": "/v2/me/emails", "data": EMAIL}]
    assert find(new_replies, "/meta/connect", new["id"])["successful"] is True


def test_two_connects_arriving_together_release_the_older(hub_server) -> None:
    """A proxy may hand the server two connects of one client in the same loop iteration (both
    holds start before either waits): the older one is still answered at once, not at the end
    of its hold."""
    server = hub_server(bayeux_timeout_ms=10_000)
    peer = Peer(server).ready()

    async def both_at_once() -> tuple[int, bool]:
        hub = server.hub
        context = Context("agent1", LONG_POLLING)
        holds = [hub.protocol.handle(peer.connect_message(), context) for _ in range(2)]
        assert all(isinstance(hold, Hold) for hold in holds)
        runs = [asyncio.ensure_future(hub.holds.run(hold)) for hold in holds]
        done, _ = await asyncio.wait(runs, timeout=2.0, return_when=asyncio.FIRST_COMPLETED)
        released_older = runs[0] in done
        await hub.drop_sessions()  # ends the newer hold
        await asyncio.gather(*runs)
        return len(done), released_older

    assert server.call(both_at_once()) == (1, True)


def test_disconnect_releases_the_held_connect(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=10_000)
    peer = Peer(server).ready()
    message, pending = peer.connect_later()
    assert server.hub.wait_until(lambda: _held(server, peer) == 1, 5)
    started = time.monotonic()
    assert peer.disconnect()["successful"] is True
    reply = find(pending.result(5), "/meta/connect", message["id"])
    assert time.monotonic() - started < 2.0
    assert reply["advice"]["reconnect"] == "none"
    assert server.hub.session_count() == 0


def test_dropped_sessions_release_held_connects_with_402(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=10_000)
    peer = Peer(server).ready()
    message, pending = peer.connect_later()
    assert server.hub.wait_until(lambda: _held(server, peer) == 1, 5)
    assert server.call(server.hub.drop_sessions()) == 1
    reply = find(pending.result(5), "/meta/connect", message["id"])
    assert reply["successful"] is False and reply["error"] == "402::Unknown client"
    assert reply["advice"]["reconnect"] == "handshake"


def test_shutdown_releases_held_connects_promptly(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=30_000)
    peers = [Peer(server).ready() for _ in range(3)]
    pending = [p.connect_later() for p in peers]
    assert server.hub.wait_until(lambda: sum(_held(server, p) for p in peers) == 3, 5)
    started = time.monotonic()
    stopper = threading.Thread(target=server.stop)
    stopper.start()
    for message, future in pending:
        assert find(future.result(10), "/meta/connect", message["id"])["successful"] is True
    stopper.join(10)
    assert not stopper.is_alive()
    assert time.monotonic() - started < 5.0


def _held(server, peer: Peer) -> int:
    session = server.hub.sessions.get(peer.client_id)
    return 0 if session is None else session.held


def test_events_are_kept_when_the_client_abandons_a_held_connect(hub_server) -> None:
    server = hub_server(bayeux_timeout_ms=10_000)
    peer = Peer(server).ready("/v2/me/emails")
    with pytest.raises(httpx.ReadTimeout):
        peer.send(peer.connect_message(), timeout=0.5)
    # The server notices the closed connection and ends the hold without taking events.
    assert server.hub.wait_until(lambda: _held(server, peer) == 0, 5)
    assert server.publish("agent1", "/v2/me/emails", EMAIL) == 1
    assert events(peer.connect(timeout_ms=0)) == [{"channel": "/v2/me/emails", "data": EMAIL}]
