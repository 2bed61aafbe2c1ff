"""The long-polling transport: https://docs.cometd.org/current/reference/#_bayeux_long_polling"""

from __future__ import annotations

from conformance.suites import requirement
from conformance.suites.bayeux.kit import BayeuxKit
from conformance.verify import bayeux as judge


@requirement("BAYEUX-LONG-POLLING-01")
async def test_session_through_sub_paths(bayeux: BayeuxKit) -> None:
    """/meta/handshake POSTed to <url>/handshake, then /meta/connect (advice {timeout: 0}) to
    <url>/connect, /meta/subscribe to <url>/subscribe, /meta/unsubscribe to <url>/unsubscribe
    and /meta/disconnect to <url>/disconnect, as CometD clients post them."""
    client = await bayeux.client(0)
    client.wire.append_message_type = True
    sent = await client.ask(client.handshake_message())
    handshake = judge.meta_successful(sent.reply, sent.message, "the handshake on <url>/handshake")
    client.client_id = judge.client_id_issued(handshake)
    channel, _ = bayeux.topics()
    steps = [
        (client.connect_message(advice={"timeout": 0}), "connect"),
        (client.subscribe_message(channel), "subscribe"),
        (client.unsubscribe_message(channel), "unsubscribe"),
        (client.disconnect_message(), "disconnect"),
    ]
    for message, step in steps:
        sent = await client.ask(message, timeout=client.hold_bound() if step == "connect" else None)
        judge.meta_successful(sent.reply, message, f"the {step} on <url>/{step}")
