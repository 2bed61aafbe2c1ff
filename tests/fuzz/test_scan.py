"""Notifications after the campaign are blamed on the refusal they followed, and only on it."""

from __future__ import annotations

import json
import time

import pytest

from conformance.clients.bayeux.inbox import Inbox
from conformance.clients.rest import RestReply
from conformance.fuzz.plan.operation_needs import Need
from conformance.fuzz.run.provisioning import FuzzedRequest, Resource
from conformance.fuzz.judge.after_refusals import blamable, refused_then_notified
from conformance.target.owed import OwedNotifications

from .conftest import run_campaign

pytestmark = pytest.mark.anyio


def _note(email_id: str, state: str = "Processing", reference_id: int | None = None) -> dict:
    data = {"messageType": "EmailStateChangeMessage", "notificationType": "PropertiesUpdated", "email": {"id": email_id, "state": state}}
    if reference_id is not None:
        data["referenceId"] = reference_id
    return {"channel": "/v2/me/emails", "data": data}


def _sent(mark: int, refused: bool, name: str) -> FuzzedRequest:
    return FuzzedRequest(mark, refused, name)


def _by_reference_ids(*accepted: int):
    """The ledger's verdict for deliveries carrying the referenceIds of accepted requests."""
    return lambda delivery: delivery.data.get("referenceId") in accepted


async def test_attribution():
    inbox = Inbox()
    a = Resource(Need.PROCESSING, "A", sent=[_sent(0, True, "A refused")])
    await inbox.add(_note("A"))  # 0: after A's refusal: blamed
    b = Resource(Need.PROCESSING, "B", sent=[_sent(1, False, "B accepted"), _sent(2, True, "B refused")])
    await inbox.add(_note("B", reference_id=9))  # 1: carries the accepted request's referenceId
    c = Resource(Need.PROCESSING, "C", sent=[_sent(2, True, "C refused"), _sent(2, False, "C accepted")])
    await inbox.add(_note("C"))  # 2: the last request on C before it was accepted
    collection = Resource(Need.NONE, None, sent=[_sent(3, True, "Create refused"), _sent(5, False, "Create accepted")])
    await inbox.add(_note("D", "Composing"))  # 3: a draft nobody asked for, before the next request
    await inbox.add(_note("A"))  # 4: A again: its refusal is blamed once
    await inbox.add(_note("E", "Composing", reference_id=10))  # 5: the accepted Create's draft
    found = refused_then_notified([a, b, c, collection], inbox, explained=_by_reference_ids(9, 10), sent_marks=[0, 1, 2, 2, 3, 5])
    assert [(sent.exchange, delivery.index) for sent, delivery in found] == [("A refused", 0), ("Create refused", 3)]


async def test_the_final_wait_stops_at_the_first_blamable_notification():
    inbox = Inbox()
    resources = [Resource(Need.PROCESSING, "A", sent=[_sent(0, True, "A refused")]), Resource(Need.PROCESSING, "B", sent=[_sent(0, False, "ok")])]
    matches = blamable(resources, explained=_by_reference_ids(9))
    assert matches(await inbox.add(_note("A")))
    assert not matches(await inbox.add(_note("A", reference_id=9)))
    assert not matches(await inbox.add(_note("B")))


async def test_a_late_draft_of_an_accepted_create_is_not_blamed_on_the_refused_create_after_it():
    """The issue's case, on a target whose answers carry no referenceId: the ledger attributes the
    draft to the accepted Create (the first new email on the stream after it), not the refusal."""
    inbox = Inbox()
    ledger = OwedNotifications(inbox, timeout=2.0)
    body = json.dumps({"operationName": "Create", "queueUri": "q"}).encode()
    answer = RestReply("POST", "http://gws.test/api/v2/me/emails", 200, {}, b'{"statusCode":0}', {"statusCode": 0}, None, None, 0.01, time.monotonic(), body)
    ledger.record(answer)
    collection = Resource(Need.NONE, None, sent=[_sent(0, False, "Create accepted"), _sent(0, True, "Create refused")])
    await inbox.add(_note("D1", "Composing"))  # 0: the accepted Create's draft, late
    await inbox.add(_note("D2", "Composing"))  # 1: a second draft nobody asked for
    found = refused_then_notified([collection], inbox, explained=ledger.explains, sent_marks=[0, 0])
    assert [(sent.exchange, delivery.index) for sent, delivery in found] == [("Create refused", 1)]


@pytest.mark.parametrize("variant", ["no-reference-id", "empty-200"])
def test_a_campaign_without_reference_ids_blames_no_refusal(variant):
    """Create (accepted and refused in turn) and the chains' drafts: with answers carrying no
    referenceId, no new draft is blamed on a refused Create (it once was: FUZZ-UNCHANGED-01)."""
    run = run_campaign(variants=[variant], operations=["Create", "Save"], with_chains=True)
    assert run.findings_for("FUZZ-UNCHANGED-01") == []
    assert run.stats.chains > 0
