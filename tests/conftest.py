"""Shared by our tests: one clean run of the whole suite against the embedded reference server."""

from __future__ import annotations

import pytest

from conformance.runner import RunOutcome
from conformance.selftest.inprocess import run_embedded


@pytest.fixture(scope="session")
def clean_run(tmp_path_factory: pytest.TempPathFactory) -> RunOutcome:
    """The whole suite against a clean embedded reference server, run once per test process."""
    return run_embedded(tmp_path_factory.mktemp("clean-run"))


@pytest.fixture(scope="session")
def serial_clean_run(tmp_path_factory: pytest.TempPathFactory) -> RunOutcome:
    """The same, one check at a time (--concurrency 1) and without the fuzz section."""
    return run_embedded(tmp_path_factory.mktemp("serial-clean-run"), fuzz=None, concurrency=1)
