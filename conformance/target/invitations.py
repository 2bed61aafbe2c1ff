"""Get an invitation delivered to an agent: inject an inbound email, wait for Invited."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from conformance.clients.bayeux.inbox import Delivery, Predicate
from conformance.errors import Blocked
from conformance.target.agent import EMAILS_CHANNEL, AgentHandle
from conformance.target.injectors import InboundEmail
from conformance.target.owed import email_of, matched_email


@dataclass(frozen=True)
class Invitation:
    id: str
    agent: AgentHandle
    delivery: Delivery  # the Invited notification
    email: InboundEmail

    @property
    def notification(self) -> dict[str, Any]:
        data: dict[str, Any] = self.delivery.data  # is_invitation_for matched an object with an email
        return data


def is_invitation_for(token: str | None) -> Predicate:
    def matches(delivery: Delivery) -> bool:
        email = email_of(delivery)
        if delivery.channel != EMAILS_CHANNEL or email is None or email.get("state") != "Invited":
            return False
        if token is None:
            return isinstance(email.get("id"), str)
        return token in str(email.get("subject", "")) and isinstance(email.get("id"), str)

    return matches


async def invite(agent: AgentHandle, *, subject: str = "Conformance check", **fields: Any) -> Invitation:
    """Inject an email addressed to `agent` and wait for its invitation (BLOCKED if none)."""
    agent.require_ready()
    agent.give_up_early("invitation")
    profile = agent.profile
    manual = profile.injector.kind == "manual"
    token = None if manual else f"[gwsct-{secrets.token_hex(6)}]"
    email = InboundEmail(
        to=[agent.account.address or f"{agent.account.username}@invalid"],
        subject=f"{subject} {token}" if token else subject,
        body=fields.pop("body", "Hello from the conformance suite."),
        **fields,
    )
    mark = agent.inbox.mark()
    await agent.injector.inject(email)
    delivery = await agent.inbox.wait_for(
        is_invitation_for(token), timeout=profile.timeouts.invitation, since=mark, what=f"the invitation of {agent.label}"
    )
    agent.note_wait("invitation", arrived=delivery is not None)
    if delivery is None:
        how = "waiting for a manual invitation" if manual else f"injecting an email via {profile.injector.kind}"
        raise Blocked(
            f"{agent.label}: invitation",
            f"no Invited EmailStateChangeMessage on {EMAILS_CHANNEL} within {profile.timeouts.invitation:g} s after {how}",
        )
    return Invitation(matched_email(delivery)["id"], agent, delivery, email)
