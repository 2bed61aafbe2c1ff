"""EmailCreate: https://docs.genesys.com/Documentation/HTCC/latest/API/EmailCreate"""

from __future__ import annotations

from typing import Any

from conformance import steps, verify
from conformance.errors import CheckFailed
from conformance.oracle import create_params
from conformance.oracle.params import USER_DATA
from conformance.profile import TargetProfile
from conformance.suites import requirement
from conformance.target import AgentHandle, Invitation
from conformance.verify import lifecycle
from conformance.verify.content import parent_named, user_data_holds

MISTYPED: list[dict[str, Any]] = [{"queueUri": 5}, {"parentId": 5}, {"userData": [1]}]  # nested userData values may be taken (EMAIL-USERDATA-03)


@requirement("EMAIL-CREATE-01")
async def test_create_answers_200(agent: AgentHandle, profile: TargetProfile) -> None:
    """POST Create with a queueUri to /api/v2/me/emails."""
    sent = await steps.send_create(agent, **create_params(profile.base_url, profile.deployment))
    verify.success_answer(sent.reply, "Create")


@requirement("EMAIL-CREATE-02")
async def test_create_notifies_a_draft(agent: AgentHandle, profile: TargetProfile) -> None:
    """POST Create; judge the notification of the new email against the lifecycle model."""
    sent = await steps.send_create(agent, **create_params(profile.base_url, profile.deployment))
    verify.success_answer(sent.reply, "Create")
    delivery = await lifecycle.new_email_notification(sent, what="Create")
    lifecycle.draft_created(delivery, profile.features, after="Create")
    email = verify.email_resource(delivery)
    uri, email_id = email.get("uri"), email.get("id")
    if not isinstance(email_id, str) or not email_id or not isinstance(uri, str) or not uri.endswith(f"/{email_id}"):
        raise CheckFailed("the new email's uri does not end with its id", expected=f".../{email_id}", observed=uri)


@requirement("EMAIL-CREATE-03")
async def test_create_with_parent_and_user_data(agent: AgentHandle, invitation: Invitation, profile: TargetProfile) -> None:
    """Accept an invitation; POST Create with parentId = that email and userData; judge the new email's userData and parentId (when it has one)."""
    parent = await steps.processing(agent, invitation)
    sent = await steps.send_create(agent, **create_params(profile.base_url, profile.deployment, parentId=parent.id, userData=dict(USER_DATA)))
    draft = await steps.new_email(sent, step="Create with parentId")
    parent_named(draft.resource, parent.id, where="the created email")
    user_data_holds(draft.resource, USER_DATA, where="the created email")


@requirement("EMAIL-CREATE-04")
async def test_create_without_queue_uri(agent: AgentHandle) -> None:
    """POST Create without queueUri."""
    sent = await steps.send_create(agent, deliberately_invalid=True)
    verify.refused(sent.reply, status_code=1, what="Create without queueUri")
    await lifecycle.no_new_email(sent, what="a refused Create")


@requirement("EMAIL-CREATE-05")
async def test_create_mistyped_parameters(agent: AgentHandle, profile: TargetProfile) -> None:
    """POST Create with a numeric queueUri or parentId, or userData that is an array or nests an object."""
    sents = []
    for params in MISTYPED:
        sent = await steps.send_create(agent, deliberately_invalid=True, **{"queueUri": profile.deployment.queue_uri(profile.base_url), **params})
        verify.refused(sent.reply, what=f"Create with {params}")
        sents.append(sent)
    await lifecycle.no_new_email(sents[0], what="refused Creates")
