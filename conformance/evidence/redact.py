"""One redaction rule for every secret, applied wherever a string leaves the process.

Secrets are: the userinfo of any URL (`https://user:password@host`), Authorization and
Cookie headers, Basic/Bearer tokens, cookie values the target set (session tokens) and the
profile's passwords. Each is replaced by REDACTED.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Mapping
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import quote

REDACTED = "[redacted]"
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
_BASIC = re.compile(r"(?i)(basic|bearer)\s+[A-Za-z0-9+/=._~-]+")
# Target text can be long runs of name characters (fuzzed values): every pattern here is
# linear, its repetitions bounded or possessive, so that redacting never backtracks.
# scheme://userinfo@host: the userinfo is what precedes the last "@" of the authority (a
# password may hold an unencoded "@"); backtracking stays within one authority.
_URL_USERINFO = re.compile(r"(?i)(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,30}+://)[^/?#\s\"'<>]*@")
# A cookie pair in text (a Cookie header copied into a message, a reproduction): a value
# whose name says session, sid or token.
_COOKIE_PAIR = re.compile(r"(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{1,64}+=)(?!\[redacted\])([^;,\s\"'&<>]{6,}+)")
_SESSION_NAME = re.compile(r"(?i)session|sess|sid|token")
# Shorter values (a cookie "lang=en") would blank ordinary words everywhere.
_MIN_SECRET = 3
_MIN_COOKIE_VALUE = 8

# Secret strings known at run time: profile passwords and URL userinfo, cookie values the
# target set. Process-wide: the clients register what they meet, the writers redact it.
_known_secrets: set[str] = set()
_ordered: list[str] = []


def register_secrets(values: Iterable[str]) -> None:
    added = False
    for value in values:
        if not value or len(value) < _MIN_SECRET:
            continue
        for form in (value, quote(value, safe=""), base64.b64encode(value.encode()).decode()):
            if form not in _known_secrets:
                _known_secrets.add(form)
                added = True
    if added:
        _ordered[:] = sorted(_known_secrets, key=len, reverse=True)


def register_set_cookies(headers: Iterable[tuple[str, str]]) -> None:
    """Every cookie value a target sets is a session token: redact it from then on."""
    values = []
    for name, value in headers:
        if name.lower() != "set-cookie":
            continue
        try:
            jar = SimpleCookie(value)
        except CookieError:
            first = value.split(";", 1)[0]
            values.append(first.partition("=")[2].strip())
            continue
        values.extend(morsel.value for morsel in jar.values())
    register_secrets(v for v in values if len(v) >= _MIN_COOKIE_VALUE)


def credentials_token(username: str, password: str) -> str:
    """The Basic token of user:password (itself a secret to redact)."""
    return base64.b64encode(f"{username}:{password}".encode()).decode()


def redact_headers(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> dict[str, str]:
    items = headers.items() if isinstance(headers, Mapping) else headers
    return {k: (REDACTED if k.lower() in SECRET_HEADERS else redact_text(v)) for k, v in items}


def redact_text(text: str) -> str:
    text = _URL_USERINFO.sub(lambda m: f"{m.group(1)}{REDACTED}@", text)
    text = _BASIC.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    text = _COOKIE_PAIR.sub(_redact_session_cookie, text)
    for secret in _ordered:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


def _redact_session_cookie(pair: re.Match[str]) -> str:
    return f"{pair.group(1)}{REDACTED}" if _SESSION_NAME.search(pair.group(1)) else pair.group(0)


def redact_value(value: Any) -> Any:
    """`value` with every string in it (keys too) redacted: for JSON-like structures."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, list | tuple):
        return [redact_value(v) for v in value]
    if isinstance(value, dict):
        return {redact_value(k) if isinstance(k, str) else k: redact_value(v) for k, v in value.items()}
    return value
