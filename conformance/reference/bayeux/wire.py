"""Decoding Bayeux request bodies: JSON (array or single object) or form-encoded `message=`."""

from __future__ import annotations

import json
from urllib.parse import parse_qs


class BadRequest(Exception):
    """The body is not a Bayeux message batch; answered with HTTP 400 (or an error frame)."""


def _charset(content_type: str) -> str:
    for param in content_type.split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return "utf-8"


def _as_batch(value: object) -> list[object]:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return [value]
    raise BadRequest("the body must be a message object or an array of messages")


def _loads(text: str) -> object:
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise BadRequest(f"malformed JSON: {exc}") from None


def decode_body(body: bytes, content_type: str) -> list[object]:
    """The messages of one long-polling POST.

    `application/x-www-form-urlencoded`: one or more `message=` parameters, each a message or
    an array of messages. Anything else is read as JSON in the declared charset (UTF-8 by
    default), so `application/json;charset=UTF-8` and a missing content type both work.
    """
    media_type = content_type.split(";")[0].strip().lower()
    try:
        text = body.decode(_charset(content_type))
    except (LookupError, UnicodeDecodeError) as exc:
        raise BadRequest(f"cannot decode the body: {exc}") from None
    if media_type == "application/x-www-form-urlencoded":
        params = parse_qs(text, keep_blank_values=True).get("message")
        if not params:
            raise BadRequest("a form-encoded body needs a message= parameter")
        messages: list[object] = []
        for param in params:
            messages.extend(_as_batch(_loads(param)))
        return messages
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise BadRequest("empty body")
    return _as_batch(_loads(text))


def decode_frame(text: str) -> list[object]:
    """The messages of one WebSocket text frame."""
    return _as_batch(_loads(text))
