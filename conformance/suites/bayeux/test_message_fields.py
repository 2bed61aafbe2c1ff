"""Mandatory message fields: https://docs.cometd.org/current/reference/#_bayeux_message_fields

Each check handshakes, then sends one request without a field Bayeux makes mandatory in it.
"""

from __future__ import annotations

from conformance.suites import requirement
from conformance.suites.bayeux.kit import BayeuxKit
from conformance.verify import bayeux as judge


async def _connect_without(bayeux: BayeuxKit, field: str) -> None:
    client = await bayeux.client(0)
    await client.open()
    message = client.connect_message(advice={"timeout": 0})
    del message[field]
    sent = await client.ask(message, timeout=client.hold_bound(), deliberately_invalid=True)
    judge.not_successful(sent.reply, message, f"a connect without {field}")


@requirement("BAYEUX-FIELDS-01")
async def test_connect_without_connection_type_refused(bayeux: BayeuxKit) -> None:
    """Handshake, then /meta/connect with advice {timeout: 0} and no connectionType."""
    await _connect_without(bayeux, "connectionType")


@requirement("BAYEUX-FIELDS-02")
async def test_connect_without_client_id_refused(bayeux: BayeuxKit) -> None:
    """Handshake, then /meta/connect with advice {timeout: 0} and no clientId, on the same HTTP session."""
    await _connect_without(bayeux, "clientId")


@requirement("BAYEUX-FIELDS-03")
async def test_subscribe_without_subscription_refused(bayeux: BayeuxKit) -> None:
    """Handshake, then /meta/subscribe without the subscription field."""
    client = await bayeux.client(0)
    await client.open()
    channel, _ = bayeux.topics()
    message = client.subscribe_message(channel)
    del message["subscription"]
    sent = await client.ask(message, deliberately_invalid=True)
    judge.not_successful(sent.reply, message, "a subscribe without subscription")
