"""Where an inbound email reaches an agent, as the suite arranges it and watches it.

The profile's `[routing].mode` says how the deployment routes the suite's inbound emails:
`addressed` (the default), to the Ready agent the To address names; `any-ready`, to any Ready
agent of the group the mailbox routes to. In `any-ready`, while the suite waits for an
invitation only the agent that must receive it is Ready: the other agents of its pair are made
NotReady for the wait and Ready again after it, each change's notification awaited (bounded),
so that the check acts with both agents Ready as in `addressed` (docs/positions.md#routing-modes).

In either mode an invitation may reach another agent of the pair than the one waiting for it (a
deployment routing otherwise than the profile says). That says nothing of the API under test:
it is recorded (the check's evidence, the run's observations), the email is accepted and
completed where it arrived so that it disturbs nothing, and a new email is injected, a few times
at most; then the check is BLOCKED, naming the routing.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from conformance.clients.bayeux.inbox import Delivery, Predicate
from conformance.clients.outcome import went_through
from conformance.clients.stream_health import StreamBroken
from conformance.errors import Blocked, UsageError
from conformance.evidence import current_recorder
from conformance.harness import claims
from conformance.harness.waiting import waiting
from conformance.profile import ROUTING_ANY_READY, TargetProfile
from conformance.target.agent import CHANNELS_CHANNEL, AgentHandle, SetupStep
from conformance.target.injectors import InboundEmail
from conformance.target.owed import email_of

ROUTING_OBSERVATION = "routing"
ATTEMPTS = 3  # emails injected for one invitation before a check is BLOCKED by the routing


def refuse_shared_routing(profile: TargetProfile, workers: int) -> None:
    """any-ready with several workers: a worker can make only its own pair NotReady, so another
    worker's Ready agents could take its emails. Refused rather than run on luck."""
    if profile.routing == ROUTING_ANY_READY and workers > 1:
        raise UsageError(
            f"[routing].mode = any-ready cannot run on {workers} parallel workers: they share the deployment's routing, "
            "so one worker's email could reach another worker's Ready agent; run with --workers 1"
        )


@asynccontextmanager
async def sole_ready(agent: AgentHandle) -> AsyncIterator[None]:
    """In any-ready mode, `agent` the only Ready agent of its pair for the block; else nothing."""
    if agent.profile.routing != ROUTING_ANY_READY:
        yield
        return
    paused: list[AgentHandle] = []
    try:
        for other in [a for a in agent.colleagues if a.is_ready()]:
            refused = await _set_state(other, "NotReady")
            if refused is not None:
                raise Blocked(
                    f"{other.label}: NotReady (routing any-ready)",
                    f"routing: {other.label} could not be made NotReady while {agent.label} waits for its invitation: {refused}",
                )
            paused.append(other)
        yield
    finally:
        for other in paused:
            refused = await _set_state(other, "Ready")
            if refused is not None:  # later checks needing it are BLOCKED, naming this step
                other.steps.append(SetupStep("Ready again (routing any-ready)", False, refused))


async def _set_state(agent: AgentHandle, state: str) -> str | None:
    """POST `state` on the agent's email channel and wait for its notification (bounded); why
    the target refused it, or None."""
    with claims.harness_work():  # the harness arranges the routing, not the check that waits
        change = await agent.set_state(state, what=f"the {state} notification of {agent.label} (routing any-ready)")
    if not went_through(change.answer):
        return change.answer.outcome(f"POST /api/v2/me/channels/email {state}")
    if change.notification is None:  # not in time, or a wait the broken stream cut short
        timeout = agent.profile.timeouts.notification
        current_recorder().note(agent.label, f"{state} (routing any-ready): no notification on {CHANNELS_CHANNEL} within {timeout:g} s")
    return None


