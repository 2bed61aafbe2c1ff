"""Running checks on pytest-xdist workers: each worker owns its own pair of agents.

The controller hands each worker the profile through xdist's workerinput (a pipe, not a
file, so passwords never touch the disk); check results come back inside the test reports.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from conformance.deployment import Deployment
from conformance.profile import Injector, IntakeSettings, ProfileAgent, TargetProfile, Timeouts

AGENTS_PER_WORKER = 2


def profile_to_wire(profile: TargetProfile) -> dict[str, Any]:
    wire = dataclasses.asdict(profile)
    wire["features"] = sorted(profile.features)
    return wire


def profile_from_wire(wire: dict[str, Any]) -> TargetProfile:
    return TargetProfile(
        **{
            **wire,
            "agents": tuple(ProfileAgent(**a) for a in wire["agents"]),
            "injector": Injector(**wire["injector"]),
            "features": frozenset(wire["features"]),
            "timeouts": Timeouts(**wire["timeouts"]),
            "intake": IntakeSettings(**wire["intake"]),
            "deployment": Deployment(**{**wire["deployment"], "document_ids": tuple(wire["deployment"]["document_ids"])}),
        }
    )


def worker_index(config: Any) -> int | None:
    """0 for xdist worker gw0, 1 for gw1...; None outside xdist workers."""
    workerinput = getattr(config, "workerinput", None)
    if not workerinput:
        return None
    return int(str(workerinput.get("workerid", "gw0")).removeprefix("gw"))
