"""An agent's stream is declared broken by the connect loop's evidence alone, and a declared
break ends every wait on it at once: before it begins and while it runs."""

import asyncio
import time

import pytest

from conformance.clients.bayeux.inbox import Inbox
from conformance.clients.bayeux.session import BayeuxSession
from conformance.clients.http import make_http_client
from conformance.clients.stream_health import BROKEN_AFTER, RunStreams, StreamBroken, StreamHealth

from .fake_bayeux import FakeBayeux

pytestmark = pytest.mark.anyio


def test_broken_only_after_failures_in_a_row() -> None:
    stream = RunStreams().of("agent1")
    for _ in range(BROKEN_AFTER - 1):
        assert not stream.connect_failed("connect", "402::Unknown client")
    stream.connect_succeeded()  # a server restart: one refusal, then the re-handshake heals it
    for _ in range(BROKEN_AFTER - 1):
        stream.connect_failed("connect", "402::Unknown client")
    assert not stream.broken
    assert stream.connect_failed("connect", "reply without 'successful'")
    assert stream.broken and "reply without 'successful'" in (stream.evidence or "")
    assert stream.violates == "BAYEUX-CONNECT-07" and "against BAYEUX-CONNECT-07" in stream.reason()
    stream.connect_succeeded()
    assert not stream.broken


def test_a_fail_alone_breaks_nothing_but_is_named_once_broken() -> None:
    run = RunStreams()
    stream = run.of("agent1")
    run.requirement_failed("SESSION-COMETD-02", "session", "no subscription echo")
    run.requirement_failed("EMAIL-ACCEPT-01", "email-accept", "HTTP 204")
    stream.require_intact()  # no evidence: nothing blocked
    assert stream.loop_stopped("connect: advice reconnect='none'")
    with pytest.raises(StreamBroken) as blocked:
        stream.require_intact()
    assert "SESSION-COMETD-02" in blocked.value.reason and "EMAIL-ACCEPT-01" not in blocked.value.reason
    assert "reconnect='none'" in blocked.value.reason and blocked.value.step == "agent1: listen for notifications"


async def test_a_wait_on_a_broken_stream_ends_before_it_begins() -> None:
    stream = RunStreams().of("agent1")
    stream.loop_stopped("handshake: 403::denied")
    inbox = Inbox(stream)
    await inbox.add({"channel": "/v2/me/emails", "data": 1})
    assert await inbox.wait_for(lambda d: d.data == 1, timeout=5) is not None  # already there: found
    with pytest.raises(StreamBroken):
        await inbox.wait_for(lambda d: d.data == 2, timeout=5)
    with pytest.raises(StreamBroken):  # a quiet window on a dead stream proves nothing
        await inbox.expect_none(lambda d: True, window=5, since=inbox.mark())


async def test_a_wait_in_progress_ends_when_the_stream_breaks() -> None:
    stream = RunStreams().of("agent1")
    inbox = Inbox(stream)
    started = time.monotonic()
    waiter = asyncio.create_task(inbox.wait_for(lambda d: False, timeout=30))
    await asyncio.sleep(0)  # let the wait begin
    for _ in range(BROKEN_AFTER):
        stream.connect_failed("connect", "reply without 'successful'")
    await inbox.stream_changed()
    with pytest.raises(StreamBroken):
        await waiter
    assert time.monotonic() - started < 5  # not the 30 s timeout


async def test_an_inbox_without_health_waits_as_before() -> None:
    assert await Inbox().wait_for(lambda d: True, timeout=0.01) is None


def _session_on(server: FakeBayeux, stream: StreamHealth) -> BayeuxSession:
    http = make_http_client("http://gws.test", "agent1", "password1", timeout=2, transport=server.transport())
    return BayeuxSession(http, "http://gws.test/api/v2/notifications", actor="agent1", health=stream)


async def test_connect_replies_without_successful_end_a_wait_in_progress() -> None:
    server = FakeBayeux()
    stream = RunStreams().of("agent1")
    session = _session_on(server, stream)
    await session.handshake(timeout=2)
    server.mutate = lambda answer: [{k: v for k, v in m.items() if k != "successful"} for m in answer]
    waiter = asyncio.create_task(session.inbox.wait_for(lambda d: True, timeout=30))
    await session.start()
    with pytest.raises(StreamBroken) as blocked:
        await waiter
    assert "reply without 'successful'" in blocked.value.reason and len(server.connects()) >= BROKEN_AFTER
    await session.close()


async def test_a_working_stream_stays_intact() -> None:
    server = FakeBayeux()
    stream = RunStreams().of("agent1")
    session = _session_on(server, stream)
    await session.handshake(timeout=2)
    await session.start()
    await session.connected.wait()
    assert await session.inbox.wait_for(lambda d: True, timeout=0.05) is None  # a timeout, not a block
    assert not stream.broken and stream.failed_in_row == 0
    await session.close()


async def test_the_loop_stopped_on_advice_breaks_the_stream() -> None:
    server = FakeBayeux()
    stream = RunStreams().of("agent1")
    session = _session_on(server, stream)
    await session.handshake(timeout=2)
    server.mutate = lambda answer: [{**m, "successful": False, "error": "500::boom", "advice": {"reconnect": "none"}} for m in answer]
    await session.start()
    assert await session.wait_until(lambda s: stream.broken, timeout=5)
    assert stream.evidence == "the connect loop stopped: connect: advice reconnect='none'"
    await session.close()
