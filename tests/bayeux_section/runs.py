"""Runs of the Bayeux section for these tests: against the embedded reference server (clean or
with one fault) and against a faye server, in-process through `run_suites`."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from conformance.catalog import load_catalog
from conformance.profile import TargetProfile, load_profile
from conformance.runner import run_suites

ROOT = Path(__file__).resolve().parents[2]
INTEROP = ROOT / "tests" / "interop"
FAYE_PROFILE = ROOT / "fixtures" / "profiles" / "faye-bayeux-only.toml"
FAYE_HOLD_S = 2  # faye's connect timeout; it expires a client 2x that after its last connect
SECTION = "BAYEUX-*"


def bayeux_ids() -> list[str]:
    return [r.id for r in load_catalog() if r.id.startswith("BAYEUX-")]


def verdicts(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """requirement ID -> its entry in report.json (verdict, checks)."""
    return {r["id"]: r for r in report["requirements"] if r["id"].startswith("BAYEUX-")}


def explain(entry: dict[str, Any]) -> str:
    return "; ".join(f"{c['name']}: {c['verdict']} {c['message']}" for c in entry.get("checks", []))


def faye_missing_reason() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed (the faye target needs Node.js 20)"
    if not (INTEROP / "node_modules" / "faye" / "package.json").is_file():
        return "tests/interop/node_modules/faye is missing: run `npm ci --prefix tests/interop`"
    return None


@contextmanager
def faye_server() -> Iterator[str]:
    """`node faye_server.js 0 /bayeux 2` on 127.0.0.1: yields its base URL."""
    process = subprocess.Popen(
        ["node", str(INTEROP / "faye_server.js"), "0", "/bayeux", str(FAYE_HOLD_S)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=INTEROP,
    )
    try:
        assert process.stdout is not None
        ready = json.loads(process.stdout.readline() or "{}")
        assert "port" in ready, "faye_server.js did not report its port"
        yield f"http://127.0.0.1:{ready['port']}"
    finally:
        process.terminate()
        process.wait(10)
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()


def faye_profile(base_url: str) -> TargetProfile:
    """fixtures/profiles/faye-bayeux-only.toml (its kind and features), pointed at this faye
    server, with timeouts for its 2 s hold."""
    profile = load_profile(FAYE_PROFILE)
    timeouts = dataclasses.replace(
        profile.timeouts, http=5.0, notification=2.0, negative_window=0.5, bayeux_hold=5.0, bayeux_expiry=2 * FAYE_HOLD_S + 1.0
    )
    return dataclasses.replace(profile, base_url=base_url, cometd_url=f"{base_url}/bayeux", timeouts=timeouts)


def run_faye(output: Path) -> dict[str, Any]:
    with faye_server() as base_url:
        return run_suites(faye_profile(base_url), output, requirements=[SECTION]).report
