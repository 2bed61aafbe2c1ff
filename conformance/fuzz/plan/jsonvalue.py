"""JSON values as the fuzzer builds and sends them: normalised strings, exact bytes on the wire."""

from __future__ import annotations

import json
from typing import Any

# What a generated body may be: a JSON value, or raw bytes (schemathesis sends those in
# negative mode to stand for "not JSON at all").
Body = Any


def _normalise_text(text: str) -> str:
    # Hypothesis builds str from code points, so an astral character can come out as two
    # surrogate halves; joining them gives the character JSON would carry. Lone halves stay.
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace") if _has_surrogate(text) else text


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


def normalise(value: Body) -> Body:
    """The same JSON value with surrogate pairs joined (bytes are left as they are)."""
    if isinstance(value, str):
        return _normalise_text(value)
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, dict):
        return {normalise(k): normalise(v) for k, v in value.items()}
    return value


def has_lone_surrogate(value: Body) -> bool:
    """A string no valid UTF-8 text can carry (RFC 8259 8.2: its meaning is unpredictable)."""
    if isinstance(value, str):
        return _has_surrogate(value)
    if isinstance(value, list):
        return any(has_lone_surrogate(v) for v in value)
    if isinstance(value, dict):
        return any(has_lone_surrogate(k) or has_lone_surrogate(v) for k, v in value.items())
    return False


def encode(value: Body) -> bytes:
    """The bytes to send: UTF-8 JSON; escapes only where UTF-8 cannot carry a string (lone
    surrogates), and NaN/Infinity written as Python writes them (a negative case, never valid)."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    ascii_only = has_lone_surrogate(value)
    return json.dumps(value, ensure_ascii=ascii_only, allow_nan=True).encode("utf-8")


def is_json_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
