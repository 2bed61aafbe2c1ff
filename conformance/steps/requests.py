"""Sending an email operation as a check's stimulus, remembering where the inbox stood."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from conformance.clients.outcome import went_through
from conformance.evidence import current_recorder
from conformance.oracle import ParamContext
from conformance.profile import TargetProfile
from conformance.target import AgentHandle
from conformance.target.owed import CREATING, reference_id_of
from conformance.target.sent import Sent
from conformance.verify.lifecycle import caused_new_email
from conformance.verify.refusal import judged_outcome

MISSING_PARAMETER = 1  # statusCode: a required parameter is missing (docs/positions.md#status-codes)


async def send(agent: AgentHandle, email_id: str, operation: str, *, deliberately_invalid: bool = False, **params: Any) -> Sent:
    """POST `operation` on /api/v2/me/emails/{email_id}.

    DeleteUserData names its keys in `keys` as the sample does; a target that refuses them as a
    missing parameter (statusCode 1) follows the parameter table, which names them `userData`
    (docs/positions.md#delete-user-data-keys): the request is sent again in that form, and judged as answered.
    """
    if operation in CREATING:
        return await _one_new_email_at_a_time(agent, lambda: _send(agent, email_id, operation, deliberately_invalid, params))
    return await _send(agent, email_id, operation, deliberately_invalid, params)


async def _send(agent: AgentHandle, email_id: str, operation: str, deliberately_invalid: bool, params: dict[str, Any]) -> Sent:
    since = agent.inbox.mark()
    reply = await agent.rest.email_operation(email_id, operation, deliberately_invalid=deliberately_invalid, **params)
    if operation == "DeleteUserData" and not deliberately_invalid and isinstance(params.get("keys"), list) and "userData" not in params:
        judged = await judged_outcome(Sent(agent, email_id, reply, since))
        if judged.refused_with(reply) == MISSING_PARAMETER:
            current_recorder().note(agent.label, "DeleteUserData with keys was refused as missing a parameter: sent again with the table's userData")
            since = agent.inbox.mark()  # the first attempt's Error notification is no answer to the second
            # Outside our request schema, which holds our position (keys): flagged as such.
            reply = await agent.rest.email_operation(email_id, operation, deliberately_invalid=True, userData=dict.fromkeys(params["keys"], ""))
    return Sent(agent, email_id, reply, since)


async def send_create(agent: AgentHandle, *, deliberately_invalid: bool = False, **params: Any) -> Sent:
    """POST Create on the collection /api/v2/me/emails."""

    async def create() -> Sent:
        since = agent.inbox.mark()
        reply = await agent.rest.create_email(deliberately_invalid=deliberately_invalid, **params)
        return Sent(agent, None, reply, since)

    return await _one_new_email_at_a_time(agent, create)


async def _one_new_email_at_a_time(agent: AgentHandle, request: Callable[[], Awaitable[Sent]]) -> Sent:
    """Send a request that creates an email, its new email on the agent's stream before the next
    one goes out. Without a referenceId in the answer, the new email is known only as the first
    new one on the stream (docs/positions.md#reference-id): two in flight at once, from checks
    running concurrently, could each take the other's."""
    async with agent.creating:
        sent = await request()
        if went_through(sent.reply) and reference_id_of(sent.reply) is None:
            # Bounded by the notification timeout; the check judges the notification itself, and
            # does not wait the timeout a second time when it ran out here.
            found = await agent.inbox.wait_for(caused_new_email(sent), timeout=agent.profile.timeouts.notification, since=sent.since)
            if found is None:
                sent = replace(sent, new_email_overdue=True)
    return sent


def param_context(
    agent: AgentHandle,
    profile: TargetProfile,
    *,
    peer: AgentHandle | None = None,
    attached: tuple[str, ...] = (),
    user_data_keys: tuple[str, ...] = (),
) -> ParamContext:
    """What the model needs to build valid parameters for `agent`'s requests."""
    return ParamContext(
        base_url=profile.base_url,
        agent_address=agent.account.address or f"{agent.account.username}@example.test",
        peer_user_uri=peer.account.user_uri if peer is not None else None,
        attached=attached,
        user_data_keys=user_data_keys,
        deployment=profile.deployment,
    )
