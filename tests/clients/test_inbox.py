import asyncio

import pytest

from conformance.clients.bayeux.inbox import Inbox
from conformance.evidence import Recorder

pytestmark = pytest.mark.anyio


async def test_wait_for_returns_a_matching_delivery_already_there() -> None:
    inbox = Inbox()
    await inbox.add({"channel": "/v2/me/channels", "data": {"x": 1}})
    await inbox.add({"channel": "/v2/me/emails", "data": {"x": 2}})
    found = await inbox.wait_for(lambda d: d.channel == "/v2/me/emails", timeout=1)
    assert found is not None and found.index == 1 and found.data == {"x": 2}


async def test_wait_for_wakes_on_arrival() -> None:
    inbox = Inbox()
    waiter = asyncio.create_task(inbox.wait_for(lambda d: d.data == 2, timeout=5))
    await inbox.add({"channel": "/a", "data": 1})
    await inbox.add({"channel": "/a", "data": 2})
    found = await waiter
    assert found is not None and found.data == 2


async def test_since_skips_older_deliveries() -> None:
    inbox = Inbox()
    await inbox.add({"channel": "/a", "data": 1})
    mark = inbox.mark()
    assert mark == 1 and await inbox.wait_for(lambda d: True, timeout=0.05, since=mark) is None
    await inbox.add({"channel": "/a", "data": 1})
    found = await inbox.wait_for(lambda d: d.data == 1, timeout=1, since=mark)
    assert found is not None and found.index == 1
    assert [d.index for d in inbox.since(mark)] == [1] and len(inbox) == 2


async def test_a_predicate_that_cannot_read_a_delivery_is_no_match(recorder: Recorder) -> None:
    inbox = Inbox()
    await inbox.add({"channel": "/v2/me/emails", "data": "not an object"})
    await inbox.add({"channel": "/v2/me/emails", "data": {"email": {"id": "e1"}}})
    found = await inbox.wait_for(lambda d: d.data["email"]["id"] == "e1", timeout=1)
    assert found is not None and found.index == 1
    assert any("treated as no match" in e.summary for e in recorder.events)


async def test_expect_none_reports_the_offender_or_none() -> None:
    inbox = Inbox()
    await inbox.add({"channel": "/a", "data": 1})
    assert await inbox.expect_none(lambda d: d.data == 2, window=0.05, since=0) is None
    await inbox.add({"channel": "/a", "data": 2})
    offending = await inbox.expect_none(lambda d: d.data == 2, window=5, since=0)
    assert offending is not None and offending.index == 1


async def test_broken_envelopes_are_kept_with_channel_none() -> None:
    inbox = Inbox()
    delivery = await inbox.add({"data": {"messageType": "EmailStateChangeMessage"}}, received=12.5)
    assert delivery.channel is None and delivery.has_data and delivery.received == 12.5
    delivery = await inbox.add({"channel": 5})
    assert delivery.channel is None and not delivery.has_data and delivery.data is None
