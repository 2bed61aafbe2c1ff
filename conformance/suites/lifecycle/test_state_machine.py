"""Generated sequences of operations judged by the lifecycle model (a Hypothesis state machine).

https://enu.docs.genesys.com/Documentation/GWS/8.5.2/API/WhatAreCapabilities
"""

from __future__ import annotations

import pytest

from conformance.evidence import current_recorder
from conformance.oracle import coverage_of
from conformance.plugin.suite import SuitePlugin
from conformance.profile import TargetProfile
from conformance.suites import requirement
from conformance.suites.lifecycle.machine import Drive, explore, judged_operations
from conformance.target import AgentHandle, Target


@requirement("EMAIL-LIFECYCLE-01")
@pytest.mark.long_running
def test_generated_sequences_follow_the_model(suite: SuitePlugin, agent: AgentHandle, peer_agent: AgentHandle, target: Target, profile: TargetProfile) -> None:
    """Generate sequences of injected emails and operations by agents A and B (owner or not); judge every answer and notification by the model."""
    drive = Drive(
        run=suite.run,
        agents=(agent, peer_agent),
        coverage=coverage_of(target),
        operations=judged_operations(profile.features, profile.deployment),
    )
    try:
        explore(drive)
    finally:
        current_recorder().note("model", f"{drive.examples} generated sequences, {drive.steps_run} steps")
        drive.coverage.note(profile.features)
