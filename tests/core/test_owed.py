"""The ledger of notifications owed by an agent's accepted requests: attribution and waits."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest

from conformance.clients.bayeux.inbox import Inbox
from conformance.clients.rest import RestReply
from conformance.target.owed import OwedNotifications, owed_by

pytestmark = pytest.mark.anyio
BASE = "http://gws.test"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _reply(path: str, body: dict[str, Any] | None, answer: dict[str, Any] | None = None, *, status: int = 200, method: str = "POST") -> RestReply:
    answer = {"statusCode": 0} if answer is None else answer
    raw = json.dumps(answer).encode()
    return RestReply(method, BASE + path, status, {}, raw, answer, None, None, 0.01, time.monotonic(), None if body is None else json.dumps(body).encode())


def _note(email_id: str, state: str = "Processing", reference_id: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"messageType": "EmailStateChangeMessage", "notificationType": "StatusChange", "email": {"id": email_id, "state": state}}
    if reference_id is not None:
        data["referenceId"] = reference_id
    return {"channel": "/v2/me/emails", "data": data}


def test_only_accepted_posts_on_emails_and_channels_owe_a_notification():
    assert owed_by(_reply("/api/v2/me/emails/E1", {"operationName": "Accept"}), 1.0).email_id == "E1"
    assert owed_by(_reply("/api/v2/me/emails", {"operationName": "Create"}), 1.0).new_email
    assert owed_by(_reply("/api/v2/me/emails/E1", {"operationName": "Reply"}), 1.0).new_email
    assert owed_by(_reply("/api/v2/me/channels/email", {"operationName": "Ready"}), 1.0).channel
    assert owed_by(_reply("/api/v2/me/emails/E1", {"operationName": "Accept"}, {"statusCode": 2}, status=409), 1.0) is None
    assert owed_by(_reply("/api/v2/me", {"operationName": "StartContactCenterSession"}), 1.0) is None
    assert owed_by(_reply("/api/v2/me/emails/E1", None, method="GET"), 1.0) is None


async def test_a_late_notification_is_attributed_to_the_request_that_caused_it():
    inbox = Inbox()
    ledger = OwedNotifications(inbox, timeout=2.0)
    await inbox.add(_note("OLD", "Invited"))  # before any request: nobody's
    ledger.record(_reply("/api/v2/me/emails/A", {"operationName": "SetDisposition"}))  # no referenceId
    ledger.record(_reply("/api/v2/me/emails", {"operationName": "Create"}))
    ledger.record(_reply("/api/v2/me/emails/B", {"operationName": "Complete"}, {"statusCode": 0, "referenceId": 7}))
    invited = await inbox.add(_note("NEW-INVITE", "Invited"))  # a new id, but an invitation: not the Create's
    about_a = await inbox.add(_note("A"))
    second_a = await inbox.add(_note("A"))  # one request, one notification: the second is nobody's
    draft = await inbox.add(_note("D", "Composing"))  # a new id on the stream: the Create's
    b_by_reference = await inbox.add(_note("B", reference_id=7))
    other_b = await inbox.add(_note("B"))  # B's request carried a referenceId: this one is not its
    explained = [d.index for d in inbox.all() if ledger.explains(d)]
    assert explained == [about_a.index, draft.index, b_by_reference.index]
    assert not ledger.explains(invited) and not ledger.explains(second_a) and not ledger.explains(other_b)
    assert ledger.pending() == []


async def test_a_notification_that_came_before_its_answer_is_still_claimed():
    inbox = Inbox()
    ledger = OwedNotifications(inbox, timeout=2.0)
    reply = _reply("/api/v2/me/emails/A", {"operationName": "Save"})
    early = await inbox.add(_note("A", "Composing"))  # pushed before the HTTP answer was read
    ledger.record(reply)
    assert ledger.explains(early)


async def test_settle_waits_for_the_owed_notification_and_no_longer():
    inbox = Inbox()
    ledger = OwedNotifications(inbox, timeout=5.0)
    ledger.record(_reply("/api/v2/me/emails/A", {"operationName": "AttachUserData"}))
    asyncio.get_running_loop().call_later(0.2, lambda: asyncio.ensure_future(inbox.add(_note("A"))))  # a late server
    started = time.monotonic()
    await ledger.settle()
    assert 0.15 <= time.monotonic() - started < 2.0  # ended by the arrival, not by the timeout
    assert ledger.explains(inbox.all()[0])


async def test_settle_is_bounded_by_the_notification_timeout():
    inbox = Inbox()
    ledger = OwedNotifications(inbox, timeout=0.2)
    ledger.record(_reply("/api/v2/me/emails/A", {"operationName": "Complete"}))
    started = time.monotonic()
    await ledger.settle()
    assert time.monotonic() - started < 1.0
    assert ledger.pending() == []  # past its deadline: nobody waits for it again
    started = time.monotonic()
    await ledger.settle()
    assert time.monotonic() - started < 0.1


async def test_quiet_blames_only_what_no_accepted_request_explains():
    inbox = Inbox()
    ledger = OwedNotifications(inbox, timeout=2.0)
    ledger.record(_reply("/api/v2/me/emails/A", {"operationName": "Accept"}))
    since = inbox.mark()
    loop = asyncio.get_running_loop()
    loop.call_later(0.1, lambda: asyncio.ensure_future(inbox.add(_note("A"))))  # Accept's, late
    about_a = lambda d: d.data["email"]["id"] == "A"  # noqa: E731
    assert await ledger.quiet(about_a, window=0.2, since=since) is None
    stray = asyncio.ensure_future(inbox.add(_note("A", "Processing")))
    offending = await ledger.quiet(about_a, window=1.0, since=since)
    assert offending is (await stray)


async def test_ready_is_settled_by_its_channel_notification_with_or_without_the_reference_id():
    inbox = Inbox()
    ledger = OwedNotifications(inbox, timeout=2.0)
    ledger.record(_reply("/api/v2/me/channels/email", {"operationName": "Ready"}, {"statusCode": 0, "referenceId": 3}))
    ledger.record(_reply("/api/v2/me/channels/email", {"operationName": "NotReady"}, {"statusCode": 0, "referenceId": 4}))
    state = {"messageType": "ChannelStateChangeMessageV2", "channels": []}
    await inbox.add({"channel": "/v2/me/channels", "data": state})
    await inbox.add({"channel": "/v2/me/channels", "data": {**state, "referenceId": 4}})
    assert ledger.pending() == []
    assert all(ledger.explains(d) for d in inbox.all())
