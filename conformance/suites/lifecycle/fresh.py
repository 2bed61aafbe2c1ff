"""A fresh email of one agent in a given state, as the lifecycle model tracks it (preconditions)."""

from __future__ import annotations

from conformance.errors import NotApplicable
from conformance.model import State
from conformance.steps.reach import Email, draft, operated, processing
from conformance.steps.tracked import Tracked
from conformance.target import AgentHandle, invite
from conformance.verify.lifecycle import advertised


async def _email_in(agent: AgentHandle, state: State) -> Email:
    if state is State.INVITED:
        invitation = await invite(agent)
        return Email(invitation.id, invitation.delivery)
    if state is State.PROCESSING:
        return await processing(agent, await invite(agent))
    if state is State.COMPOSING:
        return await draft(agent)
    if state is State.COMPLETED:
        return await operated(agent, await _email_in(agent, State.PROCESSING), "Complete", step="Complete (precondition)", state="Completed")
    if state is State.CANCELED:
        if not agent.profile.declares("cancel"):
            raise NotApplicable("reaching Canceled needs the feature cancel")
        return await operated(agent, await _email_in(agent, State.COMPOSING), "Cancel", step="Cancel (precondition)", state="Canceled")
    raise ValueError(f"the suite cannot bring an email into state {state}")


async def fresh(agent: AgentHandle, state: State, *, label: str = "E") -> Tracked:
    """A new email of `agent` in `state` (BLOCKED if a step to get there fails)."""
    email = await _email_in(agent, state)
    return Tracked(email.id, agent, state, advertised(email.delivery), label)
