"""Judging the notification stream invariants (NOTIF-STREAM-*) over everything the agents'
watchers saw in this process, after a small lifecycle of our own (so a check selected alone,
or running first on its worker, has something to judge)."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from conformance.errors import Blocked, CheckFailed
from conformance.evidence import current_recorder
from conformance.target import AgentHandle, Target, invite
from conformance.target.invitations import is_invitation_for
from conformance.target.owed import matched_email
from conformance.target.stream_watch import StreamWatch
from conformance.verify.preconditions import require_accepted, require_notification
from conformance.verify.requests import send
from conformance.verify.stream_rules import Violation

Rule = Callable[[StreamWatch, StreamWatch], list[Violation]]
_SHOWN = 10  # violations in a failure's observed value
_NOTED = 50  # violations noted one by one in the evidence (the count says how many in all)
_driven: weakref.WeakSet[Target] = weakref.WeakSet()  # targets our own lifecycle ran on


async def _operated(agent: AgentHandle, email_id: str, operation: str, **params: Any) -> None:
    sent = await send(agent, email_id, operation, **params)
    require_accepted(sent.reply, f"{operation} (stream lifecycle)")
    await require_notification(agent, sent.reply, email_id, since=sent.since, step=f"{operation} (stream lifecycle)")


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


async def stream_holds(rule: Rule, what: str, agent: AgentHandle, peer: AgentHandle, target: Target) -> None:
    """`rule` holds on both agents' streams: every email notification they received so far in
    this process (each violation is noted in the evidence with the check it arrived during)."""
    recorder = current_recorder()
    if target not in _driven:
        _driven.add(target)
        try:
            await _drive(agent, peer)
        except (Blocked, CheckFailed) as stopped:
            recorder.note("stream", f"our own lifecycle stopped early ({stopped}); judging what arrived")
    await target.settle()
    watches = (agent.watch, peer.watch)
    judged = sum(len(w.seen) for w in watches)
    if judged == 0:
        raise Blocked("notification stream", "no email notification reached either agent: nothing to judge")
    checks = {seen.check for w in watches for seen in w.seen}
    violations = rule(agent.watch, peer.watch) + rule(peer.watch, agent.watch)
    recorder.note("stream", f"judged {judged} email notifications of {agent.label} and {peer.label}, received during {len(checks)} checks")
    for violation in violations[:_NOTED]:
        recorder.note(violation.agent, f"{what}: {violation.reason} (during {violation.check})", violation.as_dict())
    if len(violations) > _NOTED:
        recorder.note("stream", f"{len(violations) - _NOTED} more violations not noted one by one")
    if violations:
        during = sorted({v.check for v in violations})
        raise CheckFailed(
            f"{len(violations)} notification(s) break '{what}': {violations[0].reason}; during {', '.join(during[:5])}"
            + (" ..." if len(during) > 5 else ""),
            expected=what,
            observed=[v.as_dict() for v in violations[:_SHOWN]],
        )
