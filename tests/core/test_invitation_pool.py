"""The invitations injected ahead (conformance/target/invitation_pool.py), without a server: the
bound, what is left unused, when it is on, and that its own invitations are never a check's."""

from __future__ import annotations

import asyncio
import dataclasses
import re
from collections.abc import Callable
from typing import Any

import pytest

from conformance.clients.bayeux.inbox import Inbox
from conformance.errors import Blocked
from conformance.profile import ROUTING_ANY_READY, Injector, ProfileAgent, TargetProfile, Timeouts
from conformance.target.injectors import InboundEmail
from conformance.target.invitation_pool import AUTO_MAX_DEPTH, AUTO_THRESHOLD_S, DEFAULT_SUBJECT, HEARD_DEPTH, InvitationPool, auto_depth, pipelining_unusable
from conformance.target.owed import OwedNotifications
from conformance.target.stream_watch import AHEAD, StreamWatch

pytestmark = pytest.mark.anyio
ADDRESS = "agent1@reference.gws.test"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class Mailbox:
    """The injector: records what it was handed; fails from `fail_after` emails on."""

    def __init__(self, fail_after: int | None = None) -> None:
        self.emails: list[InboundEmail] = []
        self.fail_after = fail_after

    async def inject(self, email: InboundEmail) -> None:
        if self.fail_after is not None and len(self.emails) >= self.fail_after:
            raise Blocked("inject (http)", "http://injector.test answered HTTP 503")
        self.emails.append(email)


def _pool(setting: int | None, mailbox: Mailbox, inbox: Inbox, observed: dict[str, str] | None = None, timeout: float = 5.0) -> InvitationPool:
    observe = observed.__setitem__ if observed is not None else None
    return InvitationPool(label="agent1", address=ADDRESS, inbox=inbox, inject=mailbox.inject, setting=setting, invitation_timeout=timeout, observe=observe)


async def _fed(pool: InvitationPool) -> None:
    """The injections in progress have been made."""
    for _ in range(100):
        if pool._feeder is None or pool._feeder.done():
            return
        await asyncio.sleep(0)
    raise AssertionError("the pool did not finish injecting")


async def _until(condition: Callable[[], bool]) -> None:
    while not condition():
        await asyncio.sleep(0.02)


def _invitation(email: InboundEmail, email_id: str) -> dict[str, Any]:
    return {"channel": "/v2/me/emails", "data": {"messageType": "EmailStateChangeMessage", "notificationType": "NewInteraction", "email": {"id": email_id, "state": "Invited", "subject": email.subject}}}


async def _arrive(inbox: Inbox, email: InboundEmail, email_id: str) -> None:
    await inbox.add(_invitation(email, email_id))


async def test_the_bound_holds_and_the_unused_are_counted():
    mailbox, inbox, observed = Mailbox(), Inbox(), {}
    pool = _pool(3, mailbox, inbox, observed)
    taken = [pool.take() for _ in range(5)]
    await _fed(pool)
    assert all(t is not None for t in taken)
    assert pool.unused == 3 and len(mailbox.emails) == 5 + 3  # never more than 3 ahead of the takes
    assert [e.subject for e in mailbox.emails[:5]] == [t.email.subject for t in taken if t]  # taken oldest first
    for email in mailbox.emails:
        assert email.to == [ADDRESS] and email.cc == [] and email.subject.startswith(DEFAULT_SUBJECT) and re.search(r"\[gwsct-[0-9a-f]{12}\]$", email.subject)
    [(key, text)] = observed.items()
    assert key == "invitation-pipeline agent1" and "8 injected ahead" in text and "3 left unused" in text


async def test_explains_only_its_untaken_invitations():
    mailbox, inbox = Mailbox(), Inbox()
    pool = _pool(2, mailbox, inbox)
    owed = OwedNotifications(inbox, 1.0)
    watch = StreamWatch("agent1", ADDRESS)
    inbox.observe(watch.saw)
    owed.suite_explains = watch.injected_ahead = pool.explains
    first = pool.take()
    await _fed(pool)
    assert first is not None
    ahead = [e for e in mailbox.emails if e is not first.email]
    await _arrive(inbox, ahead[0], "AHEAD1")
    await _arrive(inbox, first.email, "TAKEN1")
    ahead_delivery, taken_delivery = inbox.all()
    assert pool.explains(ahead_delivery) and owed.explains(ahead_delivery)
    assert not pool.explains(taken_delivery) and not owed.explains(taken_delivery)
    assert [seen.check == AHEAD for seen in watch.seen] == [True, False]
    pool.take()  # a check takes the one that arrived: from now on its notifications are that check's
    assert not pool.explains(ahead_delivery)
    await _arrive(inbox, ahead[1], "AHEAD2")
    assert pool.explains(inbox.all()[-1])


