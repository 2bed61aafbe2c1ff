"""The whole Bayeux section passes against the clean reference server."""

from __future__ import annotations

from typing import Any

import pytest

from .runs import bayeux_ids, explain, verdicts


@pytest.fixture(scope="module")
def clean(clean_run) -> dict[str, dict[str, Any]]:
    return verdicts(clean_run.report)


@pytest.mark.parametrize("requirement", bayeux_ids())
def test_clean_reference_passes(clean: dict[str, dict[str, Any]], requirement: str) -> None:
    entry = clean[requirement]
    assert entry["verdict"] == "PASS", explain(entry)
    assert entry["checks"], "a requirement without any check ran"
