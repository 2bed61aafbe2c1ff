"""The fuzz campaign every FUZZ-* check judges: run once, on first use, against the profile's target."""

from __future__ import annotations

import pytest

from conformance.fuzz.run.campaign import REDUCTION_GRACE_S, Campaign
from conformance.fuzz.judge.findings import FuzzRun
from conformance.fuzz.options import settings_from
from conformance.plugin.suite import SuitePlugin
from conformance.target import AgentHandle, Target

# Beyond the time budget and the shrinking grace: the final notification window, slow
# answers in flight when the budget ran out.
_MARGIN_S = 60.0


def _peer(suite: SuitePlugin, target: Target) -> AgentHandle | None:
    """Agent B, the target of Transfer by userUri; without it Transfer goes to a queue."""
    handle = suite.run(target.agent(1))
    return handle if handle.steps and all(step.ok for step in handle.steps) else None


_RUN = pytest.StashKey[FuzzRun]()


@pytest.fixture(scope="session")
def fuzz_run(request: pytest.FixtureRequest, suite: SuitePlugin, target: Target, agent: AgentHandle) -> FuzzRun:
    settings = settings_from(request.config)
    # The campaign attributes new emails without referenceIds by what it has not seen yet: no
    # invitation injected ahead may still be on its way (at once when none is).
    suite.run(target.quiesce_invitations(), timeout=target.profile.timeouts.invitation + target.profile.timeouts.check)
    campaign = Campaign(agent, settings, peer=_peer(suite, target))
    run = suite.run(campaign.run(), timeout=settings.time_budget + REDUCTION_GRACE_S + _MARGIN_S)
    request.config.stash[_RUN] = run
    return run


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """The campaign's size and speed (requests/s), under the run's own summary."""
    run = config.stash.get(_RUN, None)
    if run is not None:
        terminalreporter.write_line(run.stats.summary(run.settings))
