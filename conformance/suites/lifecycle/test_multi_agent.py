"""Several agents at once: who wins a race, who may read, operate and listen.

https://docs.genesys.com/Documentation/HTCC/latest/API/EmailAccept
https://docs.genesys.com/Documentation/HTCC/latest/API/AsynchronousEvents
"""

from __future__ import annotations

import asyncio

from conformance import steps, verify
from conformance.clients.bayeux import messages as bx
from conformance.clients.bayeux.session import BayeuxSession
from conformance.clients.outcome import Outcome
from conformance.errors import Blocked, CheckFailed
from conformance.oracle import State, declared, valid_params
from conformance.profile import TargetProfile
from conformance.suites import requirement
from conformance.target import AgentHandle, Invitation, Target
from conformance.target.agent import EMAILS_CHANNEL
from conformance.verify import lifecycle
from conformance.verify.answers import no_answer
from conformance.verify.content import listed_emails
from conformance.verify.notifications import about_email, listened_throughout
from conformance.verify.refusal import judged_outcome

WIDE_SUBSCRIPTIONS = (EMAILS_CHANNEL, "/v2/me/**", "/**")


@requirement("EMAIL-MULTI-01")
async def test_accept_race_has_one_winner(agent: AgentHandle, peer_agent: AgentHandle, invitation: Invitation) -> None:
    """Agents A and B POST Accept on A's invitation at the same time."""
    racers = (agent, peer_agent)
    sents = await asyncio.gather(*(steps.send(racer, invitation.id, "Accept") for racer in racers))
    for racer, sent in zip(racers, sents):
        if sent.reply.error:  # an unanswered Accept says nothing about the race
            raise no_answer(sent.reply, f"the racing Accept of {racer.label}")
    judged = await asyncio.gather(*(judged_outcome(sent) for racer, sent in zip(racers, sents)))
    outcomes = {racer.label: f"{sent.reply.summary()}, {j.outcome}{' (Error notification)' if j.asynchronous else ''}" for racer, sent, j in zip(racers, sents, judged)}
    winners = [index for index, j in enumerate(judged) if j.outcome is Outcome.ACCEPTED]
    if len(winners) != 1:
        raise CheckFailed(f"{len(winners)} of the two racing Accepts succeeded", expected="exactly one Accept accepted, the other refused", observed=outcomes)
    winner, loser = racers[winners[0]], racers[1 - winners[0]]
    won, lost = sents[winners[0]], sents[1 - winners[0]]
    await verify.refusal(lost, what=f"the losing Accept of {loser.label}")
    delivery = await verify.email_notification(won, what="the winning Accept")
    verify.email_state(delivery, "Processing")
    await verify.no_notification_about(loser, invitation.id, since=lost.since, what=f"{loser.label}'s lost race")


@requirement("EMAIL-MULTI-02")
async def test_other_agent_cannot_read(agent: AgentHandle, peer_agent: AgentHandle, invitation: Invitation) -> None:
    """Agent A accepts its invitation; agent B GETs that email and lists its own emails."""
    await steps.processing(agent, invitation)
    verify.refused(await peer_agent.rest.get_email(invitation.id), what="GET of another agent's email")
    listed = [e.get("id") for e in listed_emails(await peer_agent.rest.list_emails())]
    if invitation.id in listed:
        raise CheckFailed("agent B's GET /api/v2/me/emails lists agent A's email", expected=f"no {invitation.id}", observed=listed)


@requirement("EMAIL-MULTI-03")
async def test_other_agent_cannot_operate(agent: AgentHandle, peer_agent: AgentHandle, invitation: Invitation, profile: TargetProfile) -> None:
    """Agent A accepts its invitation; agent B POSTs every declared operation on it with valid parameters."""
    await steps.processing(agent, invitation)
    since_a, since_b = agent.inbox.mark(), peer_agent.inbox.mark()
    ctx = steps.param_context(peer_agent, profile, peer=agent)
    for op in declared(profile.features):
        sent = await steps.send(peer_agent, invitation.id, op.name, **valid_params(op.name, ctx))
        await verify.refusal(sent, what=f"{op.name} by {peer_agent.label} on {agent.label}'s email")
    await verify.no_notification_about(peer_agent, invitation.id, since=since_b, what="refused operations on another agent's email")
    await lifecycle.unchanged(agent, invitation.id, state=State.PROCESSING, since=since_a, what="another agent's refused operations", errors=True)


async def _listening_session(peer_agent: AgentHandle) -> BayeuxSession:
    """A second CometD session of agent B, subscribed as widely as the server lets it."""
    session = BayeuxSession(peer_agent.http, peer_agent.profile.cometd_url, actor=f"{peer_agent.label} (listener)")
    timeout = peer_agent.profile.timeouts.http
    await session.handshake(timeout=timeout)
    if session.client_id is None:
        await session.close()
        raise Blocked(f"{peer_agent.label}: second CometD session", "the handshake failed")
    await session.start()
    for channel in WIDE_SUBSCRIPTIONS:
        await session.subscribe(channel, timeout=timeout)  # a refused subscription is fine: it delivers nothing
    return session


@requirement("EMAIL-MULTI-04")
async def test_no_events_of_other_agents(agent: AgentHandle, peer_agent: AgentHandle, invitation: Invitation, target: Target, profile: TargetProfile) -> None:
    """Agent B subscribes a second session to /v2/me/emails, /v2/me/** and /**, and POSTs /meta/connect with agent A's clientId; A accepts and updates its email."""
    listener = await _listening_session(peer_agent)
    try:
        since = listener.inbox.mark()
        email = await steps.processing(agent, invitation)
        if profile.declares("user-data"):
            await steps.operated(agent, email, "AttachUserData", step="AttachUserData (precondition)", **valid_params("AttachUserData", steps.param_context(agent, profile)))
        await target.settle()  # A's late notifications are out: a leak would have reached B by now
        window = target.negative_window()
        heard = await listener.inbox.expect_none(about_email(invitation.id), window=window, since=since)
        if heard is not None:
            raise CheckFailed(
                f"{peer_agent.label}'s second session, subscribed to {', '.join(WIDE_SUBSCRIPTIONS)}, received {agent.label}'s event",
                expected=f"no event about {invitation.id} within {window:.2f} s",
                observed=heard.message,
            )
        listened_throughout(listener, f"{peer_agent.label}'s second session", f"{agent.label}'s operations")
    finally:
        await listener.close()
    client_id = agent.bayeux.client_id
    if client_id is None:
        raise Blocked(f"{agent.label}: CometD session", "agent A has no clientId")
    stolen = await peer_agent.bayeux.wire.send(
        [bx.connect(peer_agent.bayeux.ids.next(), client_id, "long-polling", advice={"timeout": 0})], timeout=profile.timeouts.http
    )
    answer = next(iter(stolen.by_channel(bx.CONNECT)), None)
    if answer is not None and answer.get("successful") is True:
        raise CheckFailed(
            f"a /meta/connect of {peer_agent.label} carrying {agent.label}'s clientId succeeded: it can poll {agent.label}'s events",
            expected="successful false (e.g. 402::Unknown client)",
            observed=stolen.messages,
        )
    leaked = [m for m in stolen.deliveries if str(m.get("channel", "")).startswith("/v2/")]
    if leaked:
        raise CheckFailed(f"{peer_agent.label}, presenting {agent.label}'s clientId, received events", expected="no events", observed=leaked)

