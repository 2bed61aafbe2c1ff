"""A per-check recorder that the clients write into and the reports read from.

Clients are shared across checks (an agent's Bayeux session lives for the whole run), so
they do not hold a recorder: they write into whichever recorder is current, which the
pytest plugin swaps at the start of every check.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from conformance.evidence.redact import redact_headers, redact_text


@dataclass
class Event:
    at: float  # seconds since the check started (monotonic clock)
    kind: str  # "http" | "bayeux-out" | "bayeux-in" | "note"
    actor: str  # which agent / client, e.g. "agent1"
    summary: str  # one line for timelines
    detail: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"at": round(self.at, 6), "kind": self.kind, "actor": self.actor, "summary": self.summary, "detail": self.detail}


class Recorder:
    def __init__(self, name: str = "") -> None:
        self.name = name
        self.started = time.monotonic()
        self.events: list[Event] = []
        self.timings: dict[str, list[float]] = {}

    def _now(self) -> float:
        return time.monotonic() - self.started

    def note(self, actor: str, text: str, detail: dict[str, Any] | None = None) -> None:
        self.events.append(Event(self._now(), "note", actor, redact_text(text), _redact_json(detail or {})))

    def http(
        self,
        actor: str,
        method: str,
        url: str,
        request_headers: dict[str, str],
        request_body: bytes | None,
        status: int | None,
        response_headers: dict[str, str] | None,
        response_body: bytes | None,
        elapsed: float,
        error: str | None = None,
    ) -> None:
        url = redact_text(url)
        error = redact_text(error) if error is not None else None
        outcome = f"-> {status}" if status is not None else f"-> {error}"
        self.events.append(
            Event(
                self._now() - elapsed,
                "http",
                actor,
                f"{method} {url} {outcome} ({elapsed * 1000:.1f} ms)",
                {
                    "method": method,
                    "url": url,
                    "request_headers": redact_headers(request_headers),
                    "request_body": _text(request_body),
                    "status": status,
                    "response_headers": redact_headers(response_headers or {}),
                    "response_body": _text(response_body),
                    "elapsed_ms": round(elapsed * 1000, 3),
                    "error": error,
                },
            )
        )
        self.timing(_timing_name(request_body), elapsed)

    def bayeux(self, actor: str, direction: str, transport: str, messages: list[dict[str, Any]]) -> None:
        channels = ", ".join(str(m.get("channel")) for m in messages[:4]) + (" ..." if len(messages) > 4 else "")
        arrow = "->" if direction == "out" else "<-"
        self.events.append(
            Event(self._now(), f"bayeux-{direction}", actor, f"{arrow} [{transport}] {channels}", {"messages": _redact_json(messages)})
        )

    def include(self, other: Recorder) -> None:
        """Copy another recorder's events onto this timeline (earlier ones get negative times)."""
        shift = other.started - self.started
        self.events.extend(Event(e.at + shift, e.kind, e.actor, e.summary, e.detail) for e in other.events)

    def timing(self, name: str, seconds: float) -> None:
        self.timings.setdefault(name, []).append(seconds)

    def as_list(self) -> list[dict[str, Any]]:
        return [e.as_dict() for e in sorted(self.events, key=lambda e: e.at)]


def _timing_name(request_body: bytes | None) -> str:
    """Held /meta/connect polls run in the background for the whole run, concurrently with
    the checks: timing them as "http" would count the target's hold as time a check spent."""
    if request_body and b'"/meta/connect"' in request_body and b'"/meta/handshake"' not in request_body:
        return "bayeux_connect"
    return "http"


def _text(body: bytes | None, limit: int = 16_384) -> str | None:
    if body is None:
        return None
    text = body[:limit].decode("utf-8", errors="replace")
    return redact_text(text) + ("...[truncated]" if len(body) > limit else "")


def _redact_json(value: Any) -> Any:
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, list):
        return [_redact_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _redact_json(v) for k, v in value.items()}
    return value


_current = Recorder("(outside any check)")


def current_recorder() -> Recorder:
    return _current


def use_recorder(recorder: Recorder) -> Recorder:
    """Make `recorder` current; returns the previous one."""
    global _current
    previous, _current = _current, recorder
    return previous
