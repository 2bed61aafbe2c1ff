"""Secrets never reach reports or logs: Authorization, cookies, passwords."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

REDACTED = "[redacted]"
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
_BASIC = re.compile(r"(?i)(basic|bearer)\s+[A-Za-z0-9+/=._~-]+")

# Extra secret strings (passwords from the profile) registered at run start.
_known_secrets: set[str] = set()


def register_secrets(values: Iterable[str]) -> None:
    _known_secrets.update(v for v in values if v and len(v) >= 3)


def redact_headers(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> dict[str, str]:
    items = headers.items() if isinstance(headers, Mapping) else headers
    return {k: (REDACTED if k.lower() in SECRET_HEADERS else redact_text(v)) for k, v in items}


def redact_text(text: str) -> str:
    text = _BASIC.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    for secret in sorted(_known_secrets, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text
