"""Third-party clients survive a real restart of the reference hub on the same port.

While the hub is down their requests fail and they retry; the new hub knows none of their
sessions, so their next connect gets `402::Unknown client` with reconnect=handshake: they
handshake again, re-subscribe (wildcards included) and receive the new hub's events.
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from aiocometd_noloop import Client, ConnectionType
from aiocometd_noloop.extensions import AuthExtension

from conformance.reference.bayeux.standalone import HubServer
from conformance.reference.config import ServerConfig

pytestmark = [
    pytest.mark.interop,
    # aiohttp's deprecations triggered inside aiocometd-noloop (receive_timeout, ssl=None)
    pytest.mark.filterwarnings("ignore::DeprecationWarning:aiohttp.client"),
]

EMAIL = {"messageType": "EmailStateChangeMessage", "notificationType": "StatusChange", "id": "00001aB"}
CONFIG = dataclasses.replace(ServerConfig(), bayeux_timeout_ms=2000, bayeux_interval_ms=0)
BOUND = 10.0  # seconds for a client to come back after the restart


class RestartableHub:
    """A hub on a fixed port: `restart()` stops it and starts a fresh one (no sessions) there."""

    def __init__(self) -> None:
        self.server = HubServer(CONFIG).start()
        self.port = self.server.port
        self.url = self.server.url

    def restart(self) -> HubServer:
        self.server.stop()
        self.server = HubServer(dataclasses.replace(CONFIG, port=self.port)).start()
        return self.server

    def subscribed(self, channel: str = "/v2/me/emails") -> bool:
        hub = self.server.hub
        return hub.wait_until(lambda: hub.subscribers("agent1", channel) == 1, BOUND)

    def close(self) -> None:
        self.server.stop()


@pytest.fixture
def restartable() -> Iterator[RestartableHub]:
    hub = RestartableHub()
    yield hub
    hub.close()


@pytest.mark.parametrize("channel", ["/v2/me/*", "/v2/me/**"])
@pytest.mark.parametrize("transport", ["long-polling", "websocket"])
@pytest.mark.parametrize("client", ["faye", "cometd"])
def test_js_client_comes_back_after_a_restart(restartable: RestartableHub, js_client: Callable, client: str, transport: str, channel: str) -> None:
    process = js_client(client=client, url=restartable.url, transport=transport, channel=channel, timeout=18)
    process.event("subscribed")
    first_session = restartable.server.hub.session_count()
    server = restartable.restart()
    assert first_session == 1 and server.hub.session_count() == 0
    process.expect(lambda r: r.get("event") == "handshake" and r["successful"], timeout=BOUND)
    process.event("subscribed", timeout=BOUND)
    assert restartable.subscribed()
    assert server.publish("agent1", "/v2/me/emails", EMAIL) == 1
    assert process.event("message", timeout=BOUND) == {"event": "message", "channel": "/v2/me/emails", "data": EMAIL}
    assert process.wait() == 0


class BasicAuth(AuthExtension):
    """agent1's Basic credentials on every HTTP request and on the WebSocket upgrade."""

    header = "Basic " + base64.b64encode(b"agent1:password1").decode()

    async def outgoing(self, payload: list[dict[str, Any]], headers: dict[str, str]) -> None:
        headers["Authorization"] = self.header

    async def incoming(self, payload: list[dict[str, Any]], headers: dict[str, str] | None = None) -> None:
        return None


@pytest.mark.parametrize("transport", ["long-polling", "websocket"])
def test_aiocometd_comes_back_after_a_restart(restartable: RestartableHub, transport: str, caplog: pytest.LogCaptureFixture) -> None:
    # Known noise: the fork logs connection errors and CancelledError tracebacks.
    caplog.set_level(logging.CRITICAL, logger="asyncio")
    caplog.set_level(logging.CRITICAL, logger="aiocometd_noloop")
    connection_type = ConnectionType.LONG_POLLING if transport == "long-polling" else ConnectionType.WEBSOCKET

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        client = Client(restartable.url, [connection_type], auth=BasicAuth(), connection_timeout=BOUND)
        async with client:
            await client.subscribe("/v2/me/**")
            server = await loop.run_in_executor(None, restartable.restart)
            assert await loop.run_in_executor(None, restartable.subscribed)
            assert await loop.run_in_executor(None, server.publish, "agent1", "/v2/me/emails", EMAIL) == 1
            assert await asyncio.wait_for(client.receive(), BOUND) == {"channel": "/v2/me/emails", "data": EMAIL}

    asyncio.run(asyncio.wait_for(scenario(), 3 * BOUND))
