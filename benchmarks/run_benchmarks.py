"""Speed of a conformance run against the embedded reference server.

    python benchmarks/run_benchmarks.py [--output benchmarks/results/latest.json] [--skip-parallel]

Prints a small table and writes JSON. Reporting, not gating: figures on a noisy machine
vary, which is why they live here and not in timed tests.

Measured:
  full run  - wall time of `gws-conformance run --concurrency 1` without fuzzing, start-up included, split
              into time waiting on the target (HTTP exchanges, notification waits that
              were answered), bounded waits that ended by timeout (negative checks), and
              our own overhead (the rest of each check); per-check median and p95.
  parallel  - the same checks against a reference answering 100 ms late, with 1 and with
              4 agent pairs on pytest-xdist workers, one check at a time on each pair (checks in
              flight together on one pair: benchmarks/concurrency.py); the verdicts must be identical.
  fuzz      - requests per second of the fuzz section.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from figures import machine, sections_without_fuzz, write_and_show  # benchmarks/figures.py

from conformance.catalog import load_catalog
from conformance.embedded import embedded_config, embedded_profile
from conformance.reference import ReferenceServer
from conformance.reference.agents import default_agents
from conformance.runner import run_suites

# The checks that wait out a Bayeux hold or a session expiry take the target's advertised
# timeouts by design; the speed target excludes them.
HOLD_TIMING = ("BAYEUX-CONNECT-04", "BAYEUX-DISCONNECT-02")


def _run_cli(output: Path, extra: list[str]) -> tuple[float, dict[str, Any]]:
    command = [sys.executable, "-m", "conformance", "run", "--output", str(output), *extra]
    started = time.perf_counter()
    subprocess.run(command, check=False, capture_output=True, text=True)
    wall = time.perf_counter() - started
    return wall, json.loads((output / "report.json").read_text(encoding="utf-8"))


def _checks(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [c | {"requirement": r["id"]} for r in report["requirements"] for c in r["checks"]]


def _total(check: dict[str, Any], name: str) -> float:
    entry = check["timings"].get(name)
    return (entry or {}).get("total_ms", 0.0) / 1000


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else 0.0


def full_run(workdir: Path) -> dict[str, Any]:
    # One check at a time, so that the time in checks adds up to the wall time it is split from
    # (the run with checks in flight together: benchmarks/concurrency.py).
    sections = [arg for name in sections_without_fuzz() for arg in ("--section", name)]
    wall, report = _run_cli(workdir / "full", [*sections, "--concurrency", "1"])
    checks = _checks(report)
    per_check, waiting, timed_out, overhead, hold = [], 0.0, 0.0, [], 0.0
    for check in checks:
        spent = check["timings"].get("setup_s", 0.0) + check["timings"].get("duration_s", 0.0)
        on_target = _total(check, "http") + _total(check, "wait")
        bounded = _total(check, "wait_timeout")
        per_check.append(spent)
        waiting += on_target
        timed_out += bounded
        overhead.append(max(0.0, spent - on_target - bounded))
        if check["requirement"] in HOLD_TIMING:
            hold += spent
    in_checks = sum(per_check)
    return {
        "wall_s": round(wall, 3),
        "wall_without_hold_timing_s": round(wall - hold, 3),
        "hold_timing_checks_s": round(hold, 3),
        "checks": len(checks),
        "verdicts": report["summary"]["checks"],
        "startup_and_reporting_s": round(wall - in_checks, 3),
        "waiting_on_target_s": round(waiting, 3),
        "timed_out_waits_s": round(timed_out, 3),
        "timed_out_share_of_wall": round(timed_out / wall, 3),
        "own_overhead_s": round(sum(overhead), 3),
        "own_overhead_per_check_median_ms": round(statistics.median(overhead) * 1000, 3) if overhead else 0.0,
        "per_check_median_ms": round(statistics.median(per_check) * 1000, 3) if per_check else 0.0,
        "per_check_p95_ms": round(_p95(per_check) * 1000, 3),
    }


FUZZ_SUMMARY = re.compile(r"(?P<requests>\d+) requests in (?P<seconds>[\d.]+) s \((?P<rate>\d+) requests/s")


def fuzz_run(workdir: Path) -> dict[str, Any]:
    """The fuzz section alone at its default budget: the campaign's own request rate."""
    wall, report = _run_cli(workdir / "fuzz", ["--section", "fuzz"])
    notes = [e["summary"] for c in _checks(report) for e in c["evidence"] if e["kind"] == "note"]
    found = next((m for m in map(FUZZ_SUMMARY.search, notes) if m), None)
    return {
        "wall_s": round(wall, 3),
        "requests": int(found["requests"]) if found else None,
        "campaign_s": float(found["seconds"]) if found else None,
        "requests_per_second": int(found["rate"]) if found else None,
        "verdicts": report["summary"]["checks"],
    }


def parallel_run(workdir: Path, *, latency_ms: int, pairs: int) -> dict[str, Any]:
    requirements = [r.id for r in load_catalog() if r.section != "fuzz" and r.id not in HOLD_TIMING]
    results = {}
    for workers in (1, pairs):
        config = dataclasses.replace(embedded_config(), latency_ms=latency_ms, agents=default_agents(max(8, 2 * pairs)))
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            with ReferenceServer(config).start() as server:
                # One check at a time per pair: this measures the workers, benchmarks/concurrency.py the rest.
                outcome = run_suites(
                    embedded_profile(server), workdir / f"parallel-{workers}", requirements=requirements, workers=workers, concurrency=1
                )
        results[workers] = (time.perf_counter() - started, {c["nodeid"]: c["verdict"] for c in _checks(outcome.report)})
    serial_wall, serial_verdicts = results[1]
    parallel_wall, parallel_verdicts = results[pairs]
    differing = sorted(n for n in serial_verdicts.keys() | parallel_verdicts.keys() if serial_verdicts.get(n) != parallel_verdicts.get(n))
    return {
        "latency_ms": latency_ms,
        "checks": len(serial_verdicts),
        "serial_wall_s": round(serial_wall, 3),
        f"{pairs}_pairs_wall_s": round(parallel_wall, 3),
        "speedup": round(serial_wall / parallel_wall, 2),
        "identical_verdicts": not differing,
        "differing_checks": differing[:20],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", default="benchmarks/results/latest.json")
    parser.add_argument("--latency", type=int, default=100, metavar="MS")
    parser.add_argument("--pairs", type=int, default=4)
    parser.add_argument("--skip-parallel", action="store_true", help="only the full run (CI uses this to stay quick)")
    args = parser.parse_args(argv)
    figures: dict[str, Any] = {"machine": machine()}
    with tempfile.TemporaryDirectory(prefix="gwsct-bench-") as tmp:
        workdir = Path(tmp)
        figures["full_run"] = full_run(workdir)
        figures["fuzz"] = fuzz_run(workdir)
        if not args.skip_parallel:
            figures["parallel"] = parallel_run(workdir, latency_ms=args.latency, pairs=args.pairs)
    write_and_show(figures, Path(args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
