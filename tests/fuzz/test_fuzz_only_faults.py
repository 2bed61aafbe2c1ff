"""Each fuzz-only fault of the reference server is found within the default budget.

A campaign narrowed to the operations a fault touches sends what the full default campaign
sends for them (each operation's cases depend only on the seed and the budget), so finding
the fault here proves the default run finds it.
"""

from __future__ import annotations

import pytest

from conformance.reference.email.faults import EmailFault as F
from conformance.reference.switches import all_faults
from conformance.selftest.inprocess import run_embedded, verdicts

from .conftest import run_campaign

FUZZ_ONLY = {name: fault for name, fault in all_faults().items() if fault.fuzz_only}
# fault -> (operations to fuzz, whether to walk the link chains)
WHERE = {
    F.FUZZ_SAVELAR_STRING_TRUTHY: (["Accept"], False),
    F.FUZZ_LONG_SUBJECT_500: (["Save"], False),
    F.FUZZ_NON_ASCII_KEY_500: (["AttachUserData"], False),
    F.FUZZ_QUEUENAME_NUMBER_ACCEPTED: (["Complete"], False),
    F.FUZZ_NOT_JSON_EMPTY_ANSWER: (["Accept"], False),
    F.FUZZ_BAD_VALUE_EXTRA_MEMBER: (["Accept"], False),
    F.FUZZ_REFUSED_USERDATA_APPLIED: (["AttachUserData"], False),
    F.FUZZ_SAVE_LEAVES_COMPOSING: ([], True),
}


def test_every_fuzz_only_fault_is_tried():
    assert set(WHERE) == set(FUZZ_ONLY)


@pytest.mark.parametrize("name", sorted(FUZZ_ONLY))
def test_the_fault_is_found_within_the_default_budget(name):
    operations, chains = WHERE[name]
    run = run_campaign(faults=[name], operations=operations, with_chains=chains)
    for requirement in FUZZ_ONLY[name].breaks:
        findings = run.findings_for(requirement)
        assert findings, f"{name} not found under {requirement}"
        curl = findings[0].curl()
        assert curl and '-u "$GWS_USER:$GWS_PASSWORD"' in curl and "password1" not in curl
    assert not run.stats.budget_exhausted


def _minimal(name: str, requirement: str, operation: str):
    run = run_campaign(faults=[name], operations=[operation])
    return run.findings_for(requirement)[0].exchange.body


def _long_subject_only(body) -> bool:
    return set(body["email"]) == {"to", "from", "subject"} and len(body["email"]["subject"]) == 256


def _one_non_ascii_key(body) -> bool:
    return len(body["userData"]) == 1 and not next(iter(body["userData"])).isascii()


@pytest.mark.parametrize(
    ("name", "requirement", "operation", "shrunk"),
    [
        (F.FUZZ_SAVELAR_STRING_TRUTHY, "FUZZ-INVALID-01", "Accept", lambda body: body == {"operationName": "Accept", "saveLAR": "false"}),
        (F.FUZZ_QUEUENAME_NUMBER_ACCEPTED, "FUZZ-INVALID-01", "Complete", lambda body: body == {"operationName": "Complete", "queueName": 42}),
        (F.FUZZ_LONG_SUBJECT_500, "FUZZ-SERVER-01", "Save", _long_subject_only),
        (F.FUZZ_NON_ASCII_KEY_500, "FUZZ-SERVER-01", "AttachUserData", _one_non_ascii_key),
    ],
    ids=["saveLAR", "queueName", "subject", "userData key"],
)
def test_findings_are_shrunk_to_the_violation(name, requirement, operation, shrunk):
    body = _minimal(name, requirement, operation)
    assert shrunk(body), body


def test_the_hand_written_check_misses_what_only_fuzzing_finds(tmp_path):
    """EMAIL-ACCEPT-11 tries "yes", 1, null, "" and {}; the string "false" gets past it."""
    outcome = run_embedded(tmp_path, faults=frozenset({F.FUZZ_SAVELAR_STRING_TRUTHY}), requirements=["EMAIL-ACCEPT-11"])
    assert verdicts(outcome) == {"EMAIL-ACCEPT-11": "PASS"}
