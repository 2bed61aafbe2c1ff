"""Reading a check's evidence timeline: the check body's start, REST exchanges, deliveries.

The evidence of a check mixes what its fixtures did (agent setup, the invitation) with what
the check itself did. The plugin writes one note (CALL_MARK) when the check body starts; the
events after it are the stimulus. Long-polling CometD traffic is recorded as HTTP exchanges
too, so "REST exchange" means an HTTP exchange not addressed to the target's CometD URL.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

CALL_MARK_ACTOR = "suite"
CALL_MARK = "check body starts"

Event = dict[str, Any]

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_OPERATION_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")


def is_call_mark(event: Event) -> bool:
    return event.get("kind") == "note" and event.get("actor") == CALL_MARK_ACTOR and event.get("summary") == CALL_MARK


def call_phase(evidence: list[Event]) -> list[Event] | None:
    """The events after the check body started, or None when the check never reached its body."""
    for index, event in enumerate(evidence):
        if is_call_mark(event):
            return evidence[index + 1 :]
    return None


def _location(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return (parts.hostname or "").lower() + (f":{parts.port}" if parts.port else ""), parts.path.rstrip("/")


def is_cometd_url(url: str, cometd_url: str) -> bool:
    host, path = _location(url)
    cometd_host, cometd_path = _location(cometd_url)
    return host == cometd_host and (path == cometd_path or path.startswith(cometd_path + "/"))


def is_http(event: Event) -> bool:
    return event.get("kind") == "http" and isinstance(event.get("detail"), dict)


def is_rest_exchange(event: Event, cometd_url: str) -> bool:
    return is_http(event) and not is_cometd_url(str(event["detail"].get("url", "")), cometd_url)


def delivered_messages(event: Event) -> list[dict[str, Any]]:
    """The data messages (not /meta/ replies) a bayeux-in event carries."""
    if event.get("kind") != "bayeux-in":
        return []
    messages = event.get("detail", {}).get("messages", [])
    return [
        m
        for m in messages
        if isinstance(m, dict) and isinstance(m.get("channel"), str) and not m["channel"].startswith("/meta/") and "data" in m
    ]


def is_delivery(event: Event) -> bool:
    return bool(delivered_messages(event))


def elapsed_ms(event: Event) -> float | None:
    value = event.get("detail", {}).get("elapsed_ms")
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def path_template(url: str) -> str:
    """The URL's path with identifiers replaced by {id}: /api/v2/me/emails/{id}."""
    segments = []
    for segment in urlsplit(url).path.split("/"):
        looks_like_id = segment.isdigit() or _UUID.match(segment) or (len(segment) >= 8 and any(c.isdigit() for c in segment))
        segments.append("{id}" if looks_like_id else segment)
    return "/".join(segments) or "/"


def operation_name(event: Event) -> str | None:
    """operationName of a JSON request body, when it has a plausible one."""
    body = event.get("detail", {}).get("request_body")
    if not isinstance(body, str) or "operationName" not in body:
        return None
    try:
        value = json.loads(body)
    except ValueError:
        return None
    name = value.get("operationName") if isinstance(value, dict) else None
    return name if isinstance(name, str) and _OPERATION_NAME.match(name) else None


def operation_of(event: Event) -> str:
    """A stable name for what an HTTP exchange did, e.g. 'POST /api/v2/me/emails/{id} Accept'."""
    detail = event.get("detail", {})
    method = str(detail.get("method", "?"))[:16]
    name = operation_name(event)
    return f"{method} {path_template(str(detail.get('url', '')))}" + (f" {name}" if name else "")
