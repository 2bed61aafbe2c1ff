"""The clean reference server passes the fuzz campaign at the default budget, with zero findings.

Each operation's cases depend only on the seed, the budget and the operation, so running the
campaign operation by operation sends exactly what the full default campaign sends.
"""

from __future__ import annotations

import pytest

from conformance.fuzz.plan.operation_needs import OPERATIONS
from conformance.fuzz.settings import FuzzSettings

from .conftest import run_campaign


@pytest.mark.parametrize("name", [op.name for op in OPERATIONS])
def test_each_operation_passes_at_the_default_budget(name):
    run = run_campaign(operations=[name])
    assert run.findings == {} and not run.totals
    assert run.stats.operations == [name] and not run.stats.blocked and not run.stats.budget_exhausted
    assert sum(run.stats.cases.values()) == run.stats.fuzzed_requests > 10


def test_fuzzed_ids_and_link_chains_pass():
    run = run_campaign(operations=[], with_ids=True, with_chains=True)
    assert run.findings == {}
    assert run.stats.cases["fuzzed ids"] > 0 and run.stats.chains == 6


def test_the_campaign_reports_its_speed():
    run = run_campaign(operations=["Reject"])
    summary = run.stats.summary(run.settings)
    assert run.stats.requests_per_second > 0 and run.stats.requests > run.stats.fuzzed_requests
    assert "requests/s" in summary and "seed 6" in summary


def test_operations_the_profile_does_not_declare_are_left_out():
    run = run_campaign(features=frozenset(), operations=["Accept", "Complete", "Save"], with_chains=True)
    assert run.stats.operations == ["Accept", "Complete"]
    assert run.stats.skipped["Save"] == "feature 'save-send' not declared"
    assert run.stats.chains == 3  # Accept -> Complete only: the Reply chain needs reply and save-send
    assert run.findings == {}


def test_the_time_budget_stops_sending():
    # Generation alone takes longer than this budget: nothing is sent, and the run says why.
    run = run_campaign(operations=["Save"], settings=FuzzSettings(time_budget=0.001))
    assert run.stats.budget_exhausted
    assert run.stats.fuzzed_requests == 0 and run.findings == {}
    assert "stopped by the time budget" in run.stats.summary(run.settings)
