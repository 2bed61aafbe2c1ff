"""EmailReply and EmailReplyAll:
https://docs.genesys.com/Documentation/GWS/8.5.2/API/EmailReply
https://enu.docs.genesys.com/Documentation/GWS/8.5.2/API/EmailReplyAll
"""

from __future__ import annotations

from typing import Any

from conformance import steps, verify
from conformance.oracle import State, valid_params
from conformance.profile import TargetProfile
from conformance.suites import requirement
from conformance.target import AgentHandle, Invitation, invite
from conformance.target.sent import Sent
from conformance.verify import lifecycle
from conformance.verify.content import fields_echo, parent_named
from conformance.verify.quoting import original_lines, reply_quote

REPLY_TO = "replies@example.test"
CC = ["first-cc@example.test", "second-cc@example.test"]
PREFIX = "RE: "
START_LINE = "The customer wrote:"
INDENT = ">"
MISTYPED: list[dict[str, Any]] = [{"quoteOriginal": "yes"}, {"userData": [1]}, {"subjectPrefix": 5}, {"body": 5}]


def _reply_params(agent: AgentHandle, profile: TargetProfile, operation: str = "Reply", **extra: Any) -> dict[str, Any]:
    return {**valid_params(operation, steps.param_context(agent, profile)), **extra}


async def _reply(agent: AgentHandle, profile: TargetProfile, inbound_id: str, operation: str = "Reply", **extra: Any) -> Sent:
    return await steps.send(agent, inbound_id, operation, **_reply_params(agent, profile, operation, **extra))


@requirement("EMAIL-REPLY-01")
async def test_reply_answers_200(agent: AgentHandle, invitation: Invitation, profile: TargetProfile) -> None:
    """Accept an invitation, POST Reply with queueUri and a body."""
    await steps.processing(agent, invitation)
    sent = await _reply(agent, profile, invitation.id)
    verify.success_answer(sent.reply, "Reply")


@requirement("EMAIL-REPLY-02")
async def test_reply_creates_a_draft(agent: AgentHandle, invitation: Invitation, profile: TargetProfile) -> None:
    """Accept an invitation, POST Reply; judge the notification of the new email against the lifecycle model."""
    await steps.processing(agent, invitation)
    sent = await _reply(agent, profile, invitation.id)
    steps.require_accepted(sent.reply, "Reply")
    delivery = await lifecycle.new_email_notification(sent, what="Reply")
    lifecycle.draft_created(delivery, profile.features, after="Reply")


@requirement("EMAIL-REPLY-03")
async def test_reply_names_its_parent(agent: AgentHandle, invitation: Invitation, profile: TargetProfile) -> None:
    """Accept an invitation, POST Reply; judge parentId of the new email, when it has one."""
    await steps.processing(agent, invitation)
    sent = await _reply(agent, profile, invitation.id)
    draft = await steps.new_email(sent, step="Reply notification")
    parent_named(draft.resource, invitation.id, where="the reply")


@requirement("EMAIL-REPLY-04")
async def test_reply_all_addresses(agent: AgentHandle, profile: TargetProfile) -> None:
    """Inject an email with Reply-To and two CC; accept it; POST ReplyAll with a subjectPrefix; judge the new email."""
    inbound = await steps.processing(agent, await invite(agent, reply_to=REPLY_TO, cc=list(CC)))
    original = inbound.resource
    sent = await _reply(agent, profile, inbound.id, "ReplyAll", subjectPrefix=PREFIX)
    verify.success_answer(sent.reply, "ReplyAll")
    delivery = await lifecycle.new_email_notification(sent, what="ReplyAll")
    expected_from = original["to"][0] if isinstance(original.get("to"), list) and original["to"] else None
    fields_echo(
        verify.email_resource(delivery),
        {"to": [REPLY_TO], "cc": list(CC), "from": expected_from, "subject": PREFIX + str(original.get("subject"))},
        where="the ReplyAll email",
    )


@requirement("EMAIL-REPLY-05")
async def test_reply_addresses(agent: AgentHandle, profile: TargetProfile) -> None:
    """Inject an email with Reply-To; accept it; POST Reply with a subjectPrefix; judge the new email."""
    inbound = await steps.processing(agent, await invite(agent, reply_to=REPLY_TO))
    original = inbound.resource
    sent = await _reply(agent, profile, inbound.id, subjectPrefix=PREFIX)
    draft = await steps.new_email(sent, step="Reply")
    expected_from = original["to"][0] if isinstance(original.get("to"), list) and original["to"] else None
    fields_echo(
        draft.resource,
        {"to": [REPLY_TO], "from": expected_from, "subject": PREFIX + str(original.get("subject"))},
        where="the Reply email",
    )


@requirement("EMAIL-REPLY-06")
async def test_reply_quotes_original(agent: AgentHandle, invitation: Invitation, profile: TargetProfile) -> None:
    """Accept an invitation; POST Reply with quoteOriginal true (start line, indent), then Reply with quoteOriginal false; judge each new body."""
    inbound = await steps.processing(agent, invitation)
    original = original_lines(inbound.resource, invitation.email.body)
    quoting = await _reply(agent, profile, inbound.id, quoteOriginal=True, replyToStartLine=START_LINE, indentCharacter=INDENT)
    steps.require_accepted(quoting.reply, "Reply with quoteOriginal true")
    quoted = await steps.new_email(quoting, step="Reply with quoteOriginal true")
    reply_quote(quoted.resource, original, quoting=True, start_line=START_LINE, indent=INDENT, where="the reply")
    plain = await _reply(agent, profile, inbound.id, quoteOriginal=False)
    unquoted = await steps.new_email(plain, step="Reply with quoteOriginal false")
    reply_quote(unquoted.resource, original, quoting=False, start_line=START_LINE, indent=INDENT, where="the reply")


@requirement("EMAIL-REPLY-07")
async def test_reply_mistyped_parameters(agent: AgentHandle, invitation: Invitation, profile: TargetProfile) -> None:
    """Accept an invitation; POST Reply with each mistyped parameter in turn."""
    await steps.processing(agent, invitation)
    sents = []
    for params in MISTYPED:
        sent = await steps.send(agent, invitation.id, "Reply", deliberately_invalid=True, **_reply_params(agent, profile, **params))
        await verify.refusal(sent, what=f"Reply with {params}")
        sents.append(sent)
    await lifecycle.no_new_email(sents[0], what="refused Replies")
    await lifecycle.unchanged(agent, invitation.id, state=State.PROCESSING, since=sents[0].since, what="refused Replies")
