"""Every check can fail: each reference fault makes the requirements it names FAIL.

And none fails wrongly: the clean reference server passes every requirement, strict.
"""

from __future__ import annotations

import pytest

from conformance.catalog import load_catalog
from conformance.reference.switches import all_faults
from conformance.selftest.inprocess import run_embedded, verdicts

CATALOG = load_catalog()
FAULTS = {name: fault for name, fault in sorted(all_faults().items()) if not fault.fuzz_only}


def test_clean_reference_passes_everything(clean_run):
    outcome = clean_run
    not_passing = {r: v for r, v in verdicts(outcome).items() if v not in ("PASS", "NOT-APPLICABLE")}
    assert not_passing == {}
    assert outcome.exit_code == 0


@pytest.mark.parametrize("fault_name", sorted(FAULTS))
def test_fault_is_caught(tmp_path, fault_name):
    fault = FAULTS[fault_name]
    unknown = [r for r in fault.breaks if r not in CATALOG]
    assert not unknown, f"{fault_name} names requirements missing from the catalog: {unknown}"
    outcome = run_embedded(tmp_path, faults=frozenset({fault_name}), requirements=list(fault.breaks))
    found = verdicts(outcome)
    for requirement_id in fault.breaks:
        expected = "FAIL" if CATALOG[requirement_id].keyword == "MUST" else "PASS-NONSTRICT"
        assert found.get(requirement_id) == expected, f"{fault_name}: {requirement_id} is {found.get(requirement_id)}"


def test_every_requirement_has_a_fault():
    """MUST and SHOULD alike: a check that cannot fail is a defect."""
    covered = {r for fault in all_faults().values() for r in fault.breaks}
    assert sorted({r.id for r in CATALOG} - covered) == []
