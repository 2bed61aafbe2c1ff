"""Ways to hand the target an inbound email: http, smtp, command, manual."""

from __future__ import annotations

import asyncio
import json
import smtplib
from dataclasses import asdict, dataclass, field
from email.message import EmailMessage
from typing import Any

import httpx

from conformance.clients.http import exchange, make_http_client
from conformance.errors import Blocked
from conformance.profile import TargetProfile


@dataclass
class InboundEmail:
    to: list[str]
    subject: str
    body: str
    sender: str = "customer@example.test"
    cc: list[str] = field(default_factory=list)
    reply_to: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["from"] = data.pop("sender")
        return data

    def as_message(self) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = ", ".join(self.to)
        if self.cc:
            message["Cc"] = ", ".join(self.cc)
        if self.reply_to:
            message["Reply-To"] = self.reply_to
        message["Subject"] = self.subject
        for name, value in self.headers.items():
            message[name] = value
        message.set_content(self.body)
        return message


class EmailInjector:
    """Delivers inbound emails by the profile's injector; failures BLOCK, naming the injector.

    The http injector keeps one client for the whole run (a client per email cost a
    connection and a TLS context each time) and records its exchanges as evidence.
    """

    def __init__(self, profile: TargetProfile, *, actor: str = "injector") -> None:
        """`actor` names its exchanges in the evidence."""
        self.profile = profile
        self.actor = actor
        self._http: httpx.AsyncClient | None = None

    async def inject(self, email: InboundEmail) -> None:
        injector = self.profile.injector
        timeout = self.profile.timeouts.http
        try:
            # profile._injector sets the fields of its kind: url (http), host and port (smtp), command.
            if injector.kind == "http":
                assert injector.url is not None
                await self._post(injector.url, email)
            elif injector.kind == "smtp":
                assert injector.host is not None and injector.port is not None
                await asyncio.wait_for(asyncio.to_thread(_send_smtp, injector.host, injector.port, injector.mail_from, email, timeout), timeout)
            elif injector.kind == "command":
                assert injector.command is not None
                await _run_command(injector.command, email, timeout)
        except (OSError, smtplib.SMTPException, asyncio.TimeoutError) as exc:
            raise Blocked(f"inject ({injector.kind})", f"{type(exc).__name__}: {exc}") from None

    async def _post(self, url: str, email: InboundEmail) -> None:
        auth = self.profile.injector.auth  # the url's userinfo, sent as Basic credentials
        if self._http is None:
            self._http = make_http_client(url, *(auth or (None, None)), timeout=self.profile.timeouts.http)
        outcome = await exchange(
            self._http,
            "POST",
            url,
            actor=self.actor,
            content=json.dumps(email.as_json()).encode(),
            headers={"content-type": "application/json"},
            send_credentials=auth is not None,
        )
        if outcome.error:
            raise Blocked("inject (http)", f"{url}: {outcome.error}")
        if outcome.status is None or outcome.status >= 300:
            raise Blocked("inject (http)", f"{url} answered HTTP {outcome.status}")

    async def close(self) -> None:
        if self._http is not None:
            await self._http.aclose()


def _send_smtp(host: str, port: int, mail_from: str, email: InboundEmail, timeout: float) -> None:
    message = email.as_message()
    with smtplib.SMTP(host, port, timeout=timeout) as smtp:
        smtp.send_message(message, from_addr=mail_from, to_addrs=email.to + email.cc)


async def _run_command(command: str, email: InboundEmail, timeout: float) -> None:
    process = await asyncio.create_subprocess_shell(
        command, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        _, stderr = await asyncio.wait_for(process.communicate(json.dumps(email.as_json()).encode()), timeout)
    except asyncio.TimeoutError:
        process.kill()
        await process.wait()
        raise Blocked("inject (command)", f"command did not finish within {timeout:g} s") from None
    if process.returncode != 0:
        raise Blocked("inject (command)", f"command exited {process.returncode}: {stderr.decode(errors='replace')[-300:]}")
