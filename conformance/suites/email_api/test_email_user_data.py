"""EmailAttachUserData and EmailDeleteUserData:
https://docs.genesys.com/Documentation/GWS/latest/API/EmailAttachUserData
https://docs.genesys.com/Documentation/GWS/8.5.2/API/EmailDeleteUserData
"""

from __future__ import annotations

from conformance import steps, verify
from conformance.oracle import State
from conformance.oracle.params import USER_DATA
from conformance.profile import TargetProfile
from conformance.suites import requirement
from conformance.target import AgentHandle, Invitation
from conformance.verify import lifecycle
from conformance.verify.content import user_data, user_data_holds, user_data_keeps, user_data_lacks

THREE_KEYS = {"GwsctFirst": "one", "GwsctSecond": 2, "GwsctThird": "three"}
# Not an object of key/value pairs. Nested values are no mistake: the docs say only "key/value
# pairs", and Genesys key/value lists nest (a target may accept or refuse them).
MISTYPED_USER_DATA = ["not an object", [1]]


@requirement("EMAIL-USERDATA-01")
async def test_attach_user_data_answers_200(agent: AgentHandle, invitation: Invitation) -> None:
    """Accept an invitation; POST AttachUserData with a string and an integer value."""
    await steps.processing(agent, invitation)
    sent = await steps.send(agent, invitation.id, "AttachUserData", userData=dict(USER_DATA))
    verify.success_answer(sent.reply, "AttachUserData")


@requirement("EMAIL-USERDATA-02")
async def test_attach_user_data_merges(agent: AgentHandle, invitation: Invitation, profile: TargetProfile) -> None:
    """Accept an invitation; POST AttachUserData; compare its notification's userData with the Accept notification's."""
    before = user_data((await steps.processing(agent, invitation)).resource, where="the Accept notification")
    sent = await steps.send(agent, invitation.id, "AttachUserData", userData=dict(USER_DATA))
    steps.require_accepted(sent.reply, "AttachUserData")
    delivery = await verify.email_notification(sent, what="AttachUserData")
    lifecycle.transition(delivery, State.PROCESSING, "AttachUserData", profile.features)
    after = verify.email_resource(delivery)
    user_data_holds(after, USER_DATA, where="the AttachUserData notification")
    user_data_keeps(after, before, where="the AttachUserData notification")


@requirement("EMAIL-USERDATA-03")
async def test_attach_user_data_invalid(agent: AgentHandle, invitation: Invitation) -> None:
    """Accept an invitation; POST AttachUserData without userData, then with mistyped userData."""
    await steps.processing(agent, invitation)
    missing = await steps.send(agent, invitation.id, "AttachUserData", deliberately_invalid=True)
    await verify.refusal(missing, status_code=1, what="AttachUserData without userData")
    for value in MISTYPED_USER_DATA:
        sent = await steps.send(agent, invitation.id, "AttachUserData", deliberately_invalid=True, userData=value)
        await verify.refusal(sent, what=f"AttachUserData with userData {value!r}")
    await lifecycle.unchanged(agent, invitation.id, state=State.PROCESSING, since=missing.since, what="refused AttachUserData")


@requirement("EMAIL-USERDATA-04")
async def test_delete_user_data_removes_keys(agent: AgentHandle, invitation: Invitation, profile: TargetProfile) -> None:
    """Accept an invitation and attach three keys; POST DeleteUserData naming two of them."""
    email = await steps.processing(agent, invitation)
    await steps.operated(agent, email, "AttachUserData", step="AttachUserData (precondition)", userData=dict(THREE_KEYS))
    doomed = ["GwsctFirst", "GwsctSecond"]
    sent = await steps.send(agent, invitation.id, "DeleteUserData", keys=doomed)
    steps.require_accepted(sent.reply, "DeleteUserData")
    delivery = await verify.email_notification(sent, what="DeleteUserData")
    lifecycle.transition(delivery, State.PROCESSING, "DeleteUserData", profile.features)
    user_data_lacks(verify.email_resource(delivery), doomed, where="the DeleteUserData notification")
    user_data_holds(verify.email_resource(delivery), {"GwsctThird": "three"}, where="the DeleteUserData notification")


@requirement("EMAIL-USERDATA-05")
async def test_delete_user_data_invalid(agent: AgentHandle, invitation: Invitation) -> None:
    """Accept an invitation; POST DeleteUserData without keys, then with keys "x" and [1]."""
    await steps.processing(agent, invitation)
    missing = await steps.send(agent, invitation.id, "DeleteUserData", deliberately_invalid=True)
    await verify.refusal(missing, status_code=1, what="DeleteUserData without keys")
    for keys in ("GwsctText", [1]):
        sent = await steps.send(agent, invitation.id, "DeleteUserData", deliberately_invalid=True, keys=keys)
        await verify.refusal(sent, what=f"DeleteUserData with keys {keys!r}")
    await lifecycle.unchanged(agent, invitation.id, state=State.PROCESSING, since=missing.since, what="refused DeleteUserData")
