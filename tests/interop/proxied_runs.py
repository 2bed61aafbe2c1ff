"""Whole-suite runs against the embedded reference server reached through nginx, and how their
verdicts differ from a direct run's."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance.embedded import embedded_config, embedded_profile
from conformance.fuzz.settings import FuzzSettings
from conformance.reference import ReferenceServer
from conformance.runner import RunOutcome, run_suites

from .nginx_proxy import NginxProxy


@dataclass(frozen=True)
class ProxiedRun:
    outcome: RunOutcome
    access_log: str  # nginx's: what went through the proxy


def run_through_nginx(output: Path, *, fuzz: FuzzSettings | None = FuzzSettings()) -> ProxiedRun:
    """The suite against a fresh embedded server (as `gws-conformance run` starts it), every
    request of the run (REST, CometD long-polling and WebSocket, the injector) through nginx."""
    with contextlib.redirect_stdout(io.StringIO()):
        with ReferenceServer(embedded_config()).start() as server, NginxProxy(server.port) as proxy:
            profile = embedded_profile(server, name="embedded reference server behind nginx", base_url=proxy.base_url)
            outcome = run_suites(profile, output, fuzz=fuzz)
            return ProxiedRun(outcome, proxy.access_log())


def requirement_verdicts(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """requirement ID -> its report.json entry."""
    return {r["id"]: r for r in report["requirements"]}


def _reasons(entry: dict[str, Any] | None) -> str:
    if entry is None:
        return "not in the run"
    checks = [f"{c['name']}: {c['verdict']} {c.get('message') or ''}".rstrip() for c in entry.get("checks", []) if c["verdict"] != "PASS"]
    return entry["verdict"] + (" (" + "; ".join(checks) + ")" if checks else "")


def verdict_differences(direct: dict[str, Any], proxied: dict[str, Any]) -> list[str]:
    """One line per requirement whose verdict differs, with both runs' reasons."""
    ours, theirs = requirement_verdicts(direct), requirement_verdicts(proxied)
    lines = []
    for requirement in sorted(ours.keys() | theirs.keys()):
        a, b = ours.get(requirement), theirs.get(requirement)
        if a is None or b is None or a["verdict"] != b["verdict"]:
            lines.append(f"{requirement}: direct {_reasons(a)}; through nginx {_reasons(b)}")
    return lines
