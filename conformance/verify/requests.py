"""Sending an email operation as a check's stimulus, remembering where the inbox stood."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance.clients.rest import RestReply
from conformance.model import ParamContext
from conformance.profile import TargetProfile
from conformance.target import AgentHandle


@dataclass(frozen=True)
class Sent:
    reply: RestReply
    since: int  # the actor's inbox mark taken just before the request


async def send(agent: AgentHandle, email_id: str, operation: str, *, deliberately_invalid: bool = False, **params: Any) -> Sent:
    """POST `operation` on /api/v2/me/emails/{email_id}."""
    since = agent.inbox.mark()
    reply = await agent.rest.email_operation(email_id, operation, deliberately_invalid=deliberately_invalid, **params)
    return Sent(reply, since)


async def send_create(agent: AgentHandle, *, deliberately_invalid: bool = False, **params: Any) -> Sent:
    """POST Create on the collection /api/v2/me/emails."""
    since = agent.inbox.mark()
    reply = await agent.rest.create_email(deliberately_invalid=deliberately_invalid, **params)
    return Sent(reply, since)


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
    )
