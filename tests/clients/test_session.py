"""The session layer against an in-memory Bayeux server (fake_bayeux.FakeBayeux)."""

import time

import pytest

from conformance.clients.bayeux.session import BayeuxSession
from conformance.clients.http import make_http_client
from conformance.errors import HarnessError
from conformance.evidence import Recorder

from .fake_bayeux import FakeBayeux

pytestmark = pytest.mark.anyio

URL = "http://gws.test/api/v2/notifications"
EMAILS = "/v2/me/emails"


def session_on(server: FakeBayeux, **kwargs) -> BayeuxSession:
    http = make_http_client("http://gws.test", "agent1", "password1", timeout=2, transport=server.transport())
    return BayeuxSession(http, URL, actor="agent1", **kwargs)


@pytest.fixture
def server() -> FakeBayeux:
    return FakeBayeux()


async def test_handshake_gives_a_client_id_and_advice(server: FakeBayeux) -> None:
    session = session_on(server)
    reply = await session.handshake(timeout=2)
    assert reply.error is None
    assert session.client_id == "client1" and session.handshake_reply["successful"] is True
    assert session.advice == {"reconnect": "retry", "interval": 0, "timeout": 5000}
    assert server.batches[0] == [
        {"channel": "/meta/handshake", "version": "1.0", "minimumVersion": "1.0", "supportedConnectionTypes": ["long-polling"], "id": "1"}
    ]
    assert session.failures == [] and [m["channel"] for _, m in session.meta_log] == ["/meta/handshake"]


async def test_refused_handshake_with_reconnect_none_stops_the_loop(server: FakeBayeux) -> None:
    server.handshake_answer = lambda m: {"successful": False, "error": "403::Handshake denied", "advice": {"reconnect": "none"}}
    session = session_on(server)
    reply = await session.handshake(timeout=2)
    assert session.client_id is None and reply.reply_to("1")["error"] == "403::Handshake denied"
    await session.start()
    assert await session.wait_until(lambda s: s.stopped_reason is not None, timeout=5)
    assert session.stopped_reason == "handshake: advice reconnect='none'"
    assert session.failures[0] == "handshake: 403::Handshake denied" and len(server.batches) == 2
    await session.close()


async def test_connect_loop_connects_at_once_and_delivers_events(server: FakeBayeux) -> None:
    session = session_on(server)
    await session.handshake(timeout=2)
    await session.start()
    await session.connected.wait()
    first = server.connects()[0]
    assert first["advice"] == {"timeout": 0} and first["clientId"] == "client1" and first["connectionType"] == "long-polling"
    reply = await session.subscribe(EMAILS, timeout=2)
    assert reply.reply_to(reply.messages[0]["id"])["subscription"] == EMAILS and session.subscriptions == {EMAILS}
    mark = session.inbox.mark()
    await server.holding.wait()
    assert server.publish(EMAILS, {"messageType": "EmailStateChangeMessage", "n": 1}) == 1
    delivery = await session.inbox.wait_for(lambda d: d.data["n"] == 1, timeout=5, since=mark)
    assert delivery is not None and delivery.channel == EMAILS
    assert session.failures == []
    later = server.connects()[1:]
    assert later and all("advice" not in c for c in later)
    await session.close()


async def test_start_without_handshake_handshakes_first(server: FakeBayeux) -> None:
    session = session_on(server)
    await session.start()
    assert await session.wait_until(lambda s: s.connected.is_set(), timeout=5)
    assert session.client_id == "client1"
    await session.close()


async def test_wildcard_subscription_covers_deliveries(server: FakeBayeux) -> None:
    session = session_on(server)
    await session.start()
    await session.connected.wait()
    await session.subscribe(["/v2/me/*", "/other/**"], timeout=2)
    await server.holding.wait()
    server.publish("/v2/me/emails", {"n": 1})
    assert await session.inbox.wait_for(lambda d: True, timeout=5) is not None
    assert session.failures == []
    await session.close()


