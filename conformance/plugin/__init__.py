"""pytest plugin (entry point `gws_conformance`).

`pytest --target PROFILE [--requirement ID]... [--gws-output DIR]` runs the conformance
suites against the profile's target; `gws-conformance run` uses the same plugin in-process.
Without --target the plugin stays inert and imports nothing heavy, so it does not disturb
other test suites that happen to have it installed.
"""

from __future__ import annotations

import contextlib

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conformance.plugin.names import DEFAULT_CONCURRENCY, PLUGIN_NAME, WORKERINPUT_KEY

if TYPE_CHECKING:
    from conformance.plugin.suite import SuitePlugin


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("gws-conformance")
    group.addoption("--target", dest="gws_target", metavar="PROFILE", help="target profile (TOML) to run the conformance suites against")
    group.addoption(
        "--requirement", dest="gws_requirements", action="append", default=[], metavar="ID", help="only checks of this requirement (prefix*)"
    )
    group.addoption("--gws-output", dest="gws_output", metavar="DIR", help="write report.json and the other reports here")
    group.addoption(
        "--gws-concurrency", dest="gws_concurrency", type=int, default=DEFAULT_CONCURRENCY, metavar="N",
        help=f"at most N checks in flight at once on an agent pair (default {DEFAULT_CONCURRENCY}); 1: one after another",
    )
    from conformance.fuzz.options import add_options

    add_options(group)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    from conformance.fuzz.options import ignores

    return ignores(collection_path, config)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "requirement(id): the catalog requirement a check verifies")
    config.addinivalue_line("markers", "exclusive(*resources): what a check needs to itself (conformance/harness/claims.py)")
    if config.pluginmanager.get_plugin(PLUGIN_NAME) is not None:
        return  # `gws-conformance run` registered its own instance
    handed = getattr(config, "workerinput", {}).get(WORKERINPUT_KEY)
    if handed:  # an xdist worker of a run whose controller holds the profile
        from conformance.harness.interrupts import sigterm_as_interrupt
        from conformance.plugin.suite import SuitePlugin
        from conformance.plugin.workers import profile_from_wire

        sigterm_as_interrupt()
        plugin = SuitePlugin(
            profile_from_wire(handed["profile"]),
            requirement_filters=handed["requirements"],
            section_filters=handed["sections"],
            keyword_filters=handed["keywords"],
            concurrency=handed["concurrency"],
        )
        activate(config, plugin)
        return
    target = config.getoption("gws_target", default=None)
    if not target:
        return
    from conformance.errors import UsageError
    from conformance.plugin.suite import SuitePlugin
    from conformance.profile import load_profile

    from conformance.target.routing import refuse_shared_routing

    try:
        profile = load_profile(target)
        workers = config.getoption("numprocesses", default=None)  # pytest-xdist's -n: an int, or "auto"/"logical"
        refuse_shared_routing(profile, workers if isinstance(workers, int) else 2 if workers else 1)
    except UsageError as exc:
        raise pytest.UsageError(str(exc)) from None
    concurrency = config.getoption("gws_concurrency")
    if concurrency < 1:
        raise pytest.UsageError("--gws-concurrency must be at least 1")
    plugin = SuitePlugin(profile, requirement_filters=config.getoption("gws_requirements"), concurrency=concurrency)
    activate(config, plugin)
    if not hasattr(config, "workerinput"):  # workers inherit the controller's storage folder
        from conformance.harness.scratch import hypothesis_scratch

        scratch = contextlib.ExitStack()
        scratch.enter_context(hypothesis_scratch())
        config.add_cleanup(scratch.close)  # Hypothesis leaves no .hypothesis/ where pytest ran
    if not hasattr(config, "workerinput"):  # the controller, or a serial run: SIGTERM stops the run like Ctrl-C
        from conformance.harness.interrupts import catch_interrupts

        catch_interrupts(plugin.stop)
    output = config.getoption("gws_output")
    if output:
        config.pluginmanager.register(_WriteReports(plugin, Path(output)), "gws-write-reports")


def activate(config: pytest.Config, plugin: SuitePlugin) -> None:
    """Register a suite run's plugin object and the fixtures its checks use."""
    from conformance.plugin import fixtures

    config.pluginmanager.register(plugin, PLUGIN_NAME)
    config.pluginmanager.register(fixtures, "gws-fixtures")


class _WriteReports:
    def __init__(self, plugin: SuitePlugin, output: Path) -> None:
        self.plugin = plugin
        self.output = output

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        from conformance.reports import write_reports

        write_reports(self.plugin.record(), self.output)
