"""Runs of the Email API sections past Accept and Reject (SECTIONS) against the embedded reference
server, in-process."""

from __future__ import annotations

from typing import Any

from conformance.catalog import load_catalog

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


def by_id(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in report["requirements"]}


def explain(entry: dict[str, Any]) -> str:
    return "; ".join(f"{c['name']}: {c['verdict']} {c['message']}" for c in entry.get("checks", []))
