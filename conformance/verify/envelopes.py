"""Notifications as the pages print them: the Bayeux envelope and the message its data holds."""

from __future__ import annotations

from conformance import schemas
from conformance.clients.bayeux.inbox import Delivery
from conformance.errors import CheckFailed


def printed_message(delivery: Delivery | None, *, channel: str, schema: str, what: str) -> Delivery:
    """A Bayeux message {channel, data} published on `channel` whose data member is the message
    schema `schema` describes (the object the pages print), not a wrapper or a string around it."""
    if delivery is None:
        raise CheckFailed(f"{what} never arrived", expected=f"a message on {channel}", observed=None)
    message = delivery.message
    shape = {"channel": channel, "data": f"{{... {schema} ...}}"}
    if message.get("channel") != channel:
        raise CheckFailed(f"{what} names channel {message.get('channel')!r}, not {channel}", expected=shape, observed=message)
    data = message.get("data")
    if not isinstance(data, dict):
        raise CheckFailed(f"{what}: data is not an object", expected=shape, observed=message)
    problems = schemas.errors(schema, data)
    if problems:
        raise CheckFailed(f"{what}: data is not a {schema} ({problems[0]})", expected=shape, observed={"message": message, "problems": problems[:10]})
    return delivery
