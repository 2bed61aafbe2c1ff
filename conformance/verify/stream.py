"""Judging the notification stream invariants (NOTIF-STREAM-*) over everything the agents'
watchers saw in this process (the check drives a small lifecycle of its own first:
conformance.steps.stream_lifecycle)."""

from __future__ import annotations

from collections.abc import Callable

from conformance.errors import Blocked, CheckFailed
from conformance.evidence import current_recorder
from conformance.harness import claims
from conformance.target import AgentHandle, Target
from conformance.target.stream_watch import StreamWatch
from conformance.verify.stream_rules import Violation

Rule = Callable[[StreamWatch, StreamWatch], list[Violation]]
_SHOWN = 10  # violations in a failure's observed value
_NOTED = 50  # violations noted one by one in the evidence (the count says how many in all)


async def stream_holds(rule: Rule, what: str, agent: AgentHandle, peer: AgentHandle, target: Target) -> None:
    """`rule` holds on both agents' streams: every email notification they received so far in
    this process (each violation is noted in the evidence with the check it arrived during)."""
    claims.require(claims.STREAM, "judges the agents' whole notification streams")
    recorder = current_recorder()
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
