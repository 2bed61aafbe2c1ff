"""Judging the quote Reply and ReplyAll put in the new email's body (quoteOriginal).

The sentence names the body: the `body` field (HTML) is judged, never bodyAsPlainText in its
place, whatever the plain-text rendering holds.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from conformance.errors import CheckFailed


def _html_text(body: object) -> str:
    """The text of an HTML body, each tag read as a line break, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "\n", body)) if isinstance(body, str) else ""


def original_lines(resource: Mapping[str, Any], fallback: str) -> list[str]:
    """The non-blank lines of an inbound email's text: bodyAsPlainText, else its body's text, else `fallback`."""
    plain = resource.get("bodyAsPlainText")
    text = plain if isinstance(plain, str) and plain.strip() else _html_text(resource.get("body"))
    return [line.strip() for line in text.splitlines() if line.strip()] or [fallback]


def reply_quote(resource: Mapping[str, Any], original: list[str], *, quoting: bool, start_line: str, indent: str, where: str) -> None:
    """With `quoting`, the body holds `start_line` and every original line prefixed by `indent`;
    without, the body does not hold the original text."""
    lines = _html_text(resource.get("body")).splitlines()
    observed = {"body": resource.get("body")}
    if not quoting:
        if any(original[0] in line for line in lines):
            raise CheckFailed(f"with quoteOriginal false {where}'s body holds the original text", expected="no quote in body", observed=observed)
        return
    missing = [line for line in original if not any(t.lstrip().startswith(indent) and line in t for t in lines)]
    if not any(start_line in line for line in lines) or missing:
        raise CheckFailed(
            f"with quoteOriginal true {where}'s body does not quote the original",
            expected={"body": [start_line, *(f"{indent}{line}" for line in original)]},
            observed=observed,
        )
