"""Speed of a run against a slow intake: `gws-conformance serve --intake-delay 10` versus the same
server without delay, one agent pair, a full run without fuzzing.

    python benchmarks/slow_intake.py [--delay 10] [--output benchmarks/results/slow-intake.json]

A real E-mail Server polls its mailbox every few seconds to a minute; a run asks for about a
hundred invitations. The suite injects interchangeable ones ahead (conformance/target/
invitation_pool.py); the goal is a run at most twice as long as without delay, plus 30 s. Each
run starts its own server (`serve --port 0`) and drives it through a profile like
fixtures/profiles/reference-local.toml. Reporting, not gating: it takes minutes (not run by CI).
"""

from __future__ import annotations

import argparse
import json
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from figures import machine, sections_without_fuzz, write_and_show  # benchmarks/figures.py

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "fixtures" / "profiles" / "reference-local.toml"
LISTENING = re.compile(r"listening on (?P<url>http://\S+) \(REST")
BAYEUX_TIMEOUT_MS = 2000  # as the embedded server's: the one check waiting out a hold costs 2 s


def _start_server(delay: float, latency_ms: int = 0) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "conformance", "serve", "--port", "0", "--bayeux-timeout", str(BAYEUX_TIMEOUT_MS)]
    if delay:
        command += ["--intake-delay", f"{delay:g}"]
    if latency_ms:
        command += ["--latency", str(latency_ms)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines: queue.Queue[str] = queue.Queue()
    assert server.stdout is not None
    threading.Thread(target=lambda: [lines.put(line) for line in server.stdout or ()], daemon=True).start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            found = LISTENING.search(lines.get(timeout=max(0.0, deadline - time.monotonic())))
        except queue.Empty:
            break
        if found:
            return server, found["url"]
    server.kill()
    raise SystemExit("the reference server did not start within 30 s")


def _stop_server(server: subprocess.Popen[str]) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(15)
    except subprocess.TimeoutExpired:
        server.kill()


def _profile(base_url: str, invitation_timeout: float, folder: Path) -> Path:
    """reference-local.toml pointed at `base_url`, with an invitation timeout above the delay."""
    text = PROFILE.read_text(encoding="utf-8").replace("http://127.0.0.1:8080", base_url)
    text = re.sub(r"(?m)^invitation = .*$", f"invitation = {invitation_timeout:g}", text)
    path = folder / "profile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def one_run(workdir: Path, name: str, delay: float, *, latency_ms: int = 0, concurrency: int | None = None) -> dict[str, Any]:
    """A full run without fuzzing against a server of its own (`concurrency`: the run's default when None)."""
    folder = workdir / name
    folder.mkdir()
    server, base_url = _start_server(delay, latency_ms)
    try:
        profile = _profile(base_url, 3 * delay + 10, folder)
        sections = [arg for section in sections_without_fuzz() for arg in ("--section", section)]
        command = [sys.executable, "-m", "conformance", "run", "--target", str(profile), "--output", str(folder / "report"), *sections]
        command += ["--concurrency", str(concurrency)] if concurrency else []
        started = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True, text=True)
        wall = time.perf_counter() - started
    finally:
        _stop_server(server)
    report = json.loads((folder / "report" / "report.json").read_text(encoding="utf-8"))
    return {
        "wall_s": round(wall, 1),
        "verdicts": {c["nodeid"]: c["verdict"] for r in report["requirements"] for c in r["checks"]},
        "summary": report["summary"]["checks"],
        "observations": [o["text"] for o in report["run"].get("observations", [])],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--delay", type=float, default=10.0, metavar="SECONDS")
    parser.add_argument("--output", default="benchmarks/results/slow-intake.json")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep both runs' reports in DIR (default: a temporary folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gwsct-bench-intake-") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        fast = one_run(workdir, "no-delay", 0.0)
        slow = one_run(workdir, "delay", args.delay)
    differing = sorted(n for n in fast["verdicts"].keys() | slow["verdicts"].keys() if fast["verdicts"].get(n) != slow["verdicts"].get(n))
    goal = 2 * fast["wall_s"] + 30
    figures: dict[str, Any] = {
        "machine": machine(),
        "slow_intake": {
            "intake_delay_s": args.delay,
            "checks": len(fast["verdicts"]),
            "no_delay_wall_s": fast["wall_s"],
            "delay_wall_s": slow["wall_s"],
            "goal_s": round(goal, 1),
            "goal_met": slow["wall_s"] <= goal,
            "identical_verdicts": not differing,
            "differing_checks": differing[:20],
            "delay_summary": slow["summary"],
            "delay_observations": slow["observations"],
        },
    }
    write_and_show(figures, Path(args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