async def test_dropped_session_is_re_handshaken_and_re_subscribed(server: FakeBayeux) -> None:
    session = session_on(server)
    await session.handshake(timeout=2)
    await session.subscribe(EMAILS, timeout=2)
    await session.start()
    await session.connected.wait()
    await server.holding.wait()
    server.drop("client1")
    assert await session.wait_until(lambda s: s.client_id == "client2" and s.connected.is_set(), timeout=5)
    assert server.sessions["client2"].subscriptions == {EMAILS}
    assert "connect: 402::Unknown client" in session.failures
    assert "connect: advice reconnect=handshake; re-handshaking" in session.failures
    await server.holding.wait()
    server.publish(EMAILS, {"after": "re-handshake"})
    assert await session.inbox.wait_for(lambda d: d.data == {"after": "re-handshake"}, timeout=5) is not None
    await session.close()


async def test_close_cancels_the_held_connect_promptly(server: FakeBayeux, recorder: Recorder) -> None:
    session = session_on(server)
    await session.start()
    await session.connected.wait()
    await server.holding.wait()
    started = time.monotonic()
    await session.close()
    assert time.monotonic() - started < 2.5  # far below the 5 s hold
    assert not session.connected.is_set()
    assert "cancelled by the client" in [e.detail.get("error") for e in recorder.events if e.kind == "http"]


async def test_disconnect_ends_the_session_and_the_loop(server: FakeBayeux) -> None:
    session = session_on(server)
    await session.start()
    await session.connected.wait()
    await server.holding.wait()
    reply = await session.disconnect(timeout=3)
    assert reply.reply_to(reply.messages[0]["id"])["successful"] is True
    assert session.client_id is None and not session.connected.is_set() and server.sessions == {}
    connects = len(server.connects())
    assert await session.subscribe(EMAILS, timeout=1) is not None
    assert len(server.connects()) == connects  # the loop is over: no further connect
    assert session.failures[-1] == "no Bayeux session: subscribe needs a clientId (handshake first)"


async def test_odd_replies_are_reported_not_swallowed(server: FakeBayeux) -> None:
    def strip_connect_ids(answer: list) -> list:
        return [{k: v for k, v in m.items() if not (k == "id" and m["channel"] == "/meta/connect")} for m in answer]

    session = session_on(server)
    await session.handshake(timeout=2)
    server.mutate = strip_connect_ids
    await session.start()
    assert await session.wait_until(lambda s: len(s.failures) >= 2, timeout=5)
    assert session.failures[:2] == ["connect: /meta/connect reply without id", "connect: no reply"]
    assert not session.connected.is_set()
    server.mutate = None
    assert await session.wait_until(lambda s: s.connected.is_set(), timeout=5)  # after a short back-off
    await session.close()


async def test_garbage_and_single_object_answers_are_failures(server: FakeBayeux) -> None:
    session = session_on(server)
    await session.handshake(timeout=2)
    server.mutate = lambda answer: b"<html>502 Bad Gateway</html>"
    await session.start()
    assert await session.wait_until(lambda s: len(s.failures) >= 1, timeout=5)
    assert session.failures[0].startswith("connect: body is not a JSON array/object")
    server.mutate = lambda answer: answer[-1]
    assert await session.wait_until(lambda s: s.connected.is_set(), timeout=5)
    assert any("single JSON object" in f for f in session.failures)
    await session.close()


async def test_unsubscribed_and_channelless_deliveries_are_kept_and_reported(server: FakeBayeux) -> None:
    session = session_on(server)
    await session.handshake(timeout=2)
    server.mutate = lambda answer: [{"channel": "/v2/me/calls", "data": 1}, {"data": 2}, *answer]
    await session.subscribe(EMAILS, timeout=2)
    assert [d.channel for d in session.inbox.all()] == ["/v2/me/calls", None]
    assert session.failures == [
        "subscribe: delivery #0 on /v2/me/calls matches no subscription of this session",
        "subscribe: delivery #1 has no channel",
    ]


