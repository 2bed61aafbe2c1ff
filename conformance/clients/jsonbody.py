"""Strict JSON parsing of bytes received from a target: every defect becomes a message."""

from __future__ import annotations

import json
from typing import Any


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_json(body: bytes) -> tuple[Any, str | None]:
    """(value, None) for a valid JSON document, else (None, why it is not one).

    Stricter than `json.loads`: NaN/Infinity, a byte-order mark and invalid UTF-8 are refused,
    because a conforming server sends none of them.
    """
    if not body.strip():
        return None, "empty body"
    if body.startswith(b"\xef\xbb\xbf"):
        return None, "body starts with a UTF-8 byte-order mark"
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"body is not valid UTF-8 ({exc.reason} at byte {exc.start})"
    try:
        return json.loads(text, parse_constant=_refuse_constant), None
    except json.JSONDecodeError as exc:
        return None, f"body is not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
    except ValueError as exc:
        return None, f"body is not JSON ({exc})"
    except RecursionError:
        return None, "body is not usable JSON (nested too deeply)"


def snippet(body: bytes, limit: int = 200) -> str:
    """A short printable excerpt of a body, for one-line messages."""
    text = body[:limit].decode("utf-8", errors="replace")
    return text + ("..." if len(body) > limit else "")
