"""The intake's delay (serve --intake-delay/--intake-jitter/--intake-seed): an injected email
reaches routing only after it, timers never block, and a shutdown drops what is still due."""

from __future__ import annotations

import asyncio
import smtplib
import time
from email.message import EmailMessage

import httpx
import pytest

from conformance.cli import main
from conformance.reference import ReferenceServer, ServerConfig
from conformance.reference.email.model import InboundMessage
from conformance.reference.intake import DelayedIntake


def _message() -> InboundMessage:
    return InboundMessage(from_address="pat@example.test", to=("support@example.test",), subject="Hi", body="", body_as_plain_text="")


class _Service:
    """Records what reached routing, and when."""

    def __init__(self) -> None:
        self.delivered: list[tuple[str, float]] = []
        self.arrived = asyncio.Event()
        self._ids = 0

    def new_email_id(self) -> str:
        self._ids += 1
        return f"E{self._ids}"

    async def deliver(self, message: InboundMessage, *, email_id: str | None = None) -> str:
        email_id = email_id or self.new_email_id()
        self.delivered.append((email_id, time.monotonic()))
        self.arrived.set()
        return email_id


def test_seeded_jitter_is_repeatable_and_within_bounds():
    draws = [DelayedIntake(_Service(), delay=2.0, jitter=0.5, seed=7).draw_delay() for _ in range(2)]
    assert draws[0] == draws[1]
    intake = DelayedIntake(_Service(), delay=2.0, jitter=0.5, seed=7)
    spread = [intake.draw_delay() for _ in range(200)]
    assert all(1.5 <= d <= 2.5 for d in spread) and max(spread) - min(spread) > 0.5


async def _delayed_delivery() -> None:
    service = _Service()
    intake = DelayedIntake(service, delay=0.2, jitter=0.05, seed=1)  # type: ignore[arg-type]
    sent = time.monotonic()
    email_id = await intake.deliver(_message())
    assert email_id == "E1" and service.delivered == [] and intake.pending == 1  # answered before routing
    await asyncio.wait_for(service.arrived.wait(), 5)
    [(routed_id, at)] = service.delivered
    assert routed_id == email_id and at - sent >= 0.15
    assert intake.pending == 0


def test_email_reaches_routing_after_the_delay_with_its_answered_id():
    asyncio.run(_delayed_delivery())


async def _stop_drops_due_emails() -> None:
    service = _Service()
    intake = DelayedIntake(service, delay=3600, seed=1)  # type: ignore[arg-type]
    await intake.deliver(_message())
    await asyncio.wait_for(intake.stop(), 1)
    assert intake.pending == 0 and service.delivered == []
    await intake.deliver(_message())  # after stop: answered, never routed, no timer left
    assert intake.pending == 0


def test_stop_drops_emails_still_due():
    asyncio.run(_stop_drops_due_emails())


def test_server_with_pending_deliveries_stops_at_once():
    server = ReferenceServer(ServerConfig(intake_delay_s=0.3, intake_jitter_s=0.1, intake_seed=3)).start()
    try:
        email_id = server.inject(to=["nobody@example.test"], subject="late")
        queue = server.base_url + "/reference/v1/queues/inbound"
        assert httpx.get(queue).json()["emails"] == []  # not yet: the mailbox was not polled
        deadline = time.monotonic() + 10
        while not httpx.get(queue).json()["emails"] and time.monotonic() < deadline:
            time.sleep(0.05)  # polling the observable queue, bounded
        assert [e["id"] for e in httpx.get(queue).json()["emails"]] == [email_id]
        server.inject(to=["nobody@example.test"], subject="never")
        server.call(_set_long_delay(server))
        server.inject(to=["nobody@example.test"], subject="never either")
    finally:
        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 5


def _poll_queue(server: ReferenceServer, seconds: float) -> list[dict]:
    """The inbound queue once it holds something, or after `seconds` (bounded polling)."""
    queue = server.base_url + "/reference/v1/queues/inbound"
    deadline = time.monotonic() + seconds
    while not (emails := httpx.get(queue).json()["emails"]) and time.monotonic() < deadline:
        time.sleep(0.05)
    return emails


def test_smtp_intake_is_delayed_too():
    config = ServerConfig(smtp_port=0, intake_delay_s=0.3, intake_seed=5)
    with ReferenceServer(config).start() as server:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = "pat@example.test", "nobody@example.test", "by smtp"
        message.set_content("hello")
        sent = time.monotonic()
        with smtplib.SMTP("127.0.0.1", server.smtp_port, timeout=10) as smtp:
            answer = smtp.send_message(message)
        assert answer == {}  # accepted at once
        [email] = _poll_queue(server, 10)
        assert email["subject"] == "by smtp" and time.monotonic() - sent >= 0.25


async def _set_long_delay(server: ReferenceServer) -> None:
    assert server.app is not None
    server.app.state.intake._delay = 3600.0  # a delivery the shutdown must not wait for


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["--intake-delay", "-1"], "--intake-delay"),
        (["--intake-delay", "nan"], "--intake-delay"),
        (["--intake-delay", "soon"], "--intake-delay"),
        (["--intake-delay", "1", "--intake-jitter", "2"], "--intake-jitter"),
        (["--intake-seed", "x"], "--intake-seed"),
    ],
)
def test_bad_intake_options_are_one_line_and_exit_2(argv, fragment, capsys):
    try:
        code = main(["serve", *argv])
    except SystemExit as exit_:
        code = exit_.code
    assert code == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], lines
