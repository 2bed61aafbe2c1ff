"""Judging Bayeux meta replies and deliveries."""

from __future__ import annotations

from typing import Any

from conformance.clients.bayeux.inbox import Delivery
from conformance.clients.bayeux.wire import WireReply
from conformance.errors import CheckFailed


def _meta_reply(reply: WireReply, channel: str) -> dict[str, Any]:
    if reply.error:
        raise CheckFailed(f"{channel}: no usable reply ({reply.error})", expected=f"a {channel} reply", observed=reply.raw[:500].decode("utf-8", "replace"))
    answers = reply.by_channel(channel)
    if len(answers) != 1:
        raise CheckFailed(f"expected exactly one {channel} reply, got {len(answers)}", expected=1, observed=reply.messages)
    return answers[0]


def handshake_succeeded(reply: WireReply) -> None:
    """successful true, version, a non-empty clientId and long-polling among the transports."""
    answer = _meta_reply(reply, "/meta/handshake")
    if answer.get("successful") is not True:
        raise CheckFailed(f"the handshake failed: {answer.get('error')!r}", expected="successful: true", observed=answer)
    client_id = answer.get("clientId")
    if not isinstance(client_id, str) or not client_id:
        raise CheckFailed("the successful handshake carries no clientId", expected="a non-empty clientId string", observed=answer)
    types = answer.get("supportedConnectionTypes")
    if not isinstance(types, list) or "long-polling" not in types:
        raise CheckFailed("the handshake does not offer long-polling", expected="long-polling in supportedConnectionTypes", observed=types)
    if not isinstance(answer.get("version"), str):
        raise CheckFailed("the handshake reply has no version string", expected='version "1.0"', observed=answer.get("version"))


def subscription_echoed(reply: WireReply, subscription: str | list[str]) -> None:
    """The subscribe reply is successful and echoes the subscription as sent."""
    answer = _meta_reply(reply, "/meta/subscribe")
    if answer.get("successful") is not True:
        raise CheckFailed(f"the subscription failed: {answer.get('error')!r}", expected="successful: true", observed=answer)
    if answer.get("subscription") != subscription:
        raise CheckFailed("the subscribe reply does not echo the subscription", expected=subscription, observed=answer.get("subscription"))


def arrived(delivery: Delivery | None, what: str) -> Delivery:
    if delivery is None:
        raise CheckFailed(f"{what} never arrived", expected=what, observed=None)
    return delivery


def envelope(delivery: Delivery) -> None:
    """A delivery is a Bayeux message with a channel string and a data object."""
    message = delivery.message
    if not isinstance(message.get("channel"), str):
        raise CheckFailed("the notification has no channel", expected="{channel, data}", observed=message)
    if not isinstance(message.get("data"), dict):
        raise CheckFailed("the notification's data is not an object", expected="{channel, data: {...}}", observed=message)


def message_types(deliveries: list[Delivery]) -> None:
    """Every /v2/ delivery's data carries a messageType string."""
    for delivery in deliveries:
        data = delivery.data
        if isinstance(delivery.channel, str) and delivery.channel.startswith("/v2/"):
            if not isinstance(data, dict) or not isinstance(data.get("messageType"), str):
                raise CheckFailed(f"a notification on {delivery.channel} has no data.messageType", expected="data.messageType", observed=delivery.message)