async def routed_invitation(
    agent: AgentHandle, email: InboundEmail, predicate: Predicate, *, timeout: float, what: str, elsewhere: bool = True
) -> Delivery | None:
    """Inject `email` and wait for the first delivery `predicate` matches at `agent`, watching the
    other agents of its pair too (`elsewhere`; not when `predicate` cannot tell our email from
    another): one matched there is cleared away and the email injected again (ATTEMPTS in all).
    None when nothing arrived anywhere within `timeout` after an injection."""
    strays: list[str] = []
    with waiting(what, timeout):  # the concurrent waits below leave the progress line as it was
        for _ in range(ATTEMPTS):
            marks = {a: a.inbox.mark() for a in (agent, *(agent.colleagues if elsewhere else ()))}
            await agent.injector.inject(email)
            found = await _first_arrival(agent, marks, predicate, timeout, what)
            if found is None:
                return None
            where, delivery = found
            if where is agent:
                return delivery
            strays.append(where.label)
            await _clear_away(agent, where, delivery)
    raise Blocked(
        f"{agent.label}: invitation",
        f"routing: each of the {ATTEMPTS} emails addressed to {agent.label} was offered to another agent ({', '.join(strays)}), "
        f"not to {agent.label}; the profile's [routing].mode is {agent.profile.routing} (docs/positions.md#routing-modes)",
    )


async def _first_arrival(
    agent: AgentHandle, marks: dict[AgentHandle, int], predicate: Predicate, timeout: float, what: str
) -> tuple[AgentHandle, Delivery] | None:
    """The first agent (of `marks`) whose inbox shows a delivery `predicate` matches, and it."""
    # The agent's own wait begun last: the progress line shows the latest wait.
    order = sorted(marks, key=lambda other: other is agent)
    waits = {
        asyncio.ensure_future(other.inbox.wait_for(predicate, timeout=timeout, since=marks[other], what=what if other is agent else f"{what} (at {other.label})")): other
        for other in order
    }
    pending = set(waits)
    try:
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in sorted(done, key=lambda t: waits[t] is not agent):  # the agent's own first
                try:
                    delivery = task.result()
                except StreamBroken:
                    if waits[task] is agent:
                        raise
                    continue  # a colleague whose stream is broken shows nothing: not watched
                if delivery is not None:
                    return waits[task], delivery
        return None
    finally:
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)


async def _clear_away(agent: AgentHandle, where: AgentHandle, delivery: Delivery) -> None:
    """Record an invitation for `agent` that reached `where`; Accept and Complete it there."""
    email = email_of(delivery) or {}
    shown = email.get("id")
    email_id = shown if isinstance(shown, str) else None
    where.strays.append(email_id or "(no id)")
    recorder = current_recorder()
    recorder.note(
        where.label,
        f"routing: email {email_id}, addressed to {agent.label} and awaited there, was offered to {where.label}: "
        "accepted and completed there",
        {"notification": delivery.message},
    )
    count = sum(len(a.strays) for a in (agent, *agent.colleagues))
    agent.observations[ROUTING_OBSERVATION] = (
        f"{count} invitation(s) reached another agent than the one their email was addressed to and awaited at "
        f"([routing].mode = {agent.profile.routing}): each was recorded in its check's evidence, accepted and completed "
        f"where it arrived, and a new email injected in its place ({ATTEMPTS} emails at most per invitation; docs/positions.md#routing-modes)"
    )
    if email_id is None:
        return  # nothing to name in a request: it stays where it arrived
    timeout = where.profile.timeouts.notification
    mark = where.inbox.mark()
    accept = await where.rest.email_operation(email_id, "Accept")
    if went_through(accept):
        try:
            await where.inbox.wait_for(
                lambda d: (email_of(d) or {}).get("id") == email_id and (email_of(d) or {}).get("state") == "Processing",
                timeout=timeout, since=mark, what=f"{where.label} accepting an email meant for {agent.label}",
            )
            complete = await where.rest.email_operation(email_id, "Complete")
            if not went_through(complete):
                recorder.note(where.label, f"routing: {complete.outcome('Complete')}: email {email_id} stays with {where.label}")
            await where.owed.settle()
        except StreamBroken:
            pass  # the stream's own checks say so; the email is left where it is
    else:
        recorder.note(where.label, f"routing: {accept.outcome('Accept')}: email {email_id} stays with {where.label}")
