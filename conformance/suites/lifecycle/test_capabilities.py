"""Capabilities as a contract: https://enu.docs.genesys.com/Documentation/GWS/8.5.2/API/WhatAreCapabilities

In every state the suite reaches, what is advertised must match the state, what is not
advertised must be refused without any effect, and what is advertised must be accepted.
"""

from __future__ import annotations

import pytest

from conformance import steps
from conformance.oracle import OPERATIONS, Expected, State, coverage_of, create_params, declared, expected_outcome
from conformance.profile import TargetProfile
from conformance.steps.tracked import Tracked
from conformance.suites import requirement
from conformance.target import AgentHandle, Target, invite
from conformance.verify import lifecycle

REFUSING_STATES = [State.INVITED, State.PROCESSING, State.COMPOSING, State.COMPLETED, State.CANCELED]
ACCEPTING_STATES = [State.INVITED, State.PROCESSING, State.COMPOSING]


def _note_coverage(target: Target, profile: TargetProfile) -> None:
    coverage_of(target).note(profile.features)


async def _walk(agent: AgentHandle, email: Tracked, operation: str, *, target: Target, peer: AgentHandle | None = None) -> Tracked | None:
    return await steps.perform(agent, email, operation, peer=peer, coverage=coverage_of(target), what=f"{operation} on {email.label}")


@requirement("EMAIL-CAPS-01")
async def test_capabilities_follow_the_lifecycle(agent: AgentHandle, target: Target, profile: TargetProfile) -> None:
    """Walk one inbound email from Invited through Processing (user data, Reply, Save, Cancel) to Completed, and Create a draft; judge every notification's capabilities."""
    features = profile.features
    invitation = await invite(agent)
    lifecycle.capabilities_match(invitation.delivery, State.INVITED, features, after="the invitation")
    inbound = Tracked(invitation.id, agent, State.INVITED, lifecycle.advertised(invitation.delivery), "inbound")
    await _walk(agent, inbound, "Accept", target=target)
    if profile.declares("user-data"):
        await _walk(agent, inbound, "AttachUserData", target=target)
    if profile.declares("reply"):
        reply = await _walk(agent, inbound, "Reply", target=target)
        if reply is not None:
            reply.label = "reply"
            if profile.declares("save-send"):
                await _walk(agent, reply, "Save", target=target)
            if profile.declares("cancel"):
                await _walk(agent, reply, "Cancel", target=target)
    if profile.declares("create"):
        sent = await steps.send_create(agent, **create_params(profile.base_url, profile.deployment))
        steps.require_accepted(sent.reply, "Create")
        created = await lifecycle.new_email_notification(sent, what="Create")
        lifecycle.draft_created(created, features, after="Create")
    await _walk(agent, inbound, "Complete", target=target)
    _note_coverage(target, profile)


@requirement("EMAIL-CAPS-02")
@pytest.mark.parametrize("state", REFUSING_STATES, ids=str)
async def test_unadvertised_operations_refused(agent: AgentHandle, target: Target, profile: TargetProfile, state: State) -> None:
    """Bring a fresh email into the state; POST every operation it does not advertise; then watch for notifications and GET it."""
    email = await steps.fresh(agent, state)
    since = agent.inbox.mark()
    for op in declared(profile.features):
        if op.name not in email.capabilities and expected_outcome(email.state, op, email.capabilities) is Expected.REFUSED:
            await steps.perform(agent, email, op.name, peer=None, coverage=coverage_of(target), what=f"{op.name} on a {state} email not advertising it")
    await lifecycle.unchanged(agent, email.id, state=state, since=since, what=f"operations refused in {state}")
    _note_coverage(target, profile)


def _keeps_state(name: str) -> bool:
    return OPERATIONS[name].next_state is None


@requirement("EMAIL-CAPS-03")
@pytest.mark.parametrize("state", ACCEPTING_STATES, ids=str)
async def test_advertised_operations_accepted(agent: AgentHandle, peer_agent: AgentHandle, target: Target, profile: TargetProfile, state: State) -> None:
    """Bring a fresh email into the state; POST each advertised operation with valid parameters (those ending the state on fresh emails)."""
    shared = await steps.fresh(agent, state)
    judged = {op.name for op in declared(profile.features)}
    names = [name for name in OPERATIONS if name in shared.capabilities and name in judged]
    unjudged = [name for name in shared.capabilities if name not in judged]
    if unjudged:
        lifecycle.note_once(f"not judged (no documented parameters, or feature not declared): {', '.join(unjudged)} advertised in {state}")
    ending = [name for name in names if not _keeps_state(name)]
    for name in [n for n in names if _keeps_state(n)]:
        await steps.perform(agent, shared, name, peer=peer_agent, coverage=coverage_of(target), what=f"advertised {name} in {state}")
    for index, name in enumerate(ending):
        email = shared if index == 0 else await steps.fresh(agent, state)
        await steps.perform(agent, email, name, peer=peer_agent, coverage=coverage_of(target), what=f"advertised {name} in {state}")
    _note_coverage(target, profile)
