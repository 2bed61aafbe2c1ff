"""Run the conformance suites in-process with pytest and write the reports."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import pytest

from conformance.errors import UsageError
from conformance.fuzz.options import as_arguments as fuzz_arguments
from conformance.fuzz.settings import FuzzSettings
from conformance.harness.interrupts import interrupts_caught
from conformance.harness.scratch import hypothesis_scratch
from conformance.plugin import activate
from conformance.plugin.names import DEFAULT_CONCURRENCY
from conformance.plugin.progress import ProgressPlugin
from conformance.plugin.suite import SuitePlugin
from conformance.plugin.workers import AGENTS_PER_WORKER
from conformance.profile import TargetProfile
from conformance.reports import build_report, finish_report, write_outputs_or_fallback
from conformance.reports.baseline import Baseline
from conformance.target.routing import refuse_shared_routing

SUITES_DIR = Path(__file__).parent / "suites"
# The suites load exactly these plugins: autoloading every installed pytest plugin (and
# rewriting its asserts) cost about a second per process, for us and each xdist worker.
PLUGINS = ("conformance.plugin", "allure_pytest.plugin", "xdist.plugin", "_hypothesis_pytestplugin")


@dataclass
class RunOutcome:
    exit_code: int
    report: dict[str, Any]
    output: Path  # where the reports were written
    write_error: str | None = None  # why they are not in the folder asked for (`output` is then a fallback)


class _Activate:
    def __init__(self, plugin: SuitePlugin) -> None:
        self.plugin = plugin

    def pytest_configure(self, config: pytest.Config) -> None:
        activate(config, self.plugin)


@contextlib.contextmanager
def terminal_stream() -> Iterator[TextIO]:
    """Our own handle on the real standard output: pytest's capturing redirects file
    descriptor 1 while a check runs, and the live progress line must not land in a check's
    captured output."""
    try:
        fd = os.dup(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # stdout replaced by something without a descriptor
        yield sys.stdout
        return
    with open(fd, "w", buffering=1, encoding="utf-8", errors="replace") as stream:
        yield stream


@contextlib.contextmanager
def _plugin_autoload_disabled() -> Iterator[None]:
    previous = os.environ.get(_AUTOLOAD)
    os.environ[_AUTOLOAD] = "1"  # inherited by xdist workers too
    try:
        yield
    finally:
        if previous is None:
            del os.environ[_AUTOLOAD]
        else:
            os.environ[_AUTOLOAD] = previous


_AUTOLOAD = "PYTEST_DISABLE_PLUGIN_AUTOLOAD"


def run_suites(
    profile: TargetProfile,
    output: Path,
    *,
    requirements: list[str] | None = None,
    sections: list[str] | None = None,
    keywords: list[str] | None = None,
    pytest_args: list[str] | None = None,
    verbose: bool = False,
    baseline: Baseline | None = None,
    certify: bool = False,
    workers: int = 1,
    concurrency: int = DEFAULT_CONCURRENCY,
    fuzz: FuzzSettings | None = FuzzSettings(),
) -> RunOutcome:
    """Run the suites against `profile`; `workers` > 1 runs checks on that many xdist
    workers, each with its own two agents of the profile (it must list 2 x workers);
    `concurrency`: checks in flight at once on each agent pair (1: one after another).
    `fuzz` seeds and bounds the fuzz section; None leaves it out."""
    if len(profile.agents) < AGENTS_PER_WORKER * workers:
        raise UsageError(f"{workers} workers need {AGENTS_PER_WORKER * workers} agents; the profile lists {len(profile.agents)}")
    refuse_shared_routing(profile, workers)
    plugin = SuitePlugin(
        profile, requirement_filters=requirements, section_filters=sections, keyword_filters=keywords, concurrency=concurrency
    )
    args = [
        str(SUITES_DIR),
        "-c", str(SUITES_DIR / "pytest.ini"),  # our own config, never the user's
        "--rootdir", str(SUITES_DIR),
        "-p", "no:cacheprovider",
        # Both cost a run time and tell it nothing: the checks judge through verify helpers,
        # not bare asserts (no rewriting needed), and pytest's hunt for unraisable exceptions
        # ends the session with forced garbage collections (nearly half a second).
        "--assert=plain",
        "-p", "no:unraisableexception",
        "-q" if not verbose else "-v",
        "--no-header",
        "-rN",
        "--tb=no",
        "-W", "ignore::pytest.PytestAssertRewriteWarning",
        "--alluredir", str(output / "allure-results"),
        "--clean-alluredir",
        # loadgroup: checks one by one, except a group's (the fuzz checks share one campaign).
        *(["-n", str(workers), "--dist", "loadgroup"] if workers > 1 else []),
        *fuzz_arguments(fuzz),
        *(pytest_args or []),
    ]
    args += [arg for name in PLUGINS for arg in ("-p", name)]
    plugins: list[object] = [_Activate(plugin)]
    with contextlib.ExitStack() as stack:
        if not verbose:
            stream = stack.enter_context(terminal_stream())
            plugins.append(ProgressPlugin(stream, live=stream.isatty() and os.environ.get("TERM") != "dumb"))
            args += ["-o", "console_output_style=classic"]  # no [ 45%] at line ends: the progress says it
        stack.enter_context(_plugin_autoload_disabled())
        stack.enter_context(hypothesis_scratch())
        interruption = stack.enter_context(interrupts_caught(plugin.stop))
        try:
            code = pytest.main(args, plugins=plugins)
        except KeyboardInterrupt:  # a signal before pytest's session began, or during its end
            code = pytest.ExitCode.INTERRUPTED
    if interruption.signal:
        plugin.interrupted = interruption.signal
    elif code == pytest.ExitCode.INTERRUPTED:
        plugin.interrupted = plugin.interrupted or "SIGINT"
    if not plugin.interrupted and code in (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.INTERNAL_ERROR):
        raise UsageError(f"pytest could not run the suites (exit {int(code)}); see the lines above")
    report = finish_report(build_report(plugin.record()), baseline=baseline, certify_run=certify)
    written = write_outputs_or_fallback(report, output)
    return RunOutcome(report["summary"]["exit_code"], report, written.folder, written.error)
