"""Run the suite against the embedded reference server in subprocesses, in parallel."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CLEAN = "(clean)"

# Estimated cost of a run covering every section, in runs of one section: measured on a
# 2-core machine, a whole-suite run (fuzzing included) takes about 23 s, a fault's run of
# one section about 2 s, start-up included.
WHOLE_SUITE_COST = 10


@dataclass
class RunResult:
    label: str  # CLEAN (with a repeat suffix), a fault name, a variant name or a group's "a+b"
    faults: frozenset[str]
    variants: frozenset[str]
    exit_code: int
    report: dict[str, Any] | None
    stderr_tail: str
    sections: tuple[str, ...] = ()  # the sections the run covered; empty: every section

    @property
    def is_clean(self) -> bool:
        return not self.faults and not self.variants

    @property
    def fault(self) -> str | None:
        """The fault a kill-matrix run switches on (it switches on one, alone)."""
        return next(iter(self.faults)) if len(self.faults) == 1 and not self.variants else None

    def verdicts(self) -> dict[str, str]:
        """requirement ID -> verdict."""
        return {r["id"]: r["verdict"] for r in (self.report or {}).get("requirements", [])}

    def checks(self) -> dict[str, dict[str, Any]]:
        """check nodeid -> the check's entry of report.json, with its requirement ID added."""
        return {c["nodeid"]: {**c, "requirement": r["id"]} for r in (self.report or {}).get("requirements", []) for c in r["checks"]}

    def check_verdicts(self) -> dict[str, str]:
        """check nodeid -> verdict."""
        return {node: check["verdict"] for node, check in self.checks().items()}


@dataclass(frozen=True)
class Job:
    label: str
    faults: frozenset[str] = frozenset()
    variants: frozenset[str] = frozenset()
    sections: tuple[str, ...] = ()  # empty: every section

    def folder(self, workdir: Path) -> Path:
        name = self.label.replace("(", "").replace(")", "").replace("/", "_")
        if len(self.variants) > 1:  # a group's label joins every member: too long for a file name
            name = f"group-of-{len(self.variants)}-{hashlib.sha1(name.encode()).hexdigest()[:10]}"
        return workdir / "variants" / name if self.variants else workdir / name

    @property
    def cost(self) -> int:
        return len(self.sections) if self.sections else WHOLE_SUITE_COST


def run_many(jobs: list[Job], workdir: Path, *, parallel: int, timeout: float) -> list[RunResult]:
    """Run the jobs in `parallel` batch processes; `timeout` bounds each job.

    A process per job cost about two seconds of start-up each; a batch process runs its jobs
    one after the other in-process, each against a fresh embedded server.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    for job in jobs:  # a report left by an earlier self-test must never stand in for a run that broke
        shutil.rmtree(job.folder(workdir), ignore_errors=True)
    batches = _balanced(jobs, max(1, parallel))
    with ThreadPoolExecutor(max_workers=len(batches)) as pool:
        stderr_of = dict(pool.map(lambda pair: _run_batch(pair[0], pair[1], workdir, timeout), enumerate(batches)))
    batch_of = {job: index for index, batch in enumerate(batches) for job in batch}
    return [_result(job, workdir, stderr_of[batch_of[job]]) for job in jobs]


def _balanced(jobs: list[Job], parallel: int) -> list[list[Job]]:
    """Longest first, each job to the least loaded batch: the whole-suite runs (clean and
    variant runs) spread over the batches instead of queueing behind each other."""
    batches: list[list[Job]] = [[] for _ in range(min(parallel, len(jobs)) or 1)]
    loads = [0] * len(batches)
    for job in sorted(jobs, key=lambda j: -j.cost):  # stable: equal costs keep their order
        index = loads.index(min(loads))
        batches[index].append(job)
        loads[index] += job.cost
    return batches


def _run_batch(index: int, jobs: list[Job], workdir: Path, timeout: float) -> tuple[int, str]:
    if not jobs:
        return index, ""
    spec = workdir / f"batch-{index}.json"
    entries = [
        {"label": j.label, "faults": sorted(j.faults), "variants": sorted(j.variants), "sections": list(j.sections), "output": str(j.folder(workdir))}
        for j in jobs
    ]
    spec.write_text(json.dumps(entries), encoding="utf-8")
    command = [sys.executable, "-m", "conformance.selftest.batch", str(spec)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout * len(jobs), env={**os.environ, "PYTHONHASHSEED": "0"})
        return index, done.stderr[-2000:]
    except subprocess.TimeoutExpired:
        return index, f"batch did not finish within {timeout * len(jobs):g} s"


def _result(job: Job, workdir: Path, batch_stderr: str) -> RunResult:
    folder = job.folder(workdir)
    report_path = folder / "report.json"
    if not report_path.exists():
        error = folder / "error.txt"  # the run's own traceback, when the batch caught one
        stderr = error.read_text(encoding="utf-8")[-2000:] if error.exists() else batch_stderr
        return RunResult(job.label, job.faults, job.variants, -1, None, stderr, job.sections)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return RunResult(job.label, job.faults, job.variants, report["summary"]["exit_code"], report, "", job.sections)


def default_parallelism() -> int:
    return max(1, min(4, os.cpu_count() or 1))
