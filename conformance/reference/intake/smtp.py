"""A real SMTP listener (aiosmtpd) on the server's event loop: each mail becomes an inbound email."""

from __future__ import annotations

import asyncio
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from conformance.reference.email.errors import OperationError
from conformance.reference.intake.delay import DelayedIntake
from conformance.reference.intake.inbound import from_rfc822

SMTP_HOSTNAME = "reference.gws.test"  # given, so that aiosmtpd does not resolve the machine's FQDN


class SmtpIntake:
    def __init__(self, intake: DelayedIntake, host: str, port: int, max_bytes: int) -> None:
        self._intake = intake
        self._host = host
        self._port = port
        self._max_bytes = max_bytes
        self._server: asyncio.Server | None = None
        self._connections: set[SMTP] = set()
        self.port: int | None = None

    async def start(self) -> int:
        """Listen (port 0: a free one); returns the port."""
        self._server = await asyncio.get_running_loop().create_server(self._protocol, self._host, self._port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.port

    def _protocol(self) -> SMTP:
        return _TrackedSMTP(
            self._connections, self, hostname=SMTP_HOSTNAME, data_size_limit=self._max_bytes, enable_SMTPUTF8=True
        )

    async def stop(self) -> None:
        if self._server is None:
            return
        self._server.close()
        for connection in list(self._connections):
            if connection.transport is not None:
                connection.transport.close()
        await self._server.wait_closed()
        self._server = None

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        sender = envelope.mail_from if envelope.mail_from not in (None, "", "<>") else None  # <>: null sender
        try:
            message = from_rfc822(raw, envelope_from=sender, envelope_to=tuple(envelope.rcpt_tos))
        except OperationError as error:
            return f"554 {error.message}"
        email_id = await self._intake.deliver(message)
        return f"250 OK queued as {email_id}"


class _TrackedSMTP(SMTP):
    """An SMTP session registered in `connections` while open, so that stop() can close it."""

    def __init__(self, connections: set[SMTP], handler: SmtpIntake, **kwargs: Any) -> None:  # forwarded to SMTP
        super().__init__(handler, **kwargs)
        self._registry = connections

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        self._registry.add(self)

    def connection_lost(self, error: Exception | None) -> None:
        super().connection_lost(error)
        self._registry.discard(self)
