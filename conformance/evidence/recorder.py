"""A per-check recorder that the clients write into and the reports read from.

Clients are shared across checks (an agent's Bayeux session lives for the whole run), so
they do not hold a recorder: they write into whichever recorder is current, which the
pytest plugin swaps at the start of every check.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from conformance.email_resource import email_in
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
        self.emails: set[str] = set()  # the emails this check sent requests about
        self.tokens: set[str] = set()  # the subject tokens of the emails injected for it

    @property
    def current_name(self) -> str:
        """The name of the check whose events this records."""
        return self.name

    def _add(self, at: float, kind: str, actor: str, summary: str, detail: dict[str, Any]) -> None:
        """Record an event that happened at `at` (time.monotonic())."""
        self.events.append(Event(at - self.started, kind, actor, summary, detail))

    def note(self, actor: str, text: str, detail: dict[str, Any] | None = None) -> None:
        self._add(time.monotonic(), "note", actor, redact_text(text), _redact_json(detail or {}))

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
        about = _EMAIL_IN_PATH.search(urlsplit(url).path)
        if about is not None:
            self.emails.add(unquote(about["id"]))
        error = redact_text(error) if error is not None else None
        outcome = f"-> {status}" if status is not None else f"-> {error}"
        self._add(
            time.monotonic() - elapsed,
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
        self.timing(_timing_name(request_body), elapsed)

    def bayeux(self, actor: str, direction: str, transport: str, messages: list[dict[str, Any]]) -> None:
        channels = ", ".join(str(m.get("channel")) for m in messages[:4]) + (" ..." if len(messages) > 4 else "")
        arrow = "->" if direction == "out" else "<-"
        self._add(time.monotonic(), f"bayeux-{direction}", actor, f"{arrow} [{transport}] {channels}", {"messages": _redact_json(messages)})

    def include(self, other: Recorder) -> None:
        """Copy another recorder's events onto this timeline (earlier ones get negative times)."""
        shift = other.started - self.started
        self.events.extend(Event(e.at + shift, e.kind, e.actor, e.summary, e.detail) for e in other.events)

    def timing(self, name: str, seconds: float) -> None:
        self.timings.setdefault(name, []).append(seconds)

    def as_list(self) -> list[dict[str, Any]]:
        return [e.as_dict() for e in sorted(self.events, key=lambda e: e.at)]


_EMAIL_IN_PATH = re.compile(r"/api/v2/me/emails/(?P<id>[^/?#]+)")


def _messages_of(kind: str, detail: dict[str, Any]) -> list[Any] | None:
    """The Bayeux messages an event carries: those received, or the body of an HTTP answer."""
    if kind == "bayeux-in":
        messages = detail.get("messages")
    elif kind == "http" and isinstance(detail.get("response_body"), str):
        try:
            messages = json.loads(detail["response_body"])
        except ValueError:
            return None
    else:
        return None
    return messages if isinstance(messages, list) else None


def _email_of(message: object) -> dict[str, Any] | None:
    return email_in(message.get("data")) if isinstance(message, dict) else None


def _concerns(recorder: Recorder, email: dict[str, Any]) -> bool:
    subject = email.get("subject")
    return email.get("id") in recorder.emails or (isinstance(subject, str) and any(token in subject for token in recorder.tokens))


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


class SharedRecorder(Recorder):
    """What the run's shared machinery records while checks run concurrently (an agent's
    long-lived Bayeux session hears every check's notifications): every check in flight gets
    a copy, as a serial check gets everything that happens while it runs."""

    def __init__(self) -> None:
        super().__init__("(checks running concurrently)")
        self.active: list[Recorder] = []

    def _add(self, at: float, kind: str, actor: str, summary: str, detail: dict[str, Any]) -> None:
        # Sorting out who an event concerns reads its messages (an HTTP answer's body is parsed
        # again): worth it only when there is a choice.
        for recorder in self._concerned(_messages_of(kind, detail)) if len(self.active) > 1 else self.active:
            recorder._add(at, kind, actor, summary, detail)

    def _concerned(self, messages: list[Any] | None) -> list[Recorder]:
        """Who gets an event: the checks whose emails the Bayeux messages it carries are about,
        when each of its email notifications is about one (by its id, or the token in its
        subject); else every check in flight."""
        emails = [email for email in map(_email_of, messages or []) if email is not None]
        concerned: list[Recorder] = []
        for email in emails:
            owners = [r for r in self.active if _concerns(r, email)]
            if not owners:
                return self.active
            concerned += [r for r in owners if r not in concerned]
        return concerned or self.active

    def timing(self, name: str, seconds: float) -> None:
        for recorder in self.active:
            recorder.timing(name, seconds)

    @property
    def current_name(self) -> str:
        """The check in flight, when there is one; else what this recorder is."""
        return self.active[0].name if len(self.active) == 1 else self.name


_current: Recorder = Recorder("(outside any check)")
# The recorder of the check whose task this is, when checks run concurrently (or of an agent's
# setup); None: the process-wide one above.
_task_recorder: contextvars.ContextVar[Recorder | None] = contextvars.ContextVar("gws_task_recorder", default=None)


def current_recorder() -> Recorder:
    return _task_recorder.get() or _current


def use_recorder(recorder: Recorder) -> Recorder:
    """Make `recorder` the process-wide current one; returns the previous one."""
    global _current
    previous, _current = _current, recorder
    return previous


@contextlib.contextmanager
def recording_into(recorder: Recorder) -> Iterator[None]:
    """Within this block, the current task (and the tasks it starts) records into `recorder`."""
    token = _task_recorder.set(recorder)
    try:
        yield
    finally:
        _task_recorder.reset(token)


def shared_context() -> contextvars.Context:
    """A context for a background task that outlives the check that started it (an agent's
    connect loop): it records into the process-wide recorder, not into that check's."""
    context = contextvars.copy_context()
    context.run(_task_recorder.set, None)
    return context
