"""Waiting for events on listening sessions: the control that proves an event was caused, and
the "nothing arrives" window judged after it."""

from __future__ import annotations

from collections.abc import Sequence

from conformance.clients.bayeux.inbox import Delivery
from conformance.clients.bayeux.session import BayeuxSession
from conformance.errors import Blocked, NotApplicable
from conformance.harness import claims
from conformance.harness.together import together, together_tolerating
from conformance.suites.bayeux.events import EventSource
from conformance.suites.bayeux.kit import BayeuxKit
from conformance.verify import bayeux as judge
from conformance.verify.notifications import listened_throughout


async def cause_event(kit: BayeuxKit, events: EventSource, control: BayeuxSession) -> Delivery:
    """Fire one event and wait for it on `control` (subscribed to exactly `events.channel`).

    Blocked when it does not come: then the event source, not the requirement, failed. The
    latency observed feeds the target's negative window.
    """
    mark = control.inbox.mark()
    fired = await events.fire()
    timeout = kit.profile.timeouts.notification
    delivery = await control.inbox.wait_for(lambda d: True, timeout=timeout, since=mark)
    if delivery is None:
        raise Blocked("event source", f"{events.description}: nothing reached a session subscribed to {events.channel} within {timeout:g} s")
    kit.target.observe_latency(max(0.0, delivery.received - fired))
    return delivery


async def first_after(session: BayeuxSession, mark: int, *, timeout: float) -> Delivery | None:
    """The first delivery to `session` after `mark`, within `timeout` seconds of now."""
    return await session.inbox.wait_for(lambda d: True, timeout=timeout, since=mark)


async def nothing_more(kit: BayeuxKit, session: BayeuxSession, mark: int) -> Delivery | None:
    """Watch `session` for the target's negative window: the first delivery after `mark`, if any,
    once the notifications the agents' accepted requests still owe have arrived (an invitation
    injected ahead for a later check is never one); BLOCKED when
    the session was not connected through a quiet window."""
    claims.require(claims.STREAM, f"watches {session.actor} for any delivery at all")
    await kit.target.settle()
    late = await session.inbox.expect_none(lambda d: not kit.target.pooled_invitation(d), window=kit.negative_window(), since=mark)
    if late is None:
        listened_throughout(session, session.actor, "the event")
    return late


async def accepted_listeners(kit: BayeuxKit, agent: int, patterns: Sequence[str]) -> list[BayeuxSession]:
    """One session of `agent` per pattern, opened together, less those the target refuses: a
    server may refuse a wildcard by policy, and the accepted ones are judged."""
    opened = await together_tolerating(NotApplicable, *(kit.listener(agent, [pattern], refusable=True) for pattern in patterns))
    return [session for session in opened if session is not None]


async def nothing_reaches(kit: BayeuxKit, events: EventSource, control: BayeuxSession, sessions: list[BayeuxSession], *, event: str, listener: str) -> None:
    """Cause one event (`control` proves it was sent), then judge that none of `sessions` receives
    it: all watched through the same window, judged in order."""
    marks = [session.inbox.mark() for session in sessions]
    await cause_event(kit, events, control)
    watched = await together(*(nothing_more(kit, session, mark) for session, mark in zip(sessions, marks)))
    for session, late in zip(sessions, watched):
        judge.nothing_delivered(late, f"{event} on {events.channel}, to {listener} subscribed to {sorted(session.subscriptions)},")
