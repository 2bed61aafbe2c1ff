"""Run the conformance suites in-process with pytest and write the reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conformance.errors import UsageError
from conformance.plugin import activate
from conformance.plugin.suite import SuitePlugin
from conformance.profile import TargetProfile
from conformance.reports import write_reports
from conformance.reports.baseline import Baseline

SUITES_DIR = Path(__file__).parent / "suites"


@dataclass
class RunOutcome:
    exit_code: int
    report: dict[str, Any]
    output: Path


class _Activate:
    def __init__(self, plugin: SuitePlugin) -> None:
        self.plugin = plugin

    def pytest_configure(self, config: pytest.Config) -> None:
        activate(config, self.plugin)


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
) -> RunOutcome:
    plugin = SuitePlugin(profile, requirement_filters=requirements, section_filters=sections, keyword_filters=keywords)
    args = [
        str(SUITES_DIR),
        "-c", str(SUITES_DIR / "pytest.ini"),  # our own config, never the user's
        "--rootdir", str(SUITES_DIR),
        "-p", "no:cacheprovider",
        "-q" if not verbose else "-v",
        "--no-header",
        "-rN",
        "--tb=no",
        "-W", "ignore::pytest.PytestAssertRewriteWarning",
        "--alluredir", str(output / "allure-results"),
        "--clean-alluredir",
        *(pytest_args or []),
    ]
    code = pytest.main(args, plugins=[_Activate(plugin)])
    if code == pytest.ExitCode.USAGE_ERROR or code == pytest.ExitCode.INTERNAL_ERROR:
        raise UsageError(f"pytest could not run the suites (exit {int(code)}); see the lines above")
    report = write_reports(plugin, output, baseline=baseline, certify_run=certify)
    return RunOutcome(report["summary"]["exit_code"], report, output)