async def test_quiesce_waits_for_the_invitations_on_their_way_and_no_more():
    mailbox, inbox = Mailbox(), Inbox()
    pool = _pool(2, mailbox, inbox)
    assert pool.take() is not None
    await _fed(pool)
    quiet = asyncio.ensure_future(pool.quiesce())
    await asyncio.sleep(0)
    assert not quiet.done()
    for index, email in enumerate(mailbox.emails[1:]):
        await _arrive(inbox, email, f"E{index}")
    await asyncio.wait_for(quiet, 1)
    await asyncio.wait_for(pool.quiesce(), 0.1)  # at once: nothing on its way
    assert len(mailbox.emails) == 3  # quiescing injects nothing


async def test_quiesce_is_bounded_by_the_invitation_timeout():
    mailbox, inbox = Mailbox(), Inbox()
    pool = _pool(1, mailbox, inbox, timeout=0.2)
    pool.take()
    await asyncio.wait_for(pool.quiesce(), 2)  # the email ahead never arrives: the wait ends
    await asyncio.wait_for(pool.quiesce(), 0.1)  # and no later quiesce waits for it again
    lost = mailbox.emails[1]
    taken = pool.take()
    assert taken is not None and taken.email is not lost  # nor does a check wait for it
    await _fed(pool)
    assert pool.unused == 2  # the lost one and the one now ahead
    await _arrive(inbox, lost, "LATE")
    assert pool.explains(inbox.all()[-1])  # if it ever comes, it is still the suite's doing


async def test_auto_turns_on_only_for_a_slow_intake():
    mailbox, inbox = Mailbox(), Inbox()
    pool = _pool(None, mailbox, inbox)
    pool.note_latency(0.05)
    pool.note_latency(None)
    assert not pool.on and pool.take() is None and mailbox.emails == []
    pool.note_latency(10.0)
    assert pool.on and pool.depth == auto_depth(10.0) == AUTO_MAX_DEPTH
    await _fed(pool)
    assert len(mailbox.emails) == AUTO_MAX_DEPTH
    assert auto_depth(AUTO_THRESHOLD_S) < AUTO_MAX_DEPTH


async def test_auto_turns_on_while_the_first_slow_invitation_is_still_on_its_way():
    mailbox, inbox = Mailbox(), Inbox()
    pool = _pool(None, mailbox, inbox)
    pool.injected_on_demand()
    started = asyncio.get_running_loop().time()
    await asyncio.wait_for(_until(lambda: pool.on), AUTO_THRESHOLD_S + 5)  # no invitation came
    assert asyncio.get_running_loop().time() - started >= AUTO_THRESHOLD_S * 0.9
    await _fed(pool)
    assert pool.on and pool.depth >= auto_depth(AUTO_THRESHOLD_S)
    await asyncio.wait_for(_until(lambda: pool.depth > auto_depth(AUTO_THRESHOLD_S)), AUTO_THRESHOLD_S + 5)  # still missing: deeper
    pool.note_latency(AUTO_MAX_DEPTH * 0.1 + 10)  # it arrived: as deep as its latency asks for
    await _fed(pool)
    assert pool.depth == AUTO_MAX_DEPTH and len(mailbox.emails) == AUTO_MAX_DEPTH
    assert pool._slow_timer is None  # no timer left once it arrived


async def test_auto_turns_off_when_the_late_invitation_never_came():
    mailbox, inbox = Mailbox(), Inbox()
    pool = _pool(None, mailbox, inbox)
    pool.note_latency(2.0)  # pipelining on
    pool.note_latency(None)  # a later one never arrived: the target lost it, it is not slow
    assert not pool.on and pool.take() is None and "never arrived" in (pool.off_reason or "")


async def test_setting_zero_and_switch_off_inject_nothing():
    mailbox, inbox = Mailbox(), Inbox()
    off = _pool(0, mailbox, inbox)
    off.note_latency(30.0)
    assert off.take() is None
    switched = _pool(4, mailbox, inbox)
    switched.switch_off("routing mode any-ready")
    assert switched.take() is None and mailbox.emails == []
    assert switched.off_reason == "routing mode any-ready"


