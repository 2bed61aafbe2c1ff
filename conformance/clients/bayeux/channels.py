"""Bayeux channel names and wildcard patterns: the Channels and Channel Globbing rules of
https://docs.cometd.org/current/reference/#_bayeux_protocol_elements"""

from __future__ import annotations

import string
from typing import TypeGuard

# Bayeux 1.0 segment characters; CometD 3 additionally accepts space and # * + . { }.
_BAYEUX_CHARS = frozenset(string.ascii_letters + string.digits + "-_!~()$@")
_COMETD_EXTRA = frozenset(" #*+.{}")


def _segments(name: str) -> list[str] | None:
    if not isinstance(name, str) or not name.startswith("/") or len(name) < 2:
        return None
    return name[1:].split("/")


def is_wildcard(name: str) -> bool:
    return isinstance(name, str) and (name.endswith("/*") or name.endswith("/**"))


def is_valid_channel(name: str, *, allow_wildcard: bool = False, lenient: bool = False) -> bool:
    """Whether `name` is a channel name (a pattern too with `allow_wildcard`).

    Wildcards (`*`, `**`) are valid only as the whole last segment. `lenient` also accepts
    the extra characters CometD 3 allows.
    """
    segments = _segments(name)
    if segments is None:
        return False
    allowed = _BAYEUX_CHARS | _COMETD_EXTRA if lenient else _BAYEUX_CHARS
    for position, segment in enumerate(segments):
        if segment in ("*", "**"):
            if not allow_wildcard or position != len(segments) - 1:
                return False
            continue
        if not segment or not set(segment) <= allowed:
            return False
    return True


def channel_matches(pattern: str, channel: str) -> bool:
    """Whether a subscription `pattern` covers `channel`.

    `/foo/*` matches exactly one more segment, `/foo/**` one or more, `/**` everything; a
    pattern without wildcard matches only itself. Invalid names never match.
    """
    if not is_valid_channel(channel, lenient=True) or not is_valid_channel(pattern, allow_wildcard=True, lenient=True):
        return False
    if not is_wildcard(pattern):
        return pattern == channel
    wanted, _, wildcard = pattern.rpartition("/")
    prefix = _segments(wanted) or []  # None for "" (a top-level wildcard)
    segments = _segments(channel) or []
    if segments[: len(prefix)] != prefix:
        return False
    extra = len(segments) - len(prefix)
    return extra == 1 if wildcard == "*" else extra >= 1


def is_meta(channel: object) -> TypeGuard[str]:
    return isinstance(channel, str) and channel.startswith("/meta/")


def is_service(channel: object) -> TypeGuard[str]:
    return isinstance(channel, str) and channel.startswith("/service/")
