"""Reports of a run. report.json is canonical; every other output is rendered from it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from conformance.reports.json_report import build_report, exit_code_of

if TYPE_CHECKING:
    from conformance.plugin.suite import SuitePlugin

__all__ = ["build_report", "exit_code_of", "write_reports"]


def write_reports(plugin: SuitePlugin, output: Path) -> dict:
    """Write report.json (and every derived report) into `output`; return the report."""
    output.mkdir(parents=True, exist_ok=True)
    report = build_report(plugin)
    (output / "report.json").write_text(json.dumps(report, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return report
