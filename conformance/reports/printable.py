"""Target text made harmless to show: control characters become visible escapes.

A target controls much of what the reports show (bodies, headers, messages quoting them).
An ESC sequence would repaint the reader's terminal, a NUL truncate a viewer, a bidi
override reorder a line. Every human-readable output (console, Markdown, HTML, JUnit)
passes target text through `printable`; report.json keeps it faithful (JSON escapes it).
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls; bidi embeddings, overrides, isolates;
# line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character shown as \\x1b, \\x00, \\u202e...; newlines and tabs kept."""
    return _UNSAFE.sub(_escape, text)
