"""Every check of the Email API sections of issue 4 is shown to fail: each reference fault,
switched on alone, makes the requirements it names FAIL (PASS-NONSTRICT for a SHOULD)."""

from __future__ import annotations

import pytest

from conformance.catalog import load_catalog
from conformance.reference.email.faults import FAULTS
from conformance.reference.faults import all_faults
from conformance.verdicts import failure_verdict

from .runs import by_id, explain, run_reference, section_ids

MINE = set(section_ids())
CASES = {fault.name: tuple(r for r in fault.breaks if r in MINE) for fault in FAULTS if set(fault.breaks) & MINE}


def test_every_requirement_of_the_sections_is_broken_by_a_fault():
    broken = {requirement for requirements in CASES.values() for requirement in requirements}
    assert sorted(MINE - broken) == []


@pytest.mark.parametrize("fault", sorted(CASES))
def test_fault_is_caught(tmp_path, fault):
    catalog = load_catalog()
    found = by_id(run_reference(tmp_path, faults=frozenset({fault}), requirements=list(CASES[fault])))
    for requirement in CASES[fault]:
        expected = failure_verdict(catalog[requirement].keyword).value
        assert found[requirement]["verdict"] == expected, explain(found[requirement])


@pytest.mark.parametrize("fault", ["bayeux-foreign-clientid-accepted", "bayeux-broadcast-all-agents"])
def test_bayeux_isolation_faults_fail_the_multi_agent_check(tmp_path, fault):
    """The CometD endpoint's own isolation faults are caught by EMAIL-MULTI-04 too."""
    if fault not in all_faults():
        pytest.skip(f"the reference server has no fault {fault}")
    found = by_id(run_reference(tmp_path, faults=frozenset({fault}), requirements=["EMAIL-MULTI-04"]))
    assert found["EMAIL-MULTI-04"]["verdict"] == "FAIL", explain(found["EMAIL-MULTI-04"])
