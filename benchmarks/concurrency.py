"""Speed of checks in flight together on one agent pair (`--concurrency`), measured side by side.

    python benchmarks/concurrency.py [--output benchmarks/results/concurrency.json] [--intake-delay 10]

Four figures, each a full run without fuzzing:
  embedded      - `gws-conformance run` against its embedded reference server, start-up and every
                  check included (the hold and expiry checks too): default concurrency, and 1;
  late notifications - the same with every notification 300-500 ms after its answer (the allowed
                  variant `late-notifications`, like a proxy that holds notifications): the
                  negative windows grow with the latency seen, and run side by side;
  latency       - one agent pair against `serve --latency 100` (every answer and notification
                  100 ms late): default concurrency, and 1; the verdicts must be identical;
  slow intake   - the same plus `--intake-delay 10` (a polling mailbox), invitations injected
                  ahead (conformance/target/invitation_pool.py), default concurrency.
Goals: embedded <= 8 s; latency at least 4x faster than --concurrency 1; slow intake <= 120 s.
Reporting, not gating: it takes minutes (CI runs run_benchmarks.py only).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from figures import machine, sections_without_fuzz, write_and_show  # benchmarks/figures.py
from slow_intake import one_run  # benchmarks/slow_intake.py

LATENCY_MS = 100
LATE_VARIANT = "late-notifications"  # every notification 300-500 ms after its answer


def embedded_run(workdir: Path, concurrency: int | None, variant: str | None = None) -> dict[str, Any]:
    """`gws-conformance run` without fuzzing, wall time from the command's start to its exit."""
    output = workdir / f"embedded-{variant or 'clean'}-{concurrency or 'default'}"
    sections = [arg for section in sections_without_fuzz() for arg in ("--section", section)]
    command = [sys.executable, "-m", "conformance", "run", "--output", str(output), *sections]
    command += ["--concurrency", str(concurrency)] if concurrency else []
    command += ["--variant", variant] if variant else []
    started = time.perf_counter()
    subprocess.run(command, check=False, capture_output=True, text=True)
    wall = time.perf_counter() - started
    report = json.loads((output / "report.json").read_text(encoding="utf-8"))
    return {"wall_s": round(wall, 2), "verdicts": {c["nodeid"]: c["verdict"] for r in report["requirements"] for c in r["checks"]}}


def _differing(first: dict[str, str], second: dict[str, str]) -> list[str]:
    return sorted(n for n in first.keys() | second.keys() if first.get(n) != second.get(n))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", default="benchmarks/results/concurrency.json")
    parser.add_argument("--intake-delay", type=float, default=10.0, metavar="SECONDS")
    args = parser.parse_args(argv)
    figures: dict[str, Any] = {"machine": machine()}
    with tempfile.TemporaryDirectory(prefix="gwsct-bench-concurrency-") as tmp:
        workdir = Path(tmp)
        together, serial = embedded_run(workdir, None), embedded_run(workdir, 1)
        figures["embedded"] = {
            "checks": len(together["verdicts"]),
            "concurrent_wall_s": together["wall_s"],
            "serial_wall_s": serial["wall_s"],
            "goal_s": 8.0,
            "goal_met": together["wall_s"] <= 8.0,
            "identical_verdicts": not _differing(together["verdicts"], serial["verdicts"]),
        }
        together, serial = embedded_run(workdir, None, LATE_VARIANT), embedded_run(workdir, 1, LATE_VARIANT)
        figures["late_notifications"] = {
            "variant": LATE_VARIANT,
            "concurrent_wall_s": together["wall_s"],
            "serial_wall_s": serial["wall_s"],
            "speedup": round(serial["wall_s"] / together["wall_s"], 2),
            "identical_verdicts": not _differing(together["verdicts"], serial["verdicts"]),
        }
        together = one_run(workdir, "latency", 0.0, latency_ms=LATENCY_MS)
        serial = one_run(workdir, "latency-serial", 0.0, latency_ms=LATENCY_MS, concurrency=1)
        speedup = serial["wall_s"] / together["wall_s"]
        figures["latency"] = {
            "latency_ms": LATENCY_MS,
            "concurrent_wall_s": together["wall_s"],
            "serial_wall_s": serial["wall_s"],
            "speedup": round(speedup, 2),
            "goal_met": speedup >= 4.0,
            "identical_verdicts": not _differing(together["verdicts"], serial["verdicts"]),
            "differing_checks": _differing(together["verdicts"], serial["verdicts"])[:20],
        }
        slow = one_run(workdir, "latency-intake", args.intake_delay, latency_ms=LATENCY_MS)
        figures["slow_intake"] = {
            "latency_ms": LATENCY_MS,
            "intake_delay_s": args.intake_delay,
            "concurrent_wall_s": slow["wall_s"],
            "goal_s": 120.0,
            "goal_met": slow["wall_s"] <= 120.0,
            "identical_verdicts": not _differing(slow["verdicts"], serial["verdicts"]),
            "summary": slow["summary"],
        }
    write_and_show(figures, Path(args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
