"""A target whose CometD stream cannot deliver costs one timeout per agent, not one per check.

Against a reference server whose connect replies lack `successful`, BAYEUX-CONNECT-07 FAILs and
every check waiting for a notification is BLOCKED at once, naming it; a fault that FAILs a
SESSION requirement but leaves the stream working blocks nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from conformance.clients.bayeux.inbox import Inbox
from conformance.clients.bayeux.session import BayeuxSession
from conformance.embedded import EMBEDDED_TIMEOUTS
from conformance.reference.bayeux.faults import BayeuxFault as bayeux_faults
from conformance.reference.email.faults import EmailFault as email_faults
from conformance.runner import RunOutcome
from conformance.selftest.inprocess import run_embedded, verdicts

AGENTS = 2  # the embedded profile's agents of one (serial) run


@dataclass
class Waits:
    """Every wait on notifications (or on a session getting connected) of a run."""

    full: list[float] = field(default_factory=list)  # timeouts of the waits that ran to their end

    def long_ones(self) -> list[float]:
        """Those whose timeout is at least a notification timeout: what a run waits out."""
        return [t for t in self.full if t >= EMBEDDED_TIMEOUTS.notification]


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> Iterator[Waits]:
    seen = Waits()
    wait_for, wait_until = Inbox.wait_for, BayeuxSession.wait_until

    async def counted_wait_for(self: Inbox, predicate: Any, *, timeout: float, **options: Any) -> Any:
        found = await wait_for(self, predicate, timeout=timeout, **options)
        if found is None:
            seen.full.append(timeout)
        return found

    async def counted_wait_until(self: BayeuxSession, predicate: Any, *, timeout: float) -> bool:
        held = await wait_until(self, predicate, timeout=timeout)
        if not held:
            seen.full.append(timeout)
        return held

    monkeypatch.setattr(Inbox, "wait_for", counted_wait_for)
    monkeypatch.setattr(BayeuxSession, "wait_until", counted_wait_until)
    yield seen


def _checks(outcome: RunOutcome) -> list[dict[str, Any]]:
    return [dict(check, requirement=r["id"]) for r in outcome.report["requirements"] for check in r["checks"]]


def _waited_out_s(outcome: RunOutcome) -> float:
    """Seconds the run's checks spent in waits that ran to their timeout (the report's timings)."""
    return sum(c["timings"].get("wait_timeout", {}).get("total_ms", 0.0) for c in _checks(outcome)) / 1000


def test_a_broken_connect_loop_blocks_the_email_checks_at_once(tmp_path, waits, clean_run):
    outcome = run_embedded(tmp_path, faults=frozenset({bayeux_faults.CONNECT_WITHOUT_SUCCESSFUL}), fuzz=None)
    found = verdicts(outcome)
    assert found["BAYEUX-CONNECT-07"] == "FAIL"
    # Those waiting on a notification are BLOCKED; those that need none (an unknown email id)
    # are judged as usual.
    email = [c for c in _checks(outcome) if c["requirement"].startswith("EMAIL-")]
    blocked = [c for c in email if c["verdict"] == "BLOCKED"]
    assert {c["verdict"] for c in email} == {"BLOCKED", "PASS"} and len(blocked) > len(email) / 2
    unnamed = [c["nodeid"] for c in blocked if "BAYEUX-CONNECT-07" not in c["message"] or "successful" not in c["message"]]
    assert unnamed == [], "a blocked email check does not name the requirement and the observed failure"
    assert all(c["blocked_step"].endswith(": listen for notifications") for c in blocked)
    # Bounded by the clean run plus one notification timeout per agent, counted, not timed:
    # no wait on the broken stream runs to its timeout, and the checks' timed-out waits sum to
    # no more than the clean run's (which waits out its negative windows) plus that allowance.
    assert len(waits.long_ones()) <= AGENTS, waits.long_ones()
    assert _waited_out_s(outcome) <= _waited_out_s(clean_run) + AGENTS * EMBEDDED_TIMEOUTS.notification


@pytest.mark.parametrize(
    "fault, failed, verdict",
    [
        (bayeux_faults.SUBSCRIBE_NO_ECHO, "SESSION-COMETD-02", "FAIL"),  # the subscription works, its echo is missing
        (email_faults.READY_NO_NOTIFICATION, "SESSION-READY-02", "PASS-NONSTRICT"),  # a SHOULD: one notification missing
    ],
)
def test_a_session_fail_that_leaves_the_stream_working_blocks_nothing(tmp_path, fault, failed, verdict):
    sections = ["session", "email-accept", "email-reject", "email-complete"]
    outcome = run_embedded(tmp_path, faults=frozenset({fault}), sections=sections, fuzz=None)
    found = verdicts(outcome)
    assert found[failed] == verdict
    email = {r: v for r, v in found.items() if r.startswith("EMAIL-")}
    assert email and set(email.values()) == {"PASS"}, email
