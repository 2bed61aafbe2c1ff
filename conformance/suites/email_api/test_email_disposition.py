"""EmailSetDisposition: https://docs.genesys.com/Documentation/HTCC/latest/API/EmailSetDisposition"""

from __future__ import annotations

import secrets
from typing import Any

from conformance import steps, verify
from conformance.errors import CheckFailed
from conformance.oracle import State
from conformance.oracle.params import DISPOSITION, DISPOSITION_KEY
from conformance.profile import TargetProfile
from conformance.suites import requirement
from conformance.target import AgentHandle, Invitation
from conformance.verify import lifecycle
from conformance.verify.content import user_data, user_data_holds

# An empty disposition is no mistake: nothing documents its refusal (it may clear the value).
MISTYPED: list[dict[str, Any]] = [
    {"disposition": 5, "dispositionKey": DISPOSITION_KEY},
    {"disposition": DISPOSITION, "dispositionKey": []},
    {"disposition": DISPOSITION, "dispositionKey": ""},
]


@requirement("EMAIL-DISPOSITION-01")
async def test_set_disposition_answers_200(agent: AgentHandle, invitation: Invitation) -> None:
    """Accept an invitation; POST SetDisposition with disposition and dispositionKey."""
    await steps.processing(agent, invitation)
    sent = await steps.send(agent, invitation.id, "SetDisposition", disposition=DISPOSITION, dispositionKey=DISPOSITION_KEY)
    verify.success_answer(sent.reply, "SetDisposition")


@requirement("EMAIL-DISPOSITION-02")
async def test_disposition_under_key(agent: AgentHandle, invitation: Invitation, profile: TargetProfile) -> None:
    """Accept an invitation; POST SetDisposition with a dispositionKey; judge its notification."""
    await steps.processing(agent, invitation)
    sent = await steps.send(agent, invitation.id, "SetDisposition", disposition=DISPOSITION, dispositionKey=DISPOSITION_KEY)
    steps.require_accepted(sent.reply, "SetDisposition")
    delivery = await verify.email_notification(sent, what="SetDisposition")
    lifecycle.transition(delivery, State.PROCESSING, "SetDisposition", profile.features)
    user_data_holds(verify.email_resource(delivery), {DISPOSITION_KEY: DISPOSITION}, where="the SetDisposition notification")


@requirement("EMAIL-DISPOSITION-03")
async def test_disposition_default_key(agent: AgentHandle, invitation: Invitation, profile: TargetProfile) -> None:
    """Accept an invitation; POST SetDisposition without dispositionKey; look for the value under some key."""
    before = user_data((await steps.processing(agent, invitation)).resource, where="the Accept notification")
    disposition = f"gwsct-{secrets.token_hex(4)}"
    sent = await steps.send(agent, invitation.id, "SetDisposition", disposition=disposition)
    verify.success_answer(sent.reply, "SetDisposition without dispositionKey")
    delivery = await verify.email_notification(sent, what="SetDisposition")
    lifecycle.transition(delivery, State.PROCESSING, "SetDisposition", profile.features)
    after = user_data(verify.email_resource(delivery), where="the SetDisposition notification")
    if not any(value == disposition and before.get(key) != disposition for key, value in after.items()):
        raise CheckFailed("no user-data key holds the disposition", expected=f"some key = {disposition!r}", observed=after)


@requirement("EMAIL-DISPOSITION-04")
async def test_set_disposition_invalid(agent: AgentHandle, invitation: Invitation) -> None:
    """Accept an invitation; POST SetDisposition without disposition, then with mistyped values."""
    await steps.processing(agent, invitation)
    missing = await steps.send(agent, invitation.id, "SetDisposition", deliberately_invalid=True, dispositionKey=DISPOSITION_KEY)
    await verify.refusal(missing, status_code=1, what="SetDisposition without disposition")
    for params in MISTYPED:
        sent = await steps.send(agent, invitation.id, "SetDisposition", deliberately_invalid=True, **params)
        await verify.refusal(sent, what=f"SetDisposition with {params}")
    await lifecycle.unchanged(agent, invitation.id, state=State.PROCESSING, since=missing.since, what="refused SetDisposition")
