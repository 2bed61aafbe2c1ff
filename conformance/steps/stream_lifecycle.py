"""A small lifecycle of our own, driven once per target, so that the notification stream
checks (NOTIF-STREAM-*) selected alone, or running first on their worker, have something to judge."""

from __future__ import annotations

import weakref
from typing import Any

from conformance.errors import Blocked, CheckFailed
from conformance.evidence import current_recorder
from conformance.steps.preconditions import require_accepted, require_notification
from conformance.steps.requests import send
from conformance.target import AgentHandle, Target, invite
from conformance.target.invitations import is_invitation_for
from conformance.target.owed import matched_email

_driven: weakref.WeakSet[Target] = weakref.WeakSet()  # targets our own lifecycle ran on


async def _operated(agent: AgentHandle, email_id: str, operation: str, **params: Any) -> None:
    sent = await send(agent, email_id, operation, **params)
    require_accepted(sent.reply, f"{operation} (stream lifecycle)")
    await require_notification(sent, step=f"{operation} (stream lifecycle)")


async def _drive(agent: AgentHandle, peer: AgentHandle) -> None:
    """Invite -> Accept -> Complete on agent A; with transfer, invite -> Accept -> Transfer to B,
    and B accepts and completes it. The notifications are judged by the rules, not here."""
    first = await invite(agent)  # the default content: it may have been injected ahead
    await _operated(agent, first.id, "Accept")
    await _operated(agent, first.id, "Complete")
    peer_uri = peer.account.user_uri
    if not agent.profile.declares("transfer") or not peer_uri:
        return
    second = await invite(agent)
    await _operated(agent, second.id, "Accept")
    since = peer.inbox.mark()
    await _operated(agent, second.id, "Transfer", userUri=peer_uri)
    offered = await peer.inbox.wait_for(
        lambda d: is_invitation_for(None)(d) and matched_email(d)["id"] == second.id, timeout=agent.profile.timeouts.invitation, since=since
    )
    if offered is None:
        raise Blocked(f"{peer.label}: invitation (stream lifecycle)", f"email {second.id} transferred to {peer.label} was not offered")
    await _operated(peer, second.id, "Accept")
    await _operated(peer, second.id, "Complete")


async def driven_once(agent: AgentHandle, peer: AgentHandle, target: Target) -> None:
    """Our own lifecycle on `agent` and `peer`, the first time any check of `target` asks; a step
    that stops it early is noted, not raised: what arrived until then is still judged."""
    if target in _driven:
        return
    _driven.add(target)
    try:
        await _drive(agent, peer)
    except (Blocked, CheckFailed) as stopped:
        current_recorder().note("stream", f"our own lifecycle stopped early ({stopped}); judging what arrived")
