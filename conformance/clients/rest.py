"""GWS REST client: every answer comes back whole and typed, whatever the target sends.

Requests we build are checked against our own schemas first (a bad one is a HarnessError,
never sent); negative checks that must send a malformed request say so explicitly
(`deliberately_invalid=True`, or `raw(...)`), and the evidence records that they did.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx

from conformance.clients.http import exchange
from conformance.clients.jsonbody import parse_json, snippet
from conformance.clients.outgoing import validate_outgoing
from conformance.errors import HarnessError
from conformance.evidence import current_recorder
from conformance.harness import claims

ME = "/api/v2/me"
EMAILS = "/api/v2/me/emails"
CHANNELS = "/api/v2/me/channels"

# Which of our schemas governs the body of a POST to each route.
_REQUEST_SCHEMAS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"/api/v2/me/?"), "me-operation-request"),
    (re.compile(r"/api/v2/me/channels/[^/]+"), "channel-operation-request"),
    (re.compile(r"/api/v2/me/emails/?"), "email-create-request"),
    (re.compile(r"/api/v2/me/emails/[^/]+"), "email-operation-request"),
)

_UNSET: Any = object()


def request_schema(method: str, path: str) -> str | None:
    """The schema name for a request body sent with `method` to `path` (None: no body schema)."""
    if method.upper() != "POST":
        return None
    bare = path.split("?", 1)[0]
    return next((name for pattern, name in _REQUEST_SCHEMAS if pattern.fullmatch(bare)), None)


@dataclass
class RestReply:
    method: str
    url: str
    status: int | None  # None when no response head arrived (see `error`)
    headers: dict[str, str]  # lower-case names
    body: bytes
    json: Any | None
    json_error: str | None  # why a non-empty body is not JSON (None for an empty body)
    error: str | None  # transport failure: timeout, connect failed, reset, protocol error, too large
    elapsed: float
    started: float  # time.monotonic()
    request_body: bytes | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def status_code(self) -> int | None:
        """The body's `statusCode` when it is a JSON integer (not a string, not a boolean)."""
        value = self.json.get("statusCode") if isinstance(self.json, dict) else None
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def status_message(self) -> str | None:
        value = self.json.get("statusMessage") if isinstance(self.json, dict) else None
        return value if isinstance(value, str) else None

    @property
    def is_empty(self) -> bool:
        return not self.body.strip()

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    def outcome(self, what: str) -> str:
        """One line for a step's reason: the transport error, else HTTP status and statusCode."""
        if self.error:
            return f"{what}: {self.error}"
        code = f"statusCode {self.status_code}" if self.status_code is not None else "no integer statusCode"
        message = f" ({self.status_message!r})" if self.status_message else ""
        return f"{what}: HTTP {self.status}, {code}{message}"

    def observed(self, body_chars: int = 500) -> dict[str, Any]:
        """What came back, as a verdict's `observed` evidence shows it."""
        return {
            "status": self.status,
            "content_type": self.content_type,
            "error": self.error,
            "body": self.body[:body_chars].decode("utf-8", "replace"),
        }

    def summary(self) -> str:
        """One line for verdict messages: what came back."""
        head = f"HTTP {self.status}" if self.status is not None else "no HTTP answer"
        if self.error:
            head += f" ({self.error})"
        if self.is_empty:
            return f"{head}, empty body"
        if self.json_error:
            return f"{head}, {self.json_error}: {snippet(self.body, 120)!r}"
        return f"{head}, body {snippet(self.body, 200)}"


