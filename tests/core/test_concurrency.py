"""Checks in flight together on one agent pair give the verdicts of one check at a time.

The whole suite (fuzzing aside) runs both ways against the reference server: as configured by
`gws-conformance run`, and with 100 ms added to every answer and notification (where running
together matters). With the intake delay of a polling mailbox, tests/email_api/test_slow_intake.py
compares the concurrent run with the serial one. A check that touches what it did not declare
exclusive is an ERROR in either mode (test_exclusivity.py).
"""

from __future__ import annotations

import dataclasses

import pytest

from conformance.embedded import embedded_config
from conformance.runner import RunOutcome
from conformance.selftest.inprocess import run_embedded, verdicts


def check_verdicts(outcome: RunOutcome) -> dict[str, str]:
    """Check node id -> verdict, the fuzz section aside (the serial runs leave it out)."""
    return {
        check["nodeid"]: check["verdict"]
        for requirement in outcome.report["requirements"]
        for check in requirement["checks"]
        if not requirement["id"].startswith("FUZZ-")
    }


def test_concurrent_and_serial_runs_give_identical_verdicts(clean_run, serial_clean_run):
    concurrent, serial = check_verdicts(clean_run), check_verdicts(serial_clean_run)
    assert len(serial) > 150
    assert concurrent == serial


def test_identical_verdicts_against_a_slow_target(tmp_path):
    config = dataclasses.replace(embedded_config(), latency_ms=100)
    concurrent = run_embedded(tmp_path / "concurrent", config=config, fuzz=None)
    serial = run_embedded(tmp_path / "serial", config=config, fuzz=None, concurrency=1)
    assert check_verdicts(concurrent) == check_verdicts(serial)
    assert concurrent.exit_code == serial.exit_code == 0
    assert concurrent.report["run"]["execution"] == {"agent_pairs": 1, "concurrency": 8}
    assert serial.report["run"]["execution"] == {"agent_pairs": 1, "concurrency": 1}


def test_the_concurrent_run_reports_every_check_once_in_catalog_order(clean_run, serial_clean_run):
    def order(outcome: RunOutcome) -> list[str]:
        return [check["nodeid"] for requirement in outcome.report["requirements"] for check in requirement["checks"]]

    concurrent = [nodeid for nodeid in order(clean_run) if nodeid in check_verdicts(serial_clean_run)]
    assert concurrent == order(serial_clean_run)
    assert len(set(concurrent)) == len(concurrent)


@pytest.mark.parametrize(
    ("fault", "killed"),
    [("bayeux-clientid-reused", "BAYEUX-CLIENTID-02"), ("bayeux-handshake-reuses-clientid", "BAYEUX-CLIENTID-01")],
)
def test_checks_of_the_handshakes_still_fail_beside_other_checks(tmp_path, fault, killed):
    """Whole-suite runs with checks in flight together: another client's handshake must not take
    or hide the clientId a handshake check judges (they declare @exclusive(HANDSHAKES))."""
    outcome = run_embedded(tmp_path, faults=frozenset({fault}), fuzz=None)
    assert verdicts(outcome)[killed] in ("FAIL", "PASS-NONSTRICT")
