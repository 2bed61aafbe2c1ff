"""Runs of the Email API sections of issue 4 against the embedded reference server, in-process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conformance.catalog import load_catalog
from conformance.embedded import embedded_profile
from conformance.reference import ReferenceServer, ServerConfig
from conformance.runner import run_suites

SECTIONS = (
    "email-complete",
    "email-transfer",
    "email-reply",
    "email-create",
    "email-save",
    "email-send",
    "email-cancel",
    "email-user-data",
    "email-disposition",
    "email-attachments",
    "email-get",
    "email-capabilities",
    "email-lifecycle",
    "email-multi-agent",
)


def section_ids() -> list[str]:
    return [r.id for r in load_catalog() if r.section in SECTIONS]


def run_reference(output: Path, *, faults: frozenset[str] = frozenset(), requirements: list[str] | None = None) -> dict[str, Any]:
    """report.json of a run of `requirements` (default: every section above) against a fresh server."""
    with ReferenceServer(ServerConfig(faults=faults)).start() as server:
        profile = embedded_profile(server)
        if requirements:
            return run_suites(profile, output, requirements=requirements).report
        return run_suites(profile, output, sections=list(SECTIONS)).report


def by_id(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in report["requirements"]}


def explain(entry: dict[str, Any]) -> str:
    return "; ".join(f"{c['name']}: {c['verdict']} {c['message']}" for c in entry.get("checks", []))
