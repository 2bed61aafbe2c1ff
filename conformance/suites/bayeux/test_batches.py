"""Batches and message ids: https://docs.cometd.org/current/reference/#_bayeux_id"""

from __future__ import annotations

import pytest

from conformance.suites import requirement
from conformance.suites.bayeux.conftest import TRANSPORTS
from conformance.suites.bayeux.kit import BayeuxKit
from conformance.verify import bayeux as judge


@requirement("BAYEUX-BATCH-01")
@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_batch_gets_one_reply_per_message(bayeux: BayeuxKit, transport: str) -> None:
    """Handshake, then one array: [subscribe A, subscribe B, unsubscribe A, disconnect]."""
    client = await bayeux.client(0, transport=transport)
    await client.open()
    first, second = bayeux.topics()
    batch = [
        client.subscribe_message(first),
        client.subscribe_message(second),
        client.unsubscribe_message(first),
        client.disconnect_message(),
    ]
    reply = await client.send(batch)
    judge.one_reply_each(reply, batch, "the batch of four meta messages")


@requirement("BAYEUX-BATCH-02")
async def test_numeric_ids_answered(bayeux: BayeuxKit) -> None:
    """/meta/handshake with id 7001, then /meta/subscribe with id 7002 (numbers, as CometD Java clients send)."""
    client = await bayeux.client(0)
    handshake = client.handshake_message(id=7001)
    sent = await client.ask(handshake)
    judge.id_echoed(sent.reply, handshake, "the handshake with a numeric id")
    client.client_id = judge.client_id_issued(judge.meta_successful(sent.reply, handshake, "the handshake"))
    channel, _ = bayeux.topics()
    subscribe = dict(client.subscribe_message(channel), id=7002)
    sent = await client.ask(subscribe)
    judge.id_echoed(sent.reply, subscribe, "the subscribe with a numeric id")
