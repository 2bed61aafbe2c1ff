"""Build the canonical report.json (schemas/report.schema.json) from a run's check results."""

from __future__ import annotations

import platform
import sys
from collections import Counter
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from conformance import __version__
from conformance.verdicts import Verdict, worst

if TYPE_CHECKING:
    from conformance.plugin.suite import SuitePlugin

REPORT_SCHEMA_VERSION = "1.0"

# Exit codes of `gws-conformance run` (documented in the README).
EXIT_PASS = 0  # every applicable MUST requirement passed
EXIT_FAIL = 1  # a requirement failed
EXIT_USAGE = 2  # usage or profile error; also our own harness errors
EXIT_BLOCKED = 3  # target unreachable or a setup step BLOCKED checks


def _iso(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, timezone.utc).isoformat(timespec="milliseconds")


def build_report(plugin: SuitePlugin) -> dict[str, Any]:
    catalog = plugin.catalog
    by_requirement: dict[str, list] = {}
    for result in plugin.results:
        by_requirement.setdefault(result.requirement, []).append(result)
    requirements = []
    for requirement in catalog:  # catalog order: deterministic
        results = by_requirement.get(requirement.id)
        if not results:
            continue
        entry = requirement.as_dict()
        entry["verdict"] = worst([r.verdict for r in results]).value
        entry["checks"] = [r.as_dict() for r in sorted(results, key=lambda r: r.nodeid)]
        requirements.append(entry)
    report = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "run": {
            "suite_version": __version__,
            "catalog_version": catalog.version,
            "api": catalog.api,
            "target": plugin.profile.public_view(),
            "filters": {
                "requirements": plugin.requirement_filters,
                "sections": plugin.section_filters,
                "keywords": plugin.keyword_filters,
            },
            "started_at": _iso(plugin.started_at),
            "finished_at": _iso(plugin.finished_at),
            "duration_s": round((plugin.finished_at or plugin.started_at) - plugin.started_at, 3),
            "environment": {"python": sys.version.split()[0], "platform": platform.platform()},
        },
        "requirements": requirements,
    }
    report["summary"] = summarise(report)
    return report


def summarise(report: dict[str, Any]) -> dict[str, Any]:
    requirements = Counter(r["verdict"] for r in report["requirements"])
    checks = Counter(c["verdict"] for r in report["requirements"] for c in r["checks"])
    return {
        "requirements": {v.value: requirements.get(v.value, 0) for v in Verdict},
        "checks": {v.value: checks.get(v.value, 0) for v in Verdict},
        "exit_code": exit_code_of(report),
    }


def exit_code_of(report: dict[str, Any]) -> int:
    verdicts = {r["verdict"] for r in report["requirements"]}
    if Verdict.FAIL.value in verdicts:
        return EXIT_FAIL
    if Verdict.BLOCKED.value in verdicts:
        return EXIT_BLOCKED
    if Verdict.ERROR.value in verdicts:
        return EXIT_USAGE
    return EXIT_PASS
