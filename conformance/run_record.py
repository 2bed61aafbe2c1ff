"""What a run found, frozen: the plugin makes it when the run ends, the reports read only this."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance.catalog import Catalog
from conformance.check_result import CheckResult


@dataclass(frozen=True)
class RunRecord:
    catalog: Catalog  # the requirements the checks were judged against, in report order
    target: dict[str, Any]  # the profile as reports may show it (TargetProfile.public_view)
    requirement_filters: tuple[str, ...]
    section_filters: tuple[str, ...]
    keyword_filters: tuple[str, ...]
    started_at: float  # seconds since the epoch
    finished_at: float | None  # None: the session never reached its end
    interrupted: str | None  # the signal that stopped the run early ("SIGINT", "SIGTERM")
    results: tuple[CheckResult, ...]  # in the order the checks finished
    # What the run learned about the target that changed how it was tested: (key, sentence).
    observations: tuple[tuple[str, str], ...] = ()
    agent_pairs: int = 1  # parallel workers, each with its own pair of agents
    concurrency: int = 1  # the most checks in flight at once on one agent pair
