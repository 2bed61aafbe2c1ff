"""One suite run in this process against a fresh embedded reference server (for tests),
configured as `gws-conformance run` configures it."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from conformance.embedded import embedded_config, embedded_profile
from conformance.fuzz.settings import FuzzSettings
from conformance.plugin.names import DEFAULT_CONCURRENCY
from conformance.reference import ReferenceServer
from conformance.reference.config import ServerConfig
from conformance.runner import RunOutcome, run_suites
from conformance.selftest.runs import RunResult


def run_embedded(
    output: Path,
    *,
    faults: frozenset[str] = frozenset(),
    variants: frozenset[str] = frozenset(),
    requirements: list[str] | None = None,
    sections: list[str] | None = None,
    fuzz: FuzzSettings | None = FuzzSettings(),
    concurrency: int = DEFAULT_CONCURRENCY,
    config: ServerConfig | None = None,
) -> RunOutcome:
    """Run the suites; pytest's own progress output is swallowed, the outcome returned.
    `config` replaces the server's configuration (`faults` and `variants` then do not apply)."""
    with contextlib.redirect_stdout(io.StringIO()):
        with ReferenceServer(config or embedded_config(faults, variants)).start() as server:  # as `gws-conformance run`
            return run_suites(
                embedded_profile(server), output, requirements=requirements, sections=sections, fuzz=fuzz, concurrency=concurrency
            )


def verdicts(outcome: RunOutcome) -> dict[str, str]:
    """requirement ID -> verdict."""
    return {r["id"]: r["verdict"] for r in outcome.report["requirements"]}


def as_run_result(
    outcome: RunOutcome, label: str, *, faults: frozenset[str] = frozenset(), variants: frozenset[str] = frozenset(), sections: tuple[str, ...] = ()
) -> RunResult:
    """An in-process run as the self-test's judges take it."""
    return RunResult(label, faults, variants, outcome.exit_code, outcome.report, "", sections)
