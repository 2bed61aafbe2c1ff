"""The format of Bayeux answers: the negotiated version, JSON arrays, connect advice, error strings.

https://docs.cometd.org/current/reference/#_bayeux_message_fields
"""

from __future__ import annotations

import secrets

import pytest

from conformance.clients.bayeux.messages import VERSION
from conformance.clients.bayeux.wire import WireReply
from conformance.errors import Blocked
from conformance.suites import requirement
from conformance.suites.bayeux.client import WEBSOCKET, BayeuxClient
from conformance.suites.bayeux.conftest import TRANSPORTS
from conformance.suites.bayeux.kit import BayeuxKit
from conformance.verify import bayeux as judge
from conformance.verify import bayeux_format as shape


@requirement("BAYEUX-MESSAGE-01")
async def test_handshake_names_version_1_0(bayeux: BayeuxKit) -> None:
    """/meta/handshake offering version 1.0 (minimumVersion 1.0); judge the reply's version."""
    client = await bayeux.client(0)
    sent = await client.ask(client.handshake_message())
    shape.negotiated_version(judge.meta_successful(sent.reply, sent.message, "the handshake"), VERSION, "the handshake reply")


async def _three_exchanges(bayeux: BayeuxKit, client: BayeuxClient) -> list[tuple[str, WireReply]]:
    """Handshake, a connect asking for an immediate answer, a subscribe: each alone in its batch."""
    opened = await client.expect_success(client.handshake_message(), "handshake")
    client_id = (opened.answer or {}).get("clientId")
    if not isinstance(client_id, str) or not client_id:
        raise Blocked(f"{client.actor}: handshake", f"no clientId in {opened.answer!r}")
    client.client_id = client_id
    connected = await client.settle()
    topic, _ = bayeux.topics()
    subscribed = await client.ask(client.subscribe_message(topic))
    return [("the handshake", opened.reply), ("the connect", connected.reply), ("the subscribe", subscribed.reply)]


@requirement("BAYEUX-MESSAGE-02")
async def test_long_polling_answers_are_arrays(bayeux: BayeuxKit) -> None:
    """Over long-polling: /meta/handshake, /meta/connect with advice {timeout: 0}, /meta/subscribe; judge each body."""
    client = await bayeux.client(0)
    shape.arrays_only(await _three_exchanges(bayeux, client), "long-polling body")


@requirement("BAYEUX-MESSAGE-03")
async def test_websocket_frames_are_arrays(bayeux: BayeuxKit) -> None:
    """On a websocket: /meta/handshake, /meta/connect with advice {timeout: 0}, /meta/subscribe; judge each frame."""
    client = await bayeux.client(0, transport=WEBSOCKET)
    shape.arrays_only(await _three_exchanges(bayeux, client), "WebSocket frame")


@requirement("BAYEUX-MESSAGE-04")
@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_connect_advice_is_well_formed(bayeux: BayeuxKit, transport: str) -> None:
    """Handshake, two /meta/connect with advice {timeout: 0}, then one with a clientId the target never issued; judge each reply's advice."""
    client = await bayeux.client(0, transport=transport)
    await client.open()
    first = await client.settle()
    shape.well_formed_connect_advice(judge.answer_to(first.reply, first.message, "the first connect"), "the first connect reply")
    second = await client.ask(client.connect_message(advice={"timeout": 0}), timeout=client.hold_bound())
    shape.well_formed_connect_advice(judge.meta_successful(second.reply, second.message, "the second connect"), "the second connect reply")
    unknown = await client.ask(client.connect_message(client_id="gwsct" + secrets.token_hex(16), advice={"timeout": 0}))
    refusal = judge.answer_to(unknown.reply, unknown.message, "a connect with an unknown clientId")
    shape.well_formed_connect_advice(refusal, "the reply to a connect with an unknown clientId")


@requirement("BAYEUX-MESSAGE-05")
async def test_errors_read_code_args_message(bayeux: BayeuxKit) -> None:
    """/meta/connect with a clientId the target never issued; handshake, then /meta/subscribe to /meta/**; judge each refusal's error."""
    client = await bayeux.client(0)
    unknown = await client.ask(client.connect_message(client_id="gwsct" + secrets.token_hex(16), advice={"timeout": 0}))
    answers = [("a connect with an unknown clientId", judge.answer_to(unknown.reply, unknown.message, "a connect with an unknown clientId"))]
    await client.open()
    meta = await client.ask(client.subscribe_message("/meta/**"))
    if meta.answer is not None:  # a refusal at the HTTP level carries no error field to judge
        answers.append(("a subscription to /meta/**", judge.answer_to(meta.reply, meta.message, "a subscription to /meta/**")))
    shape.error_format(answers)
