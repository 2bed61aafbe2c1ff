"""Reading a finished run back: RUN_DIR/report.json (or the file itself), checked against its schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conformance import schemas
from conformance.errors import UsageError


def report_path(run: str | Path) -> Path:
    path = Path(run)
    return path / "report.json" if path.is_dir() else path


def load_run(run: str | Path) -> dict[str, Any]:
    """The report of a run folder (or of a report.json path); UsageError when unreadable or invalid."""
    path = report_path(run)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc} (expected a run folder holding report.json)") from None
    try:
        report = json.loads(text)
    except ValueError as exc:
        raise UsageError(f"{path} is not JSON: {exc}") from None
    problems = schemas.errors("report", report)
    if problems:
        raise UsageError(f"{path} is not a gws-conformance report: {'; '.join(problems[:3])}")
    valid: dict[str, Any] = report  # the report schema makes it an object
    return valid


def run_label(report: dict[str, Any], run: str | Path) -> str:
    """How comparisons name a run: the target's name and the run folder."""
    path = Path(run)
    folder = path.name if path.is_dir() else path.parent.name
    return f"{report['run']['target']['name']} ({folder})" if folder else report["run"]["target"]["name"]
