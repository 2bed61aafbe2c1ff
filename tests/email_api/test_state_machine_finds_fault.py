"""The generated sequences find the seeded lifecycle fault and report the minimal sequence."""

from __future__ import annotations

from conformance.reference.email.faults import EmailFault as F
from conformance.selftest.inprocess import run_embedded

from .runs import by_id


def test_complete_from_invited_is_found_and_shrunk(tmp_path):
    found = by_id(run_embedded(tmp_path, faults=frozenset({F.COMPLETE_FROM_INVITED_ALLOWED}), requirements=["EMAIL-LIFECYCLE-01"]).report)
    [check] = found["EMAIL-LIFECYCLE-01"]["checks"]
    assert check["verdict"] == "PASS-NONSTRICT"  # a SHOULD: the model rests on inferred states (EMAIL-COMPLETE-06 FAILs it)
    message = check["message"]
    assert "Complete on E1 (Invited" in message and "was accepted (HTTP 200" in message and "but must be refused" in message
    steps = check["observed"]["steps"]
    assert steps == [
        "inject an email addressed to agent1 -> E1",
        "agent1 sends Complete on E1 (Invited, agent1's, advertising ['Accept', 'Reject'])",
    ]
    assert "steps to replay:\n  1. inject an email addressed to agent1 -> E1\n  2. agent1 sends Complete" in message
