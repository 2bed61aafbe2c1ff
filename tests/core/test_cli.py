"""The command line: bad input is one clear line and exit code 2; list prints the catalog."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conformance.catalog import load_catalog


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "conformance", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["frobnicate"], "invalid choice"),
        (["run", "--target", "/nonexistent/profile.toml"], "no such file"),
        (["run", "--section", "no-such-section"], "unknown section"),
        (["run", "--requirement", "NOPE-*"], "no requirement matches"),
        (["run", "--fault", "no-such-fault", "--requirement", "EMAIL-ACCEPT-01"], "unknown fault"),
        (["run", "--variant", "no-such-variant", "--requirement", "EMAIL-ACCEPT-01"], "unknown variant"),
        (["serve", "--variant", "no-such-variant"], "unknown variant"),
        (["serve", "--variant", "error-statuses-200", "--variant", "error-statuses-spread"], "exclude each other"),
        (["run", "--target", "fixtures/profiles/reference-local.toml", "--variant", "x"], "--variant"),
        (["run", "--workers", "0"], "--workers"),
        (["run", "--target", "fixtures/profiles/reference-local.toml", "--fault", "accept-http-204"], "--fault"),
        (["list", "--keyword", "OUGHT"], "invalid choice"),
        (["serve", "--port", "99999"], "port"),
        (["serve", "--routing", "random"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, fragment):
    done = _cli(*args)
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_list_filters_by_section_and_keyword():
    done = _cli("list", "--section", "email-accept", "--keyword", "SHOULD")
    assert done.returncode == 0
    shoulds = [r.id for r in load_catalog() if r.section == "email-accept" and r.keyword == "SHOULD"]
    assert shoulds and all(rid in done.stdout for rid in shoulds)
    assert "EMAIL-ACCEPT-01 " not in done.stdout


def test_list_as_json_is_the_catalog():
    listed = json.loads(_cli("list", "--format", "json").stdout)
    assert listed["catalog_version"] == load_catalog().version
    assert len(listed["requirements"]) == len(load_catalog().requirements)
    by_id = {r["id"]: r for r in listed["requirements"]}
    assert by_id["EMAIL-ACCEPT-01"]["evidence"] == {
        "grade": "documented",
        "quote": "A successful request results in an empty HTTP 200 response.",
        "source": "https://docs.genesys.com/Documentation/HTCC/latest/API/EmailAccept",
        "verbatim": True,
    }


def test_list_shows_each_requirements_evidence_grade():
    done = _cli("list", "--requirement", "EMAIL-ACCEPT-01", "--requirement", "EMAIL-ACCEPT-06")
    assert done.returncode == 0
    rows = {line.split()[0]: line.split()[1:3] for line in done.stdout.splitlines() if line.startswith("  EMAIL-")}
    assert rows == {"EMAIL-ACCEPT-01": ["MUST", "documented"], "EMAIL-ACCEPT-06": ["SHOULD", "sample"]}
