"""The Bayeux wire layer: send a batch, get back every message of the answer, unfiltered.

Protocol checks judge meta replies through it. Nothing is trusted: a body that is not a
JSON array of objects, a transport failure or an HTTP error all come back as a WireReply
whose `error`/`problems` say what was wrong, next to whatever could be parsed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from conformance.clients.bayeux.channels import is_meta
from conformance.clients.bayeux.messages import id_key, reply_error, validate_batch
from conformance.clients.http import exchange
from conformance.clients.jsonbody import parse_json, snippet
from conformance.errors import HarnessError
from conformance.evidence import current_recorder


@dataclass
class WireReply:
    status: int | None  # HTTP status (None over websocket or when no answer arrived)
    headers: dict[str, str]
    messages: list[dict[str, Any]]  # only the object items of the answer, in arrival order
    raw: bytes
    elapsed: float
    error: str | None  # transport failure, HTTP error, or "body is not a JSON array/object: ..."
    problems: list[str] = field(default_factory=list)  # deviations that did not stop parsing
    started: float = 0.0  # time.monotonic() when the batch was sent

    def reply_to(self, message_id: object, channel: str | None = None) -> dict[str, Any] | None:
        """The reply carrying `message_id` (ids compared as given and as strings), never by position.

        With `channel`, a reply on that channel is preferred over another message that happens
        to carry the same id.
        """
        candidates = [m for m in self.messages if _same_id(m.get("id"), message_id)]
        if channel is not None:
            on_channel = [m for m in candidates if m.get("channel") == channel]
            candidates = on_channel or candidates
        return candidates[0] if candidates else None

    @property
    def unanswered(self) -> bool:
        """Nothing came back: no HTTP answer (refused, timeout, reset) and no message."""
        return self.status is None and not self.messages and self.error is not None

    @property
    def refused_by_http(self) -> bool:
        """Refused at the HTTP level: a 4xx status."""
        return self.status is not None and 400 <= self.status < 500

    def by_channel(self, channel: str) -> list[dict[str, Any]]:
        return [m for m in self.messages if m.get("channel") == channel]

    @property
    def meta(self) -> list[dict[str, Any]]:
        return [m for m in self.messages if is_meta(m.get("channel"))]

    @property
    def deliveries(self) -> list[dict[str, Any]]:
        """Every non-meta message (events, and acknowledgements of publishes)."""
        return [m for m in self.messages if not is_meta(m.get("channel"))]


def why_meta_failed(reply: WireReply, answer: dict[str, Any] | None, channel: str) -> str:
    """Why a Bayeux meta exchange failed: the transport error, the reply's error, or what came
    instead of a reply."""
    if reply.error:
        return reply.error
    if answer is not None:
        if answer.get("successful") is True and channel == "/meta/handshake" and not isinstance(answer.get("clientId"), str):
            client_id = answer.get("clientId")
            return "successful, but without a clientId" if client_id is None else f"successful, but its clientId is {client_id!r}"
        return reply_error(answer)
    status = f"HTTP {reply.status}" if reply.status is not None else "over websocket"
    channels = ", ".join(str(m.get("channel")) for m in reply.messages[:3]) or "no message"
    return f"no reply on {channel} ({status}, {len(reply.messages)} message(s): {channels}; body {snippet(reply.raw, 120)!r})"


def _same_id(candidate: object, wanted: object) -> bool:
    key = id_key(candidate)
    return key is not None and (candidate == wanted or key == id_key(wanted))


NOT_AN_ARRAY = "answer is a single JSON object, not an array"  # the problem BAYEUX-MESSAGE-02/-03 judge


def parse_batch(raw: bytes) -> tuple[list[dict[str, Any]], str | None, list[str]]:
    """(messages, error, problems) of one HTTP body or WebSocket frame."""
    value, json_error = parse_json(raw)
    if json_error is not None:
        return [], f"body is not a JSON array/object: {json_error}", []
    if isinstance(value, dict):
        return [value], None, [f"{NOT_AN_ARRAY} (Bayeux: SHOULD be an array)"]
    if not isinstance(value, list):
        return [], f"body is not a JSON array/object: a JSON {type(value).__name__}: {snippet(raw, 80)!r}", []
    messages: list[dict[str, Any]] = []
    problems: list[str] = []
    for index, item in enumerate(value):
        if isinstance(item, dict):
            messages.append(item)
        else:
            problems.append(f"item {index} of the answer is a JSON {type(item).__name__}, not an object: {json.dumps(item)[:80]}")
    if not value:
        problems.append("answer is an empty array")
    return messages, None, problems


def encode_batch(messages: Sequence[Any], *, allow_nan: bool = False) -> bytes:
    try:
        return json.dumps(list(messages), ensure_ascii=False, allow_nan=allow_nan).encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise HarnessError(f"harness built a Bayeux batch that is not JSON: {exc}") from None


def check_batch(actor: str, messages: Sequence[Any], deliberately_invalid: bool) -> None:
    """Our schema check of an outgoing batch, or a note that it is deliberately off-spec."""
    if deliberately_invalid:
        current_recorder().note(actor, "deliberately malformed Bayeux batch follows (not checked against our schemas)")
    else:
        validate_batch(messages)


class LongPollingWire:
    """Bayeux over HTTP long-polling: one POST per batch, on the agent's shared httpx client."""

    transport = "long-polling"

    def __init__(self, http: httpx.AsyncClient, url: str, *, actor: str, append_message_type: bool = False) -> None:
        self.http = http
        self.url = url
        self.actor = actor
        self.append_message_type = append_message_type

    def url_for(self, messages: Sequence[Any]) -> str:
        """CometD clients POST a lone meta message to `<url>/<type>` (appendMessageTypeToURL)."""
        if self.append_message_type and len(messages) == 1 and isinstance(messages[0], dict):
            channel = messages[0].get("channel")
            if is_meta(channel):
                return f"{self.url.rstrip('/')}/{channel.removeprefix('/meta/')}"
        return self.url

    async def send(self, messages: Sequence[Any], *, timeout: float, deliberately_invalid: bool = False) -> WireReply:
        """POST the batch as a JSON array and read the answer within `timeout` seconds."""
        check_batch(self.actor, messages, deliberately_invalid)
        current_recorder().bayeux(self.actor, "out", self.transport, [m for m in messages if isinstance(m, dict)])
        body = encode_batch(messages, allow_nan=deliberately_invalid)
        return await self._post(self.url_for(messages), body, "application/json;charset=UTF-8", timeout)

    async def send_raw(self, content: bytes, *, timeout: float, content_type: str = "application/json;charset=UTF-8") -> WireReply:
        """POST arbitrary bytes (garbage, form-encoded `message=`): for negative checks."""
        current_recorder().note(self.actor, f"raw Bayeux body follows ({len(content)} bytes, {content_type})")
        return await self._post(self.url, content, content_type, timeout)

    async def _post(self, url: str, body: bytes, content_type: str, timeout: float) -> WireReply:
        outcome = await exchange(
            self.http, "POST", url, actor=self.actor, content=body, headers={"Content-Type": content_type}, timeout=timeout
        )
        if outcome.error is not None and outcome.status is None:
            return WireReply(None, {}, [], outcome.body, outcome.elapsed, outcome.error, [], outcome.started)
        messages, error, problems = parse_batch(outcome.body)
        if outcome.error is not None:
            error = outcome.error
        elif not 200 <= (outcome.status or 0) < 300:
            error = f"HTTP {outcome.status}" + (f": {error}" if error else "")
        reply = WireReply(outcome.status, outcome.headers, messages, outcome.body, outcome.elapsed, error, problems, outcome.started)
        if messages:
            current_recorder().bayeux(self.actor, "in", self.transport, messages)
        return reply
