"""The built wheel, installed without extras into a fresh venv, runs the suite from an empty folder.

pip fetches the build backend and the dependencies from PyPI (through its usual cache).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance import __version__

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
INSTALL_TIMEOUT = 900  # seconds: a cold pip cache downloads schemathesis, hypothesis and the rest


def _clean_env() -> dict[str, str]:
    # Without PYTHONPATH and our venv's variables, the venv imports only what the wheel installed.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv holding the wheel built from this checkout, no extras."""
    work = tmp_path_factory.mktemp("wheel")
    env = _clean_env()
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"), str(ROOT)], check=True, env=env, timeout=INSTALL_TIMEOUT)
    (wheel,) = (work / "dist").glob("gws_conformance-*.whl")
    assert wheel.name.startswith(f"gws_conformance-{__version__}-")
    subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True, env=env, timeout=INSTALL_TIMEOUT)
    bin_dir = work / "venv" / "bin"
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True, env=env, timeout=INSTALL_TIMEOUT)
    return bin_dir


def _run_in_empty_folder(bin_dir: Path, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    folder.mkdir()
    return subprocess.run([str(bin_dir / "gws-conformance"), *args], cwd=folder, env=_clean_env(), capture_output=True, text=True, timeout=600)


def _report(folder: Path) -> dict[str, object]:
    (run,) = (folder / "reports").iterdir()
    for name in ("report.json", "report.html", "summary.md", "junit.xml"):
        assert (run / name).is_file(), f"{name} missing from {run}"
    report: dict[str, object] = json.loads((run / "report.json").read_text(encoding="utf-8"))
    return report


def test_installed_wheel_reads_its_version_and_packaged_data(installed: Path, tmp_path: Path) -> None:
    version = subprocess.run([str(installed / "gws-conformance"), "--version"], cwd=tmp_path, env=_clean_env(), capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.strip() == f"gws-conformance {__version__}"
    where = subprocess.run(
        [str(installed / "python"), "-c", "from conformance import schemas; print(schemas.schema_dir()); print(schemas.fixture_dir())"],
        cwd=tmp_path, env=_clean_env(), capture_output=True, text=True, timeout=60, check=True,
    )
    schema_dir, fixture_dir = (Path(line) for line in where.stdout.split())
    assert schema_dir.parts[-3:] == ("conformance", "_data", "schemas") and (schema_dir / "email.schema.json").is_file()
    assert fixture_dir.parts[-3:] == ("conformance", "_data", "fixtures") and (fixture_dir / "profiles" / "vendor-example.toml").is_file()


@pytest.mark.parametrize("parallel", [[], ["--workers", "2"]], ids=["serial", "two-workers"])
def test_installed_wheel_runs_the_suite_from_an_empty_folder(installed: Path, tmp_path: Path, parallel: list[str]) -> None:
    folder = tmp_path / "empty"
    completed = _run_in_empty_folder(installed, folder, "run", "--no-fuzz", *parallel)
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-2000:]
    report = _report(folder)
    run = report["run"]
    assert isinstance(run, dict) and run["suite_version"] == __version__
