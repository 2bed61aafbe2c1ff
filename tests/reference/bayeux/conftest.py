"""Fixtures: the Bayeux hub alone in a minimal Starlette app, served by uvicorn in a thread."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from conformance.reference.bayeux.standalone import HubServer
from conformance.reference.config import ServerConfig

# Short holds keep the suite fast; tests that measure a hold set their own.
DEFAULTS: dict[str, Any] = {"bayeux_timeout_ms": 2000, "bayeux_interval_ms": 0, "bayeux_max_interval_ms": 10_000}


@pytest.fixture
def hub_server() -> Iterator[Callable[..., HubServer]]:
    """Factory: `hub_server(faults=(...), bayeux_timeout_ms=..., ...)` starts a hub server,
    stopped at teardown."""
    started: list[HubServer] = []

    def start(*, faults: tuple[str, ...] = (), **settings: Any) -> HubServer:
        config = dataclasses.replace(ServerConfig(), **{**DEFAULTS, **settings})
        server = HubServer(config, switches=faults).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def _shared_server() -> Iterator[HubServer]:
    server = HubServer(dataclasses.replace(ServerConfig(), **DEFAULTS)).start()
    yield server
    server.stop()


@pytest.fixture
def server(_shared_server: HubServer) -> Iterator[HubServer]:
    """A hub with the default test settings, shared by the tests that need no other settings
    (starting one per test costs ~0.2 s); every session is dropped after each test."""
    assert _shared_server.hub.session_count() == 0
    yield _shared_server
    _shared_server.call(_shared_server.hub.drop_sessions())
