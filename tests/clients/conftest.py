"""Shared fixtures of the client tests: asyncio via anyio's pytest plugin, a fresh recorder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.evidence import Recorder, use_recorder


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(autouse=True)
def recorder() -> Iterator[Recorder]:
    fresh = Recorder("client test")
    previous = use_recorder(fresh)
    yield fresh
    use_recorder(previous)
