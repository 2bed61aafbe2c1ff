"""Where the Bayeux checks' events come from: Ready on the Ready agent where the target notifies
it, else NotReady and Ready alternately, detected once per run and noted in the report."""

from __future__ import annotations

from conformance.reference.email.variants import AgentState
from conformance.selftest.inprocess import run_embedded, verdicts
from conformance.suites.bayeux.events import EVENT_SOURCE_OBSERVATION

from .runs import SECTION


def test_a_target_silent_on_ready_on_ready_leaves_no_bayeux_check_blocked(tmp_path) -> None:
    outcome = run_embedded(tmp_path, variants=frozenset({AgentState.READY_ON_READY_SILENT}), requirements=[SECTION], fuzz=None)
    found = {r: v for r, v in verdicts(outcome).items() if r.startswith("BAYEUX-")}
    assert found and all(v == "PASS" for v in found.values()), {r: v for r, v in found.items() if v != "PASS"}
    [observation] = outcome.report["run"]["observations"]
    assert observation["key"] == EVENT_SOURCE_OBSERVATION and "NotReady and Ready alternately" in observation["text"]


def test_a_target_notifying_ready_on_ready_keeps_the_ready_event_and_notes_nothing(clean_run) -> None:
    assert "observations" not in clean_run.report["run"]
    assert all(v == "PASS" for r, v in verdicts(clean_run).items() if r.startswith("BAYEUX-"))
