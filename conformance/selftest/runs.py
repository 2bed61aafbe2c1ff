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


@dataclass(frozen=True)
class Job:
    label: str
    fault: str | None
    sections: tuple[str, ...] = ()  # empty: every section

    def folder(self, workdir: Path) -> Path:
        return workdir / self.label.replace("(", "").replace(")", "").replace("/", "_")


def run_many(jobs: list[Job], workdir: Path, *, parallel: int, timeout: float) -> list[RunResult]:
    """Run the jobs in `parallel` batch processes; `timeout` bounds each job.

    A process per job cost about two seconds of start-up each; a batch process runs its jobs
    one after the other in-process, each against a fresh embedded server.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    batches = [jobs[index::parallel] for index in range(max(1, parallel))]
    with ThreadPoolExecutor(max_workers=len(batches)) as pool:
        stderr_of = dict(pool.map(lambda pair: _run_batch(pair[0], pair[1], workdir, timeout), enumerate(batches)))
    return [_result(job, workdir, stderr_of[index % len(batches)]) for index, job in enumerate(jobs)]


def _run_batch(index: int, jobs: list[Job], workdir: Path, timeout: float) -> tuple[int, str]:
    if not jobs:
        return index, ""
    spec = workdir / f"batch-{index}.json"
    entries = [{"label": j.label, "fault": j.fault, "sections": list(j.sections), "output": str(j.folder(workdir))} for j in jobs]
    spec.write_text(json.dumps(entries), encoding="utf-8")
    command = [sys.executable, "-m", "conformance.selftest.batch", str(spec)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout * len(jobs), env={**os.environ, "PYTHONHASHSEED": "0"})
        return index, done.stderr[-2000:]
    except subprocess.TimeoutExpired:
        return index, f"batch did not finish within {timeout * len(jobs):g} s"


def _result(job: Job, workdir: Path, stderr: str) -> RunResult:
    report_path = job.folder(workdir) / "report.json"
    if not report_path.exists():
        return RunResult(job.label, job.fault, -1, None, stderr)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return RunResult(job.label, job.fault, report["summary"]["exit_code"], report, "")


def default_parallelism() -> int:
    return max(1, min(4, os.cpu_count() or 1))
