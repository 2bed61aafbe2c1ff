"""Reproduction of a failed check: a curl command and a runnable Python snippet.

Both are built from the check's evidence: the stimulus (the first HTTP exchange of the check
body; for a check that never reached its body, the last exchange of its setup) and the
channel the notification came on, or should have come on. Credentials are never copied:
the commands read $GWS_USER and $GWS_PASSWORD.
"""

from __future__ import annotations

import shlex
from typing import Any

from conformance.reports.timeline import Event, call_phase, delivered_messages, is_http, is_rest_exchange, operation_of

EMAILS_CHANNEL = "/v2/me/emails"  # where Email API notifications must arrive (docs/positions.md#notification-topic)
REPRODUCED_VERDICTS = frozenset({"FAIL", "EXPECTED-FAIL", "PASS-NONSTRICT", "BLOCKED"})

# Headers curl and httpx set themselves, and the secret ones we replace by $GWS_USER/$GWS_PASSWORD.
_OMITTED_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "host", "content-length", "user-agent", "accept-encoding", "connection"}
)
_CREDENTIAL_HEADERS = frozenset({"authorization", "cookie"})
_TRUNCATED = "...[truncated]"


def reproduction(check: dict[str, Any], target: dict[str, Any]) -> dict[str, Any] | None:
    """{operation, curl, python, channel} for a non-passing check, or None when nothing was sent."""
    if check.get("verdict") not in REPRODUCED_VERDICTS:
        return None
    evidence = check.get("evidence", [])
    body = call_phase(evidence)
    if body is not None:
        candidates = [e for e in body if is_http(e)]
        stimulus = candidates[0] if candidates else None
    else:
        candidates = [e for e in evidence if is_http(e)]
        stimulus = candidates[-1] if candidates else None
    if stimulus is None:
        return None
    cometd_url = target["cometd_url"]
    result: dict[str, Any] = {"operation": operation_of(stimulus), "curl": curl_command(stimulus), "python": None, "channel": None}
    if is_rest_exchange(stimulus, cometd_url):
        channel = _notification_channel(evidence, stimulus)
        result["channel"] = channel
        result["python"] = python_snippet(stimulus, cometd_url, channel, title=f"{check.get('name', '')}: {check.get('stimulus', '')}")
    return result


def _notification_channel(evidence: list[Event], stimulus: Event) -> str:
    for event in evidence:
        if event["at"] >= stimulus["at"]:
            for message in delivered_messages(event):
                channel: str = message["channel"]  # a delivered data message names its channel
                if channel.startswith("/v2/"):
                    return channel
    return EMAILS_CHANNEL


def _uses_credentials(headers: dict[str, str]) -> bool:
    return any(name.lower() in _CREDENTIAL_HEADERS for name in headers)


def _kept_headers(headers: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in headers.items() if name.lower() not in _OMITTED_HEADERS}


def _shell_quote(text: str) -> str:
    """Single quotes, or bash $'...' when the text holds control characters."""
    if all(c in "\n\t" or (" " <= c and c != "\x7f") for c in text):
        return shlex.quote(text)
    escaped = []
    for c in text:
        if c in "\\'":
            escaped.append("\\" + c)
        elif c < " " or c == "\x7f":
            escaped.append(f"\\x{ord(c):02x}")
        else:
            escaped.append(c)
    return "$'" + "".join(escaped) + "'"


def curl_command(event: Event) -> str:
    detail = event["detail"]
    headers = detail.get("request_headers") or {}
    lines = [f"curl -sS -i -X {shlex.quote(str(detail.get('method', 'GET')))}"]
    if _uses_credentials(headers):
        lines.append('-u "$GWS_USER:$GWS_PASSWORD"')
    for name, value in _kept_headers(headers).items():
        lines.append(f"-H {_shell_quote(f'{name}: {value}')}")
    body = detail.get("request_body")
    if body is not None:
        if body.endswith(_TRUNCATED):
            lines.insert(0, "# the recorded request body was truncated; this command sends the recorded part")
            body = body.removesuffix(_TRUNCATED)
        lines.append(f"--data-binary {_shell_quote(body)}")
    lines.append(_shell_quote(str(detail.get("url", ""))))
    first, *rest = lines
    if first.startswith("#"):
        return first + "\n" + " \\\n  ".join(rest)
    return " \\\n  ".join(lines)


_PYTHON = '''\
"""Reproduce {title}

Needs: pip install httpx aiocometd-noloop; GWS_USER and GWS_PASSWORD set to the agent's
credentials. Identifiers in URL come from the recorded run: when the operation needs a
fresh email (e.g. an invitation), route one to the agent first and put its id in URL.
"""

import asyncio
import base64
import json
import os

import httpx
from aiocometd_noloop import AuthExtension, Client, ConnectionType

COMETD_URL = {cometd_url}
CHANNEL = {channel}
METHOD = {method}
URL = {url}
HEADERS = {headers}
BODY = {body}
SEND_CREDENTIALS = {send_credentials}
TIMEOUT_S = 10.0


class BasicAuth(AuthExtension):
    def __init__(self, user: str, password: str) -> None:
        self.header = "Basic " + base64.b64encode(f"{{user}}:{{password}}".encode()).decode()

    async def outgoing(self, payload, headers):
        headers["Authorization"] = self.header

    async def incoming(self, payload, headers=None):
        pass


async def main() -> None:
    user, password = os.environ["GWS_USER"], os.environ["GWS_PASSWORD"]
    async with Client(COMETD_URL, ConnectionType.LONG_POLLING, auth=BasicAuth(user, password)) as cometd:
        await cometd.subscribe(CHANNEL)
        async with httpx.AsyncClient(auth=(user, password) if SEND_CREDENTIALS else None) as http:
            reply = await http.request(METHOD, URL, headers=HEADERS, content=BODY)
        print("HTTP", reply.status_code, reply.text)
        try:
            message = await asyncio.wait_for(cometd.receive(), TIMEOUT_S)
        except asyncio.TimeoutError:
            print(f"no notification on {{CHANNEL}} within {{TIMEOUT_S}} s")
        else:
            print(json.dumps(message, indent=2))


asyncio.run(main())
'''


def python_snippet(event: Event, cometd_url: str, channel: str, *, title: str) -> str:
    detail = event["detail"]
    headers = detail.get("request_headers") or {}
    body = detail.get("request_body")
    if isinstance(body, str):
        body = body.removesuffix(_TRUNCATED).encode("utf-8")
    # repr() of str/bytes/dict is a valid, injection-proof Python literal; the title goes
    # into a docstring, so it must not be able to close it.
    title = " ".join(title.split()).replace("\\", "/").replace('"""', "'''")[:200]
    return _PYTHON.format(
        title=title,
        cometd_url=repr(cometd_url),
        channel=repr(channel),
        method=repr(str(detail.get("method", "GET"))),
        url=repr(str(detail.get("url", ""))),
        headers=repr(_kept_headers(headers)),
        body=repr(body),
        send_credentials=repr(_uses_credentials(headers)),
    )
