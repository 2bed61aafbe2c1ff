"""/meta/handshake: https://docs.cometd.org/current/reference/#_bayeux_meta_handshake"""

from __future__ import annotations

import pytest

from conformance.suites import HANDSHAKES, exclusive, requirement
from conformance.suites.bayeux.conftest import TRANSPORTS
from conformance.suites.bayeux.kit import BayeuxKit
from conformance.verify import bayeux as judge
from conformance.verify import handshake_batch as batch


@requirement("BAYEUX-HANDSHAKE-01")
@exclusive(HANDSHAKES)  # another client's handshake would take or hide the clientId it judges
@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_handshake_returns_client_id(bayeux: BayeuxKit, transport: str) -> None:
    """/meta/handshake (version 1.0, the transport) as agent A, over long-polling or on a websocket,
    from two new clients one after the other."""
    handshakes = []
    for _ in range(2):
        client = await bayeux.client(0, transport=transport)
        sent = await client.ask(client.handshake_message())
        handshakes.append((sent.reply, sent.message))
    judge.newly_generated_client_ids(handshakes, "the handshake")


@requirement("BAYEUX-HANDSHAKE-02")
async def test_handshake_reply_names_version_and_transports(bayeux: BayeuxKit) -> None:
    """/meta/handshake as agent A; judge version and supportedConnectionTypes of the reply."""
    client = await bayeux.client(0)
    sent = await client.ask(client.handshake_message())
    judge.handshake_describes_itself(judge.meta_successful(sent.reply, sent.message, "the handshake"))


@requirement("BAYEUX-HANDSHAKE-03")
async def test_handshake_reply_carries_id(bayeux: BayeuxKit) -> None:
    """/meta/handshake with id "gwsct<n>"; find the reply's id."""
    client = await bayeux.client(0)
    message = client.handshake_message(id=f"gwsct{client.next_id()}")
    sent = await client.ask(message)
    judge.id_echoed(sent.reply, message, "the handshake")


@requirement("BAYEUX-HANDSHAKE-04")
async def test_handshake_advice_is_well_formed(bayeux: BayeuxKit) -> None:
    """/meta/handshake as agent A; judge the reply's advice, if any."""
    client = await bayeux.client(0)
    sent = await client.ask(client.handshake_message())
    judge.well_formed_advice(judge.meta_successful(sent.reply, sent.message, "the handshake"), "the handshake reply")


@requirement("BAYEUX-HANDSHAKE-05")
async def test_handshake_without_common_transport_refused(bayeux: BayeuxKit) -> None:
    """/meta/handshake offering only the connection type "gwsct-carrier-pigeon"."""
    client = await bayeux.client(0)
    sent = await client.ask(client.handshake_message(supportedConnectionTypes=["gwsct-carrier-pigeon"]))
    judge.not_successful(sent.reply, sent.message, "a handshake with no common connection type")


@requirement("BAYEUX-HANDSHAKE-06")
async def test_handshake_without_version_refused(bayeux: BayeuxKit) -> None:
    """/meta/handshake without the version field."""
    client = await bayeux.client(0)
    message = client.handshake_message()
    del message["version"], message["minimumVersion"]
    sent = await client.ask(message, deliberately_invalid=True)
    judge.not_successful(sent.reply, message, "a handshake without version")


@requirement("BAYEUX-HANDSHAKE-BATCH-01")
async def test_handshake_batch_ignores_others(bayeux: BayeuxKit) -> None:
    """Handshake (session S); one request [/meta/handshake, /meta/disconnect of S]; then a
    /meta/connect of S with advice {timeout: 0}."""
    client = await bayeux.client(0)
    survivor = (await client.open())["clientId"]
    disconnect = client.disconnect_message()
    reply = await client.send([client.handshake_message(), disconnect])
    batch.disconnect_not_answered(reply, disconnect, "the batch [handshake, disconnect]")
    sent = await client.ask(client.connect_message(advice={"timeout": 0}), timeout=client.hold_bound())
    batch.session_alive(sent.reply, sent.message, survivor, "the connect after the batch [handshake, disconnect]")
