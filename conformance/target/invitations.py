"""Get an invitation delivered to an agent: inject an inbound email, wait for its first notification.

The invitation is recognised by the token the suite puts in the subject, whatever its state and
shape, so that a malformed one is judged (EMAIL-INVITE-01) rather than waited for in vain; every
other check that needs an invitation is BLOCKED on a malformed one, naming that requirement.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from conformance.clients.bayeux.inbox import Delivery, Predicate
from conformance.errors import Blocked
from conformance.evidence import current_recorder
from conformance.target.agent import EMAILS_CHANNEL, AgentHandle
from conformance.target.injectors import InboundEmail
from conformance.target.invitation_pool import DEFAULT_BODY, DEFAULT_SUBJECT, new_token
from conformance.target.invitation_shape import invitation_defects, malformed_reason
from conformance.target.owed import email_of, matched_email
from conformance.target.routing import routed_invitation, sole_ready


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
    """The first notification about the email whose subject carries `token`, whatever its state;
    without a token (a manual injector, nothing to recognise it by) an Invited email."""

    def matches(delivery: Delivery) -> bool:
        email = email_of(delivery)
        if delivery.channel != EMAILS_CHANNEL or email is None or not isinstance(email.get("id"), str):
            return False
        if token is None:
            return email.get("state") == "Invited"
        return token in str(email.get("subject", ""))

    return matches


async def invite(agent: AgentHandle, *, subject: str = DEFAULT_SUBJECT, **fields: Any) -> Invitation:
    """Inject an email addressed to `agent` and wait for a well-formed invitation (BLOCKED if
    none arrives, or if it is malformed: EMAIL-INVITE-01 judges that)."""
    invitation = await receive_invitation(agent, subject=subject, **fields)
    defects = invitation_defects(invitation.delivery, agent.profile.features)
    if defects:
        raise Blocked(f"{agent.label}: invitation", malformed_reason(defects))
    return invitation


async def receive_invitation(agent: AgentHandle, *, subject: str = DEFAULT_SUBJECT, **fields: Any) -> Invitation:
    """Inject an email addressed to `agent` and wait for its invitation, as it is (BLOCKED if none).
    An email of the default content may come from those injected ahead (invitation_pool.py)."""
    agent.require_ready()
    agent.give_up_early("invitation")
    agent.stream.require_intact()  # no email injected for an invitation that cannot arrive
    profile = agent.profile
    manual = profile.injector.kind == "manual"
    pooled = agent.pool.take() if subject == DEFAULT_SUBJECT and not fields else None
    token: str | None
    what = f"the invitation of {agent.label}"
    if pooled is not None:
        token, email = pooled.token, pooled.email
        current_recorder().tokens.add(token)
        await pooled.injected()
        delivery = await agent.inbox.wait_for(is_invitation_for(token), timeout=profile.timeouts.invitation, since=pooled.mark, what=what)
    else:
        token = None if manual else new_token()
        if token is not None:
            current_recorder().tokens.add(token)
        email = InboundEmail(
            to=[agent.account.address or f"{agent.account.username}@invalid"],
            subject=f"{subject} {token}" if token else subject,
            body=fields.pop("body", DEFAULT_BODY),
            **fields,
        )
        sent = time.monotonic()
        agent.pool.injected_on_demand()
        async with sole_ready(agent):  # any-ready: the pair's other agent NotReady while we wait
            delivery = await routed_invitation(
                agent, email, is_invitation_for(token), timeout=profile.timeouts.invitation, what=what, elsewhere=not manual
            )
    agent.note_wait("invitation", arrived=delivery is not None)
    if pooled is None:
        agent.pool.note_latency(None if delivery is None else delivery.received - sent)
    if delivery is None:
        how = "waiting for a manual invitation" if manual else f"injecting an email via {profile.injector.kind}"
        raise Blocked(
            f"{agent.label}: invitation",
            f"no notification about the injected email on {EMAILS_CHANNEL} within {profile.timeouts.invitation:g} s after {how}",
        )
    return Invitation(matched_email(delivery)["id"], agent, delivery, email)
