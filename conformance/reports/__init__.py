"""Reports of a run. report.json is canonical; every other output is rendered from it.

Outputs in the run's folder: report.json, report.html, summary.md, junit.xml (and
allure-results/, written live by allure-pytest when the runner asks for it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from conformance.reports.baseline import Baseline, apply_baseline
from conformance.reports.folder import fallback_folder
from conformance.reports.html_report import render_html
from conformance.reports.json_report import build_report, certify, exit_code_of
from conformance.reports.junit import render_junit
from conformance.reports.markdown import render_markdown
from conformance.run_record import RunRecord

__all__ = [
    "build_report", "exit_code_of", "finish_report", "write_outputs", "write_outputs_or_fallback", "write_reports", "Written", "REPORT_FILES"
]

REPORT_FILES = ("report.json", "report.html", "summary.md", "junit.xml")


def finish_report(report: dict[str, Any], *, baseline: Baseline | None = None, certify_run: bool = False,
                  today: date | None = None) -> dict[str, Any]:
    """Apply certification mode and the baseline (pure: returns a new report)."""
    if certify_run:
        report = certify(report)
    if baseline is not None:
        report = apply_baseline(report, baseline, today or datetime.now(timezone.utc).date())
    return report


def write_outputs(report: dict[str, Any], output: Path) -> None:
    """Write report.json and every output rendered from it into `output`."""
    output.mkdir(parents=True, exist_ok=True)
    # ASCII JSON and errors="replace": target data may hold lone surrogates, which UTF-8 cannot encode.
    (output / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    for name, render in (("report.html", render_html), ("summary.md", render_markdown), ("junit.xml", render_junit)):
        (output / name).write_text(render(report), encoding="utf-8", errors="replace")


def write_reports(record: RunRecord, output: Path, *, baseline: Baseline | None = None, certify_run: bool = False) -> dict[str, Any]:
    """Build the run's report, apply certification and baseline, write every output; return it."""
    report = finish_report(build_report(record), baseline=baseline, certify_run=certify_run)
    write_outputs(report, output)
    return report


@dataclass(frozen=True)
class Written:
    folder: Path  # where the reports are
    error: str | None = None  # why they are not in the folder asked for (then `folder` is a fallback)


def write_outputs_or_fallback(report: dict[str, Any], output: Path) -> Written:
    """Write every output into `output`; if that fails, into a fresh fallback folder, so that
    a finished run's results are never lost."""
    try:
        write_outputs(report, output)
        return Written(output)
    except OSError as exc:
        error = f"cannot write the reports to {output}: {exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")
    fallback = fallback_folder()
    write_outputs(report, fallback)
    return Written(fallback, f"{error}; they were written to {fallback}")
