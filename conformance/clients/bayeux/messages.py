"""Building the Bayeux messages we send, and reading the fields of those we receive."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from conformance.clients.bayeux.channels import is_meta
from conformance.clients.outgoing import schema_exists, validate_outgoing

HANDSHAKE = "/meta/handshake"
CONNECT = "/meta/connect"
SUBSCRIBE = "/meta/subscribe"
UNSUBSCRIBE = "/meta/unsubscribe"
DISCONNECT = "/meta/disconnect"
VERSION = "1.0"


class MessageIds:
    """Message ids as CometD JS sends them: strings from a counter."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def next(self) -> str:
        return str(next(self._counter))


def handshake(message_id: str, connection_types: Sequence[str], *, ext: dict[str, Any] | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {
        "channel": HANDSHAKE,
        "version": VERSION,
        "minimumVersion": VERSION,
        "supportedConnectionTypes": list(connection_types),
        "id": message_id,
    }
    if ext is not None:
        message["ext"] = ext
    return message


def connect(message_id: str, client_id: str, connection_type: str, *, advice: dict[str, Any] | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"channel": CONNECT, "clientId": client_id, "connectionType": connection_type, "id": message_id}
    if advice is not None:
        message["advice"] = advice
    return message


def subscribe(message_id: str, client_id: str, subscription: str | list[str]) -> dict[str, Any]:
    return {"channel": SUBSCRIBE, "clientId": client_id, "subscription": subscription, "id": message_id}


def unsubscribe(message_id: str, client_id: str, subscription: str | list[str]) -> dict[str, Any]:
    return {"channel": UNSUBSCRIBE, "clientId": client_id, "subscription": subscription, "id": message_id}


def disconnect(message_id: str, client_id: str) -> dict[str, Any]:
    return {"channel": DISCONNECT, "clientId": client_id, "id": message_id}


def id_key(value: object) -> str | None:
    """A message id as a comparable string: ids may come back as numbers (7 or 7.0 for "7")."""
    if value is None or isinstance(value, (bool, dict, list)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def validate_batch(messages: Sequence[Any]) -> None:
    """Check each message we are about to send against `bayeux-message` and its request schema.

    Raises HarnessError; schemas not written yet are skipped.
    """
    for message in messages:
        validate_outgoing("bayeux-message", message)
        channel = message.get("channel") if isinstance(message, dict) else None
        if is_meta(channel):
            name = f"bayeux-{channel.removeprefix('/meta/')}-request"
            if schema_exists(name):
                validate_outgoing(name, message)


@dataclass(frozen=True)
class BayeuxError:
    """A Bayeux `error` string, `code:args:message` (https://docs.cometd.org/current/reference/#_bayeux_message_fields)."""

    raw: str
    code: int | None  # None when the string does not start with a three-digit code
    args: tuple[str, ...]
    message: str

    @property
    def code_class(self) -> int | None:
        """400 for 402, 403, ...: checks assert the class, never the text."""
        return None if self.code is None else self.code // 100 * 100


_ERROR = re.compile(r"(\d{3}):([^:]*):(.*)", re.DOTALL)


def parse_error(value: object) -> BayeuxError | None:
    """The parsed `error` field, or None when absent; a malformed string keeps code None."""
    if value is None:
        return None
    text = value if isinstance(value, str) else repr(value)
    match = _ERROR.fullmatch(text) if isinstance(value, str) else None
    if match is None:
        return BayeuxError(text, None, (), text)
    args = tuple(a for a in match.group(2).split(",")) if match.group(2) else ()
    return BayeuxError(text, int(match.group(1)), args, match.group(3))


def reply_error(reply: dict[str, Any] | None) -> str:
    """A short description of why a meta reply is not a success, for failure notes."""
    if reply is None:
        return "no reply"
    if reply.get("successful") is True:
        return "successful"
    error = reply.get("error")
    if "successful" not in reply:
        return f"reply without 'successful' (error {error!r})"
    if reply.get("successful") is not False:
        return f"'successful' is {reply.get('successful')!r}, not a boolean"
    return str(error) if error is not None else "successful:false without error"