async def test_refused_subscribe_is_reported_and_not_kept(server: FakeBayeux) -> None:
    session = session_on(server)
    await session.handshake(timeout=2)
    server.mutate = lambda answer: [{**m, "successful": False, "error": "403:/meta/x:subscribe_denied"} for m in answer]
    reply = await session.subscribe("/meta/x", timeout=2)
    assert reply.messages[0]["successful"] is False
    assert session.subscriptions == set()
    assert session.failures == ["subscribe ['/meta/x']: 403:/meta/x:subscribe_denied"]


async def test_reconnect_none_on_connect_stops_the_loop(server: FakeBayeux) -> None:
    session = session_on(server)
    await session.handshake(timeout=2)
    server.mutate = lambda answer: [{**m, "successful": False, "error": "500::boom", "advice": {"reconnect": "none"}} for m in answer]
    await session.start()
    assert await session.wait_until(lambda s: s.stopped_reason is not None, timeout=5)
    assert session.stopped_reason == "connect: advice reconnect='none'"
    assert len(server.connects()) == 1
    await session.close()


async def test_unrecognised_reconnect_advice_stops_and_says_why(server: FakeBayeux) -> None:
    session = session_on(server)
    await session.handshake(timeout=2)
    server.mutate = lambda answer: [{**m, "advice": {"reconnect": "later", "interval": "soon"}} for m in answer]
    await session.start()
    assert await session.wait_until(lambda s: s.stopped_reason is not None, timeout=5)
    assert "connect: advice reconnect='later' is not retry|handshake|none (treated as none)" in session.failures
    assert "connect: advice interval='soon' is not a number (ignored)" in session.failures
    await session.close()


async def test_negative_interval_means_do_not_retry(server: FakeBayeux) -> None:
    server.interval_ms = -1
    session = session_on(server)
    await session.start()
    assert await session.wait_until(lambda s: s.stopped_reason is not None, timeout=5)
    assert session.stopped_reason.startswith("connect: advice interval -1 ms < 0")
    await session.close()


async def test_advised_interval_separates_connects() -> None:
    server = FakeBayeux(hold_ms=0, interval_ms=200)
    session = session_on(server)
    await session.start()
    assert await session.wait_until(lambda s: s.connects >= 3, timeout=5)
    await session.close()
    assert session.failures == []
    # A lower bound only: the client may wait longer than advised, never less.
    stamps = [t for t, m in session.meta_log if m["channel"] == "/meta/connect"]
    assert all(later - earlier >= 0.19 for earlier, later in zip(stamps, stamps[1:]))


async def test_a_connect_held_beyond_the_advertised_timeout_is_cut() -> None:
    server = FakeBayeux(hold_ms=30_000, advertised_timeout_ms=100)
    session = session_on(server, hold_margin=0.2)
    await session.start()
    await session.connected.wait()
    assert await session.wait_until(lambda s: any(f.startswith("connect: timeout") for f in s.failures), timeout=5)
    assert not session.connected.is_set()
    await session.close()


async def test_our_invalid_requests_raise_harness_error(server: FakeBayeux) -> None:
    session = session_on(server)
    await session.handshake(timeout=2)
    with pytest.raises(HarnessError):
        await session.subscribe("no-leading-slash", timeout=2)
    reply = await session.subscribe("no-leading-slash", timeout=2, deliberately_invalid=True)
    assert reply.reply_to(reply.messages[0]["id"])["successful"] is True


async def test_the_held_connect_our_disconnect_ends_is_no_failure(server: FakeBayeux) -> None:
    """A server may end the connect it holds for a disconnected client with "Unknown client"
    (faye does, when the next connect crosses our disconnect): the session ended by our choice,
    so that answer is nothing to report."""
    session = session_on(server)
    await session.start()
    await session.connected.wait()
    await server.holding.wait()
    reply = await session.disconnect(timeout=5)
    assert reply.by_channel("/meta/disconnect")[0]["successful"] is True
    assert server.connects()[-1]["clientId"] == "client1"  # the held connect was answered after the disconnect
    assert session.failures == []
    await session.close()
