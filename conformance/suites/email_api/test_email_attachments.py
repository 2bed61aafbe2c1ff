"""EmailAddAttachment and EmailRemoveAttachment:
https://docs.genesys.com/Documentation/HTCC/latest/API/EmailAddAttachment
https://docs.genesys.com/Documentation/HTCC/latest/API/EmailRemoveAttachment
"""

from __future__ import annotations

from typing import Any

from conformance import steps, verify
from conformance.errors import CheckFailed
from conformance.oracle import State
from conformance.oracle.params import unknown_document_id
from conformance.profile import TargetProfile
from conformance.suites import requirement
from conformance.target import AgentHandle
from conformance.verify import lifecycle
from conformance.verify.content import attachment, fields_echo


def _document(agent: AgentHandle, attached: tuple[str, ...] = ()) -> dict[str, Any]:
    """A document of the profile's contact store, not one of `attached` (NOT-APPLICABLE without one)."""
    return {"documentId": agent.profile.deployment.free_document(attached), "name": "note.txt", "size": 12, "mime": "text/plain"}


@requirement("EMAIL-ATTACH-01")
async def test_add_attachment_answers_200(agent: AgentHandle) -> None:
    """Get a draft; POST AddAttachment with documentId, name, size and mime."""
    document = _document(agent)
    email = await steps.draft(agent)
    sent = await steps.send(agent, email.id, "AddAttachment", **document)
    verify.success_answer(sent.reply, "AddAttachment")


@requirement("EMAIL-ATTACH-02")
async def test_add_attachment_notified(agent: AgentHandle, profile: TargetProfile) -> None:
    """Get a draft; POST AddAttachment; judge its notification and the attachment entry."""
    document = _document(agent)
    email = await steps.draft(agent)
    sent = await steps.send(agent, email.id, "AddAttachment", **document)
    steps.require_accepted(sent.reply, "AddAttachment")
    delivery = await verify.email_notification(sent, what="AddAttachment")
    verify.email_field(delivery, "email.id", email.id)
    lifecycle.transition(delivery, State.COMPOSING, "AddAttachment", profile.features)
    entry = attachment(verify.email_resource(delivery), document["documentId"], where="the AttachmentAdded notification")
    if entry is None:
        raise CheckFailed("attachments hold no entry for the document", expected={"id": document["documentId"]}, observed=verify.email_resource(delivery).get("attachments"))
    fields_echo(entry, {"name": document["name"], "mime": document["mime"]}, where="the attachment entry")


@requirement("EMAIL-ATTACH-03")
async def test_remove_attachment_notified(agent: AgentHandle, profile: TargetProfile) -> None:
    """Get a draft and attach a document; POST RemoveAttachment of it."""
    document = _document(agent)
    email = await steps.draft(agent)
    await steps.operated(agent, email, "AddAttachment", step="AddAttachment (precondition)", **document)
    sent = await steps.send(agent, email.id, "RemoveAttachment", documentId=document["documentId"])
    steps.require_accepted(sent.reply, "RemoveAttachment")
    delivery = await verify.email_notification(sent, what="RemoveAttachment")
    lifecycle.transition(delivery, State.COMPOSING, "RemoveAttachment", profile.features)
    if attachment(verify.email_resource(delivery), document["documentId"], where="the AttachmentRemoved notification") is not None:
        raise CheckFailed("the removed document is still listed", expected="no entry", observed=verify.email_resource(delivery).get("attachments"))


@requirement("EMAIL-ATTACH-04")
async def test_attachment_without_valid_document(agent: AgentHandle) -> None:
    """Get a draft holding an attachment; POST AddAttachment and RemoveAttachment without documentId, then each with a
    documentId that is not a non-empty string, then AddAttachment with a negative size."""
    # With an attachment to remove, only the missing documentId is wrong: a target that checks
    # whether the operation can apply before reading parameters answers 1 too.
    held = _document(agent)
    email = await steps.operated(agent, await steps.draft(agent), "AddAttachment", step="AddAttachment (precondition)", **held)
    since = agent.inbox.mark()
    for operation in ("AddAttachment", "RemoveAttachment"):
        sent = await steps.send(agent, email.id, operation, deliberately_invalid=True)
        await verify.refusal(sent, status_code=1, what=f"{operation} without documentId")
    mistyped: list[tuple[str, dict[str, Any]]] = [
        *((operation, {"documentId": bad}) for operation in ("AddAttachment", "RemoveAttachment") for bad in (5, "")),
        ("AddAttachment", {**_document(agent, attached=(held["documentId"],)), "size": -1}),
    ]
    for operation, params in mistyped:
        sent = await steps.send(agent, email.id, operation, deliberately_invalid=True, **params)
        await verify.refusal(sent, what=f"{operation} with {params}")
    await lifecycle.unchanged(agent, email.id, state=State.COMPOSING, since=since, what="refused attachment requests")


@requirement("EMAIL-ATTACH-05")
async def test_remove_unknown_attachment(agent: AgentHandle) -> None:
    """Get a draft; POST RemoveAttachment of a documentId it never held."""
    email = await steps.draft(agent)
    sent = await steps.send(agent, email.id, "RemoveAttachment", documentId=unknown_document_id())
    await verify.refusal(sent, what="RemoveAttachment of a document not attached")
    await lifecycle.unchanged(agent, email.id, state=State.COMPOSING, since=sent.since, what="a refused RemoveAttachment")
