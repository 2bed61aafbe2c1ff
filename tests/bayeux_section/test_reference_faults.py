"""Every Bayeux check is shown to fail: each fault of the reference server's CometD endpoint,
switched on alone, makes the BAYEUX-* requirements it names FAIL (PASS-NONSTRICT for a
SHOULD), while the clean server passes them (test_reference_clean.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.catalog import load_catalog
from conformance.reference.bayeux.faults import FAULTS
from conformance.verdicts import failure_verdict

from .runs import bayeux_ids, explain, run_reference, verdicts

CASES = [(fault.name, tuple(r for r in fault.breaks if r.startswith("BAYEUX-"))) for fault in FAULTS]


def test_every_bayeux_requirement_is_broken_by_a_fault() -> None:
    broken = {requirement for _, requirements in CASES for requirement in requirements}
    assert set(bayeux_ids()) - broken == set()


def test_faults_name_real_requirements() -> None:
    catalog = load_catalog()
    for fault in FAULTS:
        assert fault.breaks and all(r in catalog for r in fault.breaks), fault.name


@pytest.mark.parametrize("fault, requirements", [case for case in CASES if case[1]], ids=[name for name, reqs in CASES if reqs])
def test_fault_is_caught(tmp_path: Path, fault: str, requirements: tuple[str, ...]) -> None:
    catalog = load_catalog()
    found = verdicts(run_reference(tmp_path, faults=frozenset({fault}), requirements=list(requirements)))
    for requirement in requirements:
        expected = failure_verdict(catalog[requirement].keyword).value
        assert found[requirement]["verdict"] == expected, explain(found[requirement])
