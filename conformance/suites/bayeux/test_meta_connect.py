"""/meta/connect: https://docs.cometd.org/current/reference/#_bayeux_meta_connect

Only BAYEUX-CONNECT-04 waits out a hold, and only when the advertised hold is within the
profile's [timeouts] bayeux_hold.
"""

from __future__ import annotations

import asyncio
import secrets
import time

import pytest

from conformance.errors import Blocked, CheckFailed, NotApplicable
from conformance.profile import TargetProfile
from conformance.suites import requirement
from conformance.suites.bayeux.client import BayeuxClient
from conformance.suites.bayeux.conftest import TRANSPORTS
from conformance.suites.bayeux.events import EventSource
from conformance.suites.bayeux.kit import BayeuxKit
from conformance.verify import bayeux as judge

PROMPT = 2.0  # seconds: "at once" is within half the advertised hold, and never above this


def _unknown_client_id() -> str:
    return "gwsct" + secrets.token_hex(16)


def _advertised(client: BayeuxClient) -> float:
    advertised = client.advertised_timeout()
    if advertised is None:
        raise NotApplicable("the target advertises no timeout advice, so there is no hold to judge")
    return advertised


@requirement("BAYEUX-CONNECT-01")
@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_unknown_client_refused(bayeux: BayeuxKit, transport: str) -> None:
    """/meta/connect as agent A with a clientId the target never issued."""
    client = await bayeux.client(0, transport=transport)
    sent = await client.ask(client.connect_message(client_id=_unknown_client_id(), advice={"timeout": 0}))
    judge.refused_with_class(sent.reply, sent.message, "a connect with an unknown clientId")


@requirement("BAYEUX-CONNECT-02")
@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_unknown_client_advised_to_handshake(bayeux: BayeuxKit, transport: str) -> None:
    """/meta/connect as agent A with a clientId the target never issued; judge the advice."""
    client = await bayeux.client(0, transport=transport)
    sent = await client.ask(client.connect_message(client_id=_unknown_client_id(), advice={"timeout": 0}))
    answer = judge.answer_to(sent.reply, sent.message, "a connect with an unknown clientId")
    judge.advises_reconnect(answer, transport, "handshake", "the refusal of an unknown clientId")


@requirement("BAYEUX-CONNECT-03")
async def test_timeout_zero_answered_at_once(bayeux: BayeuxKit) -> None:
    """Handshake, first connect, then a second /meta/connect with advice {timeout: 0}; time its answer."""
    client = await bayeux.opened(0)
    advertised = client.advertised_timeout()
    bound = PROMPT if advertised is None else min(PROMPT, advertised / 2)
    sent, elapsed = await client.timed(client.connect_message(advice={"timeout": 0}), timeout=client.hold_bound())
    judge.meta_successful(sent.reply, sent.message, "the connect with advice {timeout: 0}")
    judge.answered_within(elapsed, bound, "the connect with advice {timeout: 0}")


@requirement("BAYEUX-CONNECT-04")
@pytest.mark.long_running  # waits out the advertised hold
async def test_idle_connect_held_about_advertised_timeout(bayeux: BayeuxKit, profile: TargetProfile) -> None:
    """Handshake, first connect, then an idle /meta/connect (no subscription, no advice); time its answer."""
    client = await bayeux.opened(0)
    advertised = _advertised(client)
    cap = profile.timeouts.bayeux_hold
    if advertised > cap:
        raise NotApplicable(f"the target advertises a {advertised:g} s hold, above the profile's [timeouts] bayeux_hold {cap:g} s")
    sent, elapsed = await client.timed(client.connect_message(), timeout=client.hold_bound())
    judge.meta_successful(sent.reply, sent.message, "the idle connect")
    judge.held_about(elapsed, advertised, "the idle connect")


@requirement("BAYEUX-CONNECT-05")
async def test_event_releases_held_connect(bayeux: BayeuxKit, events: EventSource, profile: TargetProfile) -> None:
    """Subscribe to the event channel, first connect, hold a second connect; cause one event meanwhile."""
    client = await bayeux.opened(0)
    await client.expect_success(client.subscribe_message(events.channel), f"subscribe {events.channel}")
    advertised = _advertised(client)
    message = client.connect_message()
    started = time.monotonic()
    held = asyncio.ensure_future(client.ask(message, timeout=client.hold_bound(cap=profile.timeouts.bayeux_hold)))
    try:
        fired = await events.fire()
        if fired - started > advertised / 2:
            raise Blocked("event source", f"causing the event took {fired - started:.2f} s, too long to tell a release from the hold's end")
        sent = await held
    finally:
        held.cancel()
    elapsed = time.monotonic() - started
    judge.meta_successful(sent.reply, sent.message, "the held connect")
    if not sent.deliveries(events.channel):
        raise CheckFailed(
            f"the held connect ended without the event on {events.channel} ({events.description})",
            expected=f"the connect answered early, carrying the {events.channel} event",
            observed=sent.reply.messages,
        )
    judge.answered_within(elapsed, advertised * 0.75, "the connect released by the event")


@requirement("BAYEUX-CONNECT-06")
async def test_second_connect_releases_held_one(bayeux: BayeuxKit) -> None:
    """Hold a /meta/connect, then send a second one of the same client; time the first answer."""
    client = await bayeux.opened(0)
    advertised = _advertised(client)
    bound = min(PROMPT, advertised / 2)
    # Two requests in flight on two connections; whichever the target took as the older one
    # must be answered at once.
    pending = [asyncio.ensure_future(client.ask(client.connect_message(), timeout=client.hold_bound())) for _ in range(2)]
    started = time.monotonic()
    try:
        done, _ = await asyncio.wait(pending, timeout=bound + advertised / 4, return_when=asyncio.FIRST_COMPLETED)
        elapsed = time.monotonic() - started
        if not done:
            raise CheckFailed(
                f"neither of two connects of one client was answered within {elapsed:.2f} s",
                expected="the held connect answered as soon as the second one arrives",
                observed="both still held",
            )
        first = done.pop().result()
        judge.released(first.reply, first.message, "the released connect")
        judge.answered_within(elapsed, bound, "the connect released by a second one")
    finally:
        await client.ask(client.disconnect_message())  # releases (or orphans) the other one
        for task in pending:
            task.cancel()


@requirement("BAYEUX-CONNECT-07")
async def test_connect_answered_successful(bayeux: BayeuxKit) -> None:
    """Handshake as agent A, then its first /meta/connect with advice {timeout: 0}; judge the reply."""
    client = await bayeux.client(0)
    await client.open()
    sent = await client.ask(client.connect_message(advice={"timeout": 0}), timeout=client.hold_bound())
    judge.meta_successful(sent.reply, sent.message, "the first connect of a live session")
