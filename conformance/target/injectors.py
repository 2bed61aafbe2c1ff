"""Ways to hand the target an inbound email: http, smtp, command, manual."""

from __future__ import annotations

import asyncio
import functools
import json
import smtplib
import ssl
from dataclasses import asdict, dataclass, field
from email.message import EmailMessage

import httpx

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

    def as_json(self) -> dict:
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


async def inject(profile: TargetProfile, email: InboundEmail) -> None:
    """Deliver `email` by the profile's injector; raise Blocked naming the injector on failure."""
    injector = profile.injector
    timeout = profile.timeouts.http
    try:
        if injector.kind == "http":
            async with httpx.AsyncClient(timeout=timeout, verify=_tls_context()) as client:
                answer = await client.post(injector.url, json=email.as_json())
            if answer.status_code >= 300:
                raise Blocked("inject (http)", f"{injector.url} answered HTTP {answer.status_code}")
        elif injector.kind == "smtp":
            await asyncio.wait_for(asyncio.to_thread(_send_smtp, injector.host, injector.port, injector.mail_from, email, timeout), timeout)
        elif injector.kind == "command":
            await _run_command(injector.command, email, timeout)
    except (httpx.HTTPError, OSError, smtplib.SMTPException, asyncio.TimeoutError) as exc:
        raise Blocked(f"inject ({injector.kind})", f"{type(exc).__name__}: {exc}") from None


@functools.cache
def _tls_context() -> ssl.SSLContext:
    # httpx builds a fresh context (loading the CA bundle, ~60 ms) for every client it makes;
    # one per run keeps injection from dominating checks that invite many times.
    return httpx.create_ssl_context()


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
