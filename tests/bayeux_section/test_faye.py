"""The Bayeux section against a second, independent target: the npm faye 1.4.3 server.

Every check passes, or is NOT-APPLICABLE because the requirement needs a feature the faye
profile does not declare, for a reason the catalog documents (a variation naming faye).
"""

from __future__ import annotations

from typing import Any

import pytest

from conformance.catalog import load_catalog

from .runs import bayeux_ids, explain, faye_missing_reason, faye_profile, run_faye, verdicts

pytestmark = pytest.mark.interop


@pytest.fixture(scope="module")
def faye(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    reason = faye_missing_reason()
    if reason:
        pytest.skip(reason)
    return verdicts(run_faye(tmp_path_factory.mktemp("faye")))


@pytest.mark.parametrize("requirement", bayeux_ids())
def test_faye_passes_or_documented_variation(faye: dict[str, dict[str, Any]], requirement: str) -> None:
    entry = faye[requirement]
    if entry["verdict"] == "PASS":
        return
    assert entry["verdict"] == "NOT-APPLICABLE", explain(entry)
    declared = faye_profile("http://127.0.0.1:1").features
    catalog_entry = load_catalog()[requirement]
    assert catalog_entry.applies_to and catalog_entry.applies_to not in declared, explain(entry)
    assert any("faye" in variation for variation in catalog_entry.variations), f"{requirement}: no variation documents faye"
    assert all(catalog_entry.applies_to in check["message"] for check in entry["checks"]), explain(entry)
