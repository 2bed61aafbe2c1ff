"""EmailSave: https://docs.genesys.com/Documentation/HTCC/latest/API/EmailSave"""

from __future__ import annotations

from typing import Any

from conformance import steps, verify
from conformance.oracle import State
from conformance.oracle.params import draft_fields
from conformance.profile import TargetProfile
from conformance.suites import requirement
from conformance.target import AgentHandle
from conformance.verify import lifecycle
from conformance.verify.content import fields_echo

ECHOED = ("subject", "body", "bodyAsPlainText", "to", "from", "cc", "bcc")


def _fields(agent: AgentHandle, subject: str = "Saved by the conformance suite") -> dict[str, Any]:
    return draft_fields(agent.account.address or f"{agent.account.username}@example.test", subject)


def _without(fields: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if k != name}


@requirement("EMAIL-SAVE-01")
async def test_save_answers_200(agent: AgentHandle) -> None:
    """Get a draft; POST Save with every email field."""
    email = await steps.draft(agent)
    sent = await steps.send(agent, email.id, "Save", email=_fields(agent))
    verify.success_answer(sent.reply, "Save")


@requirement("EMAIL-SAVE-02")
async def test_save_notified_as_email_saved(agent: AgentHandle, profile: TargetProfile) -> None:
    """Get a draft; POST Save; judge its notification against the lifecycle model."""
    email = await steps.draft(agent)
    sent = await steps.send(agent, email.id, "Save", email=_fields(agent))
    steps.require_accepted(sent.reply, "Save")
    delivery = await verify.email_notification(sent, what="Save")
    lifecycle.transition(delivery, State.COMPOSING, "Save", profile.features)


@requirement("EMAIL-SAVE-03")
async def test_saved_fields_echo(agent: AgentHandle) -> None:
    """Get a draft; POST Save; compare the EmailSaved notification and a GET with the request."""
    email = await steps.draft(agent)
    fields = _fields(agent, "Echo me")
    sent = await steps.send(agent, email.id, "Save", email=fields)
    steps.require_accepted(sent.reply, "Save")
    delivery = await verify.email_notification(sent, what="Save")
    expected = {name: fields[name] for name in ECHOED}
    fields_echo(verify.email_resource(delivery), expected, where="the EmailSaved notification")
    fields_echo(verify.fetched_email(await agent.rest.get_email(email.id), email.id), expected, where="GET after Save")


@requirement("EMAIL-SAVE-04")
async def test_save_missing_parameters(agent: AgentHandle) -> None:
    """Get a draft; POST Save without email, then with an email lacking to, then lacking from."""
    email = await steps.draft(agent)
    since = agent.inbox.mark()
    fields = _fields(agent)
    for params in ({}, {"email": _without(fields, "to")}, {"email": _without(fields, "from")}):
        sent = await steps.send(agent, email.id, "Save", deliberately_invalid=True, **params)
        await verify.refusal(sent, status_code=1, what=f"Save with {params or 'no email'}")
    await lifecycle.unchanged(agent, email.id, state=State.COMPOSING, since=since, what="refused Saves")


@requirement("EMAIL-SAVE-05")
async def test_save_mistyped_fields(agent: AgentHandle) -> None:
    """Get a draft; POST Save whose email is a string, or whose to, from or cc is mistyped."""
    email = await steps.draft(agent)
    since = agent.inbox.mark()
    fields = _fields(agent)
    for params in (
        {"email": "not an object"},
        {"email": {**fields, "to": 5}},
        {"email": {**fields, "to": []}},
        {"email": {**fields, "from": ""}},
        {"email": {**fields, "cc": [1]}},
    ):
        sent = await steps.send(agent, email.id, "Save", deliberately_invalid=True, **params)
        await verify.refusal(sent, what=f"Save with {params}")
    await lifecycle.unchanged(agent, email.id, state=State.COMPOSING, since=since, what="refused Saves")
