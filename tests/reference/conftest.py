from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from conformance.reference import ReferenceServer, ServerConfig

from .agents import Agent

# Short holds: an idle connect returns quickly; a connect with queued events returns at once.
TEST_CONFIG = dict(bayeux_timeout_ms=1000)


@pytest.fixture
def make_server() -> Iterator[Callable[..., ReferenceServer]]:
    servers: list[ReferenceServer] = []

    def make(**settings: Any) -> ReferenceServer:
        faults = frozenset(settings.pop("faults", ()))
        server = ReferenceServer(ServerConfig(**{**TEST_CONFIG, **settings}, faults=faults)).start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


@pytest.fixture
def server(make_server: Callable[..., ReferenceServer]) -> ReferenceServer:
    return make_server()


@pytest.fixture
def make_agent() -> Iterator[Callable[[ReferenceServer, int], Agent]]:
    agents: list[Agent] = []

    def make(server: ReferenceServer, number: int) -> Agent:
        agent = Agent(server, number)
        agents.append(agent)
        return agent

    yield make
    for agent in agents:
        agent.close()