async def test_a_failed_injection_blocks_its_taker_and_switches_the_pool_off():
    mailbox, inbox, observed = Mailbox(fail_after=1), Inbox(), {}
    pool = _pool(2, mailbox, inbox, observed)
    first, = [pool.take()]
    await _fed(pool)
    assert first is not None
    await first.injected()  # the first went through
    assert not pool.on and "injecting ahead failed" in (pool.off_reason or "")
    assert pool.unused == 0 and pool.take() is None
    assert "1 injected ahead, 0 left unused" in observed["invitation-pipeline agent1"]


def _profile(**changes: Any) -> TargetProfile:
    profile = TargetProfile(
        name="t", base_url="http://gws.test", cometd_url="http://gws.test/api/v2/notifications", kind="gws",
        agents=(ProfileAgent("agent1", "p", ADDRESS),), injector=Injector("http", url="http://gws.test/inbound"),
        features=frozenset(), timeouts=Timeouts(),
    )
    return dataclasses.replace(profile, **changes)


def test_pipelining_needs_addressed_routing_an_injector_and_an_address():
    profile = _profile()
    assert pipelining_unusable(profile, profile.agents[0]) is None
    assert "manual" in (pipelining_unusable(_profile(injector=Injector("manual")), profile.agents[0]) or "")
    assert "no address" in (pipelining_unusable(profile, ProfileAgent("agent9", "p")) or "")

    routed = _profile(routing=ROUTING_ANY_READY)
    assert "any-ready" in (pipelining_unusable(routed, profile.agents[0]) or "")


def test_doctor_announces_pipelining_for_a_slow_intake_only():
    from conformance.preflight import Diagnosis

    assert Diagnosis(intake_seconds=0.05).pipelined_invitations() is None
    assert Diagnosis(intake_seconds=10.0).pipelined_invitations() == auto_depth(10.0)


async def test_another_agents_slow_invitation_starts_a_few_ahead_that_double_when_short():
    mailbox, inbox = Mailbox(), Inbox()
    heard: list[tuple[float, str]] = []
    measured = InvitationPool(label="agent1", address=ADDRESS, inbox=Inbox(), inject=Mailbox().inject, setting=None, invitation_timeout=5, on_slow=lambda s, who: heard.append((s, who)))
    measured.note_latency(10.0)
    assert heard == [(10.0, "agent1")]  # the target tells the other agents (Target._heard_slow_intake)
    await _fed(measured)
    pool = _pool(None, mailbox, inbox)
    pool.heard(10.0, "agent1")
    await _fed(pool)
    assert pool.on and pool.depth == HEARD_DEPTH and len(mailbox.emails) == HEARD_DEPTH
    await _arrive(inbox, mailbox.emails[0], "E0")
    pool.take()  # its invitation had arrived: deep enough
    assert pool.depth == HEARD_DEPTH
    pool.take()  # not arrived yet: the checks caught up with the pool, which doubles
    assert pool.depth == 2 * HEARD_DEPTH
    for _ in range(10):
        pool.take()
    assert pool.depth == auto_depth(10.0)  # never beyond what the latency asks for
    await _fed(pool)


async def test_quiesce_sends_what_was_queued_before_waiting():
    mailbox, inbox = Mailbox(), Inbox()
    pool = _pool(3, mailbox, inbox, timeout=0.2)
    taken = pool.take()  # four queued, none sent yet
    assert taken is not None and mailbox.emails == []
    await asyncio.wait_for(pool.quiesce(), 2)
    assert len(mailbox.emails) == 4  # the one taken included
    await asyncio.wait_for(taken.injected(), 0.1)


async def test_after_quiesce_only_a_take_injects_again():
    mailbox, inbox = Mailbox(), Inbox()
    pool = _pool(None, mailbox, inbox, timeout=0.2)
    await pool.quiesce()  # e.g. before the fuzz campaign, whose own invitations may be slow
    pool.note_latency(10.0)
    pool.heard(10.0, "agent2")
    await _fed(pool)
    assert pool.on and mailbox.emails == []  # on, but nothing injected while quiet
    assert pool.take() is not None
    await _fed(pool)
    assert len(mailbox.emails) == AUTO_MAX_DEPTH + 1
