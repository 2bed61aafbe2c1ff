"""Error notifications: https://docs.genesys.com/Documentation/HTCC/latest/API/EmailMessageType"""

from __future__ import annotations

from conformance import steps, verify
from conformance.clients.bayeux.inbox import Delivery
from conformance.suites import requirement
from conformance.target import AgentHandle, Invitation

WHAT = "Complete of an invitation"


async def _error_of_refused_complete(agent: AgentHandle, invitation: Invitation) -> Delivery:
    sent = await steps.send(agent, invitation.id, "Complete")  # valid only in Processing: refused
    return await verify.provoked_error(sent, what=WHAT)


@requirement("NOTIF-ERROR-01")
async def test_error_notification_type(agent: AgentHandle, invitation: Invitation) -> None:
    """POST Complete on an Invited email; judge the channel and types of the Error notification telling its refusal."""
    verify.error_type(await _error_of_refused_complete(agent, invitation), what=WHAT)


@requirement("NOTIF-ERROR-02")
async def test_error_notification_details(agent: AgentHandle, invitation: Invitation) -> None:
    """POST Complete on an Invited email; validate the Error notification telling its refusal against error-notification."""
    verify.error_details(await _error_of_refused_complete(agent, invitation), what=WHAT)
