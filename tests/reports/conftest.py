"""Real runs of the CLI for the end-to-end report tests: subprocesses, started in parallel."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

RUN_BOUND = 180.0  # seconds: a run of two requirements takes a few
FAULT = "accept-http-204"  # breaks EMAIL-ACCEPT-01 only
REQUIREMENTS = ("EMAIL-ACCEPT-01", "EMAIL-ACCEPT-03")


@dataclass(frozen=True)
class Finished:
    args: tuple[str, ...]
    exit_code: int
    stdout: str
    stderr: str
    output: Path | None


def cli_args(*args: str) -> list[str]:
    return [sys.executable, "-m", "conformance", *args]


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> Finished:
    done = subprocess.run(cli_args(*args), capture_output=True, text=True, timeout=RUN_BOUND, env=env, cwd=cwd)
    return Finished(args, done.returncode, done.stdout, done.stderr, None)


def suite_run_args(output: Path, *extra: str) -> list[str]:
    requirements = [arg for req in REQUIREMENTS for arg in ("--requirement", req)]
    return ["run", "--output", str(output), *requirements, *extra]


def run_in_parallel(runs: dict[str, list[str]], *, env: dict[str, str] | None = None) -> dict[str, Finished]:
    """Start every CLI invocation at once, then collect them; `--output` names each one's folder."""
    started = {
        name: subprocess.Popen(cli_args(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for name, args in runs.items()
    }
    finished = {}
    for name, process in started.items():
        try:
            stdout, stderr = process.communicate(timeout=RUN_BOUND)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise
        args = runs[name]
        output = Path(args[args.index("--output") + 1]) if "--output" in args else None
        finished[name] = Finished(tuple(args), process.returncode, stdout, stderr, output)
    return finished


@pytest.fixture(scope="session")
def suite_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Finished]:
    """Two runs of the same requirements against the embedded server: with FAULT on, and clean."""
    root = tmp_path_factory.mktemp("runs")
    return run_in_parallel(
        {
            "faulty": suite_run_args(root / "faulty", "--fault", FAULT),
            "clean": suite_run_args(root / "clean"),
        },
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
