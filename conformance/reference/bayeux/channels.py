"""Bayeux channel names: validation and wildcard matching, by the Channels and Channel Globbing rules of
https://docs.cometd.org/current/reference/#_bayeux_protocol_elements"""

from __future__ import annotations

import re

# Segment characters: alphanumerics and `- _ ! ~ ( ) $ @` (Bayeux), plus the extra ones CometD 3
# accepts (space, `# + . { }`). `*` is allowed only as a whole last segment (`*` or `**`).
_SEGMENT = re.compile(r"[A-Za-z0-9\-_!~()$@ #+.{}]+")


def channel_error(name: object, *, wildcard_ok: bool) -> str | None:
    """None when `name` is a valid channel (or pattern, if `wildcard_ok`); else the reason."""
    if not isinstance(name, str):
        return "not a string"
    if not name.startswith("/") or name == "/":
        return "must start with / and name at least one segment"
    segments = name[1:].split("/")
    for index, segment in enumerate(segments):
        if segment in ("*", "**"):
            if not wildcard_ok:
                return "wildcards are for subscribing only"
            if index != len(segments) - 1:
                return "a wildcard may only be the last segment"
            continue
        if not _SEGMENT.fullmatch(segment):
            return f"invalid segment {segment!r}"
    return None


def is_meta(name: str) -> bool:
    return name == "/meta" or name.startswith("/meta/")


def is_service(name: str) -> bool:
    return name == "/service" or name.startswith("/service/")


def is_wildcard(name: str) -> bool:
    return name.endswith("/*") or name.endswith("/**")


def has_inner_wildcard(name: str) -> bool:
    """`/foo/*/bar`, `/**/foo`: a wildcard segment before the last one (an invalid pattern)."""
    return any(segment in ("*", "**") for segment in name[1:].split("/")[:-1])


def matches(
    pattern: str, channel: str, *, star_is_deep: bool = False, parent_too: bool = False, loose_prefix: bool = False
) -> bool:
    """Does subscription `pattern` match the (non-wildcard) `channel`?

    `/foo/*` matches exactly one further segment; `/foo/**` one or more; `/**` everything.
    `star_is_deep` is the fault `bayeux-wildcard-star-matches-deep`: `/*` acts like `/**`;
    `parent_too` the fault `bayeux-wildcard-matches-parent`: `/foo/*` and `/foo/**` match `/foo`;
    `loose_prefix` the fault `bayeux-wildcard-matches-prefix`: `/foo/*` matches `/foobar`.
    """
    if is_wildcard(pattern):
        stem = pattern[: pattern.rindex("/")]  # "/foo" ("" for "/**")
        if parent_too and channel == stem:
            return True
        rest = channel[len(stem) :]
        if loose_prefix and stem and channel.startswith(stem) and rest and not rest.startswith("/"):
            return pattern.endswith("/**") or "/" not in rest
    if pattern.endswith("/**") or (star_is_deep and pattern.endswith("/*")):
        prefix = pattern[: pattern.rindex("/") + 1]  # "/foo/" (or "/" for "/**")
        return channel.startswith(prefix) and len(channel) > len(prefix)
    if pattern.endswith("/*"):
        prefix = pattern[:-1]
        rest = channel[len(prefix) :]
        return channel.startswith(prefix) and rest != "" and "/" not in rest
    return pattern == channel
