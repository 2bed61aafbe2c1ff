"""Run the suite against the embedded reference server in subprocesses, in parallel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CLEAN = "(clean)"


@dataclass
class RunResult:
    label: str  # a fault name, or CLEAN (with a repeat suffix)
    fault: str | None
    exit_code: int
    report: dict[str, Any] | None
    stderr_tail: str

    def verdicts(self) -> dict[str, str]:
        """requirement ID -> verdict."""
        return {r["id"]: r["verdict"] for r in (self.report or {}).get("requirements", [])}

    def check_verdicts(self) -> dict[str, str]:
        """check nodeid -> verdict."""
        return {c["nodeid"]: c["verdict"] for r in (self.report or {}).get("requirements", []) for c in r["checks"]}


def run_one(label: str, fault: str | None, output: Path, extra: list[str], timeout: float) -> RunResult:
    command = [sys.executable, "-m", "conformance", "run", "--output", str(output), *extra]
    if fault:
        command += ["--fault", fault]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env={**os.environ, "PYTHONHASHSEED": "0"})
        code, stderr = done.returncode, done.stderr
    except subprocess.TimeoutExpired:
        return RunResult(label, fault, -1, None, f"run did not finish within {timeout:g} s")
    report_path = output / "report.json"
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else None
    return RunResult(label, fault, code, report, stderr[-2000:])


@dataclass(frozen=True)
class Job:
    label: str
    fault: str | None
    extra: tuple[str, ...] = ()  # further `gws-conformance run` arguments, e.g. section filters


def run_many(jobs: list[Job], workdir: Path, *, parallel: int, timeout: float) -> list[RunResult]:
    workdir.mkdir(parents=True, exist_ok=True)

    def one(job: Job) -> RunResult:
        folder = workdir / job.label.replace("(", "").replace(")", "").replace("/", "_")
        return run_one(job.label, job.fault, folder, list(job.extra), timeout)

    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        return list(pool.map(one, jobs))


def default_parallelism() -> int:
    return max(1, min(4, os.cpu_count() or 1))
