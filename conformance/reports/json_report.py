"""Build the canonical report.json (schemas/report.schema.json) from a run's record."""

from __future__ import annotations

import platform
import sys
from collections import Counter
from datetime import datetime, timezone
from typing import Any

from conformance import __version__
from conformance.check_result import CheckResult
from conformance.exit_codes import EXIT_PASS, run_exit_code
from conformance.reports.reproduction import reproduction
from conformance.reports.timing import check_timing, latency_summary
from conformance.run_record import RunRecord
from conformance.verdicts import Verdict, worst

REPORT_SCHEMA_VERSION = "1.4"


MODE_NORMAL = "normal"
MODE_CERTIFY = "certify"  # no baseline, no filters; a SHOULD not met (PASS-NONSTRICT) fails the run


def _iso(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, timezone.utc).isoformat(timespec="milliseconds")


def build_report(record: RunRecord) -> dict[str, Any]:
    catalog = record.catalog
    by_requirement: dict[str, list[CheckResult]] = {}
    for result in record.results:
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
    report: dict[str, Any] = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "run": {
            "suite_version": __version__,
            "catalog_version": catalog.version,
            "api": catalog.api,
            "target": record.target,
            "mode": MODE_NORMAL,
            "filters": {
                "requirements": list(record.requirement_filters),
                "sections": list(record.section_filters),
                "keywords": list(record.keyword_filters),
            },
            "started_at": _iso(record.started_at),
            "finished_at": _iso(record.finished_at),
            "duration_s": round((record.finished_at or record.started_at) - record.started_at, 3),
            "environment": {"python": sys.version.split()[0], "platform": platform.platform()},
            "execution": {"agent_pairs": record.agent_pairs, "concurrency": record.concurrency},
        },
        "requirements": requirements,
    }
    if record.observations:
        report["run"]["observations"] = [{"key": key, "text": text} for key, text in record.observations]
    if record.interrupted:
        report["run"]["interrupted"] = {"signal": record.interrupted}
    report["summary"] = summarise(report)
    return report


def interruption(report: dict[str, Any]) -> str | None:
    """The signal that stopped the run early ("SIGINT", "SIGTERM"); None for a run that finished."""
    interrupted = report["run"].get("interrupted")
    return interrupted["signal"] if interrupted else None


def annotate_check(check: dict[str, Any], target: dict[str, Any]) -> None:
    """Add the stimulus latencies to the check's timings, and its reproduction when it failed.

    The plugin does it when it judges the check (CheckResult.timings and .reproduction)."""
    check["timings"].update(check_timing(check, target["cometd_url"]))
    check["reproduction"] = reproduction(check, target)


def requirement_verdict(checks: list[dict[str, Any]]) -> str:
    return worst([Verdict(c["verdict"]) for c in checks]).value


def certify(report: dict[str, Any]) -> dict[str, Any]:
    """The report of a certification run: PASS-NONSTRICT counts as failing."""
    certified = {**report, "run": {**report["run"], "mode": MODE_CERTIFY}}
    certified["summary"] = summarise(certified)
    return certified


def is_certify(report: dict[str, Any]) -> bool:
    return bool(report["run"].get("mode") == MODE_CERTIFY)


def summarise(report: dict[str, Any]) -> dict[str, Any]:
    requirements = Counter(r["verdict"] for r in report["requirements"])
    checks = Counter(c["verdict"] for r in report["requirements"] for c in r["checks"])
    summary: dict[str, Any] = {
        "requirements": {v.value: requirements.get(v.value, 0) for v in Verdict},
        "checks": {v.value: checks.get(v.value, 0) for v in Verdict},
        "exit_code": exit_code_of(report),
        "latency": latency_summary(report),
    }
    coverage = transition_coverage(report)
    if coverage:
        summary["transition_coverage"] = coverage
    if is_certify(report):
        summary["certified"] = summary["exit_code"] == EXIT_PASS
    return summary


def transition_coverage(report: dict[str, Any]) -> dict[str, Any] | None:
    """The lifecycle model's transitions the run performed, merged over every check (and so
    over parallel workers, each of which counts only its own)."""
    covered: set[str] = set()
    every: set[str] = set()
    for requirement in report["requirements"]:
        for check in requirement["checks"]:
            for event in check["evidence"]:
                detail = event.get("detail") or {}
                if event.get("kind") == "note" and "covered" in detail and "missing" in detail:
                    covered.update(detail["covered"])
                    every.update(detail["covered"], detail["missing"])
    if not every:
        return None
    return {"covered": len(covered), "total": len(every), "not_reached": sorted(every - covered)}


def exit_code_of(report: dict[str, Any]) -> int:
    return run_exit_code(
        {r["verdict"] for r in report["requirements"]},
        certify=is_certify(report),
        interrupted=interruption(report),
        stale_baseline=any(e.get("status") == "stale" for e in (report.get("baseline") or {}).get("entries", [])),
    )