class GwsRestClient:
    def __init__(self, http: httpx.AsyncClient, actor: str, on_reply: Callable[[RestReply], None] | None = None) -> None:
        self.http = http
        self.actor = actor  # agent label in the evidence
        self.on_reply = on_reply  # told of every answer (the agent's ledger of owed notifications)

    # -- agent session ---------------------------------------------------------------
    async def get_me(self) -> RestReply:
        return await self.raw("GET", ME, validate=True)

    async def start_contact_center_session(self, channels: Sequence[str] = ("email",)) -> RestReply:
        return await self._post(ME, {"operationName": "StartContactCenterSession", "channels": list(channels)})

    async def end_contact_center_session(self) -> RestReply:
        return await self._post(ME, {"operationName": "EndContactCenterSession"})

    async def set_channel_state(self, channel: str = "email", operation: str = "Ready") -> RestReply:
        claims.require(claims.READY, f"posts {operation} on {self.actor}'s {channel} channel")
        return await self._post(f"{CHANNELS}/{_segment(channel)}", {"operationName": operation})

    # -- emails ----------------------------------------------------------------------
    async def list_emails(self, fields: str | None = "*") -> RestReply:
        # GWS returns bare URIs unless asked for the resources with fields=*.
        path = EMAILS if fields is None else f"{EMAILS}?fields={quote(fields, safe='*,')}"
        return await self.raw("GET", path, validate=True)

    async def get_email(self, email_id: str) -> RestReply:
        return await self.raw("GET", f"{EMAILS}/{_segment(email_id)}", validate=True)

    async def email_operation(
        self, email_id: str, operation_name: str | None, *, deliberately_invalid: bool = False, **params: Any
    ) -> RestReply:
        """POST /api/v2/me/emails/{id}; `operation_name=None` omits operationName (a negative check)."""
        body = dict(params) if operation_name is None else {"operationName": operation_name, **params}
        invalid = deliberately_invalid or operation_name is None
        return await self._post(f"{EMAILS}/{_segment(email_id)}", body, deliberately_invalid=invalid)

    async def create_email(self, *, deliberately_invalid: bool = False, **params: Any) -> RestReply:
        return await self._post(EMAILS, {"operationName": "Create", **params}, deliberately_invalid=deliberately_invalid)

    # -- anything --------------------------------------------------------------------
    async def raw(
        self,
        method: str,
        path: str,
        *,
        json: Any = _UNSET,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
        auth: bool = True,
        validate: bool = False,
        timeout: float | None = None,
    ) -> RestReply:
        """Send any request. `json` is serialised as given (NaN allowed: it is for negative checks).

        With `validate=True` a JSON body is checked against the route's request schema;
        otherwise a body-carrying request is noted in the evidence as deliberately malformed.
        `auth=False` sends neither Basic credentials nor cookies.
        """
        sent_headers = dict(headers or {})
        if json is not _UNSET:
            if content is not None:
                raise ValueError("pass either json or content, not both")
            schema = request_schema(method, path)
            if validate and schema is not None:
                validate_outgoing(schema, json)
            content = _dumps(json, allow_nan=not validate)
            if not any(k.lower() == "content-type" for k in sent_headers):
                sent_headers["Content-Type"] = "application/json"
        if content is not None and not validate:
            current_recorder().note(self.actor, f"deliberately malformed request follows: {method} {path} (not checked against our schemas)")
        if not auth:
            current_recorder().note(self.actor, f"request without credentials follows: {method} {path}")
        outcome = await exchange(
            self.http, method, path, actor=self.actor, content=content, headers=sent_headers, timeout=timeout, send_credentials=auth
        )
        parsed, json_error = parse_json(outcome.body)
        reply = RestReply(
            method=method,
            url=outcome.url,
            status=outcome.status,
            headers=outcome.headers,
            body=outcome.body,
            json=parsed,
            json_error=None if not outcome.body.strip() else json_error,
            error=outcome.error,
            elapsed=outcome.elapsed,
            started=outcome.started,
            request_body=content,
        )
        if self.on_reply is not None and auth:  # a request without credentials is not the agent's
            self.on_reply(reply)
        return reply

    async def _post(self, path: str, body: dict[str, Any], *, deliberately_invalid: bool = False) -> RestReply:
        return await self.raw("POST", path, json=body, validate=not deliberately_invalid)


def _segment(value: str) -> str:
    """A path segment from a value the target gave us (an id may hold '/', '?', '..')."""
    segment = quote(str(value), safe="")
    # "." and ".." would be resolved away by URL normalisation and address another resource.
    return segment.replace(".", "%2E") if set(segment) <= {"."} else segment


def _dumps(value: Any, *, allow_nan: bool) -> bytes:
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=allow_nan).encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise HarnessError(f"harness built a request body that is not JSON: {exc}") from None
