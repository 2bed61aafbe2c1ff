"""aiocometd-noloop (PyPI, a dev dependency) against the reference hub and faye_server.js."""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import pytest
from aiocometd_noloop import Client, ConnectionType
from aiocometd_noloop.exceptions import ServerError
from aiocometd_noloop.extensions import AuthExtension

pytestmark = [
    pytest.mark.interop,
    # aiohttp's deprecations triggered inside aiocometd-noloop (receive_timeout, ssl=None)
    pytest.mark.filterwarnings("ignore::DeprecationWarning:aiohttp.client"),
]

T = TypeVar("T")
EMAIL = {"messageType": "EmailStateChangeMessage", "notificationType": "StatusChange"}
TRANSPORTS = {"long-polling": ConnectionType.LONG_POLLING, "websocket": ConnectionType.WEBSOCKET}
CHANNELS = ["/v2/me/emails", "/v2/me/*", "/v2/me/**"]
BOUND = 20.0  # seconds per test


class BasicAuth(AuthExtension):
    """Adds the agent's Basic credentials to every HTTP request and to the WebSocket upgrade."""

    def __init__(self, user: str, password: str) -> None:
        self.header = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    async def outgoing(self, payload: list[dict[str, Any]], headers: dict[str, str]) -> None:
        headers["Authorization"] = self.header

    async def incoming(self, payload: list[dict[str, Any]], headers: dict[str, str] | None = None) -> None:
        return None


@pytest.fixture(autouse=True)
def _quiet_aiocometd(caplog: pytest.LogCaptureFixture) -> None:
    # Known noise: the fork logs CancelledError tracebacks from asyncio on close (its `except Exception`
    # misses CancelledError, a BaseException since Python 3.8).
    caplog.set_level(logging.CRITICAL, logger="asyncio")
    caplog.set_level(logging.CRITICAL, logger="aiocometd_noloop")


def _run(test: Callable[[], Awaitable[T]]) -> T:
    async def bounded() -> T:
        return await asyncio.wait_for(test(), BOUND)

    return asyncio.run(bounded())


async def _in_thread(function: Callable[..., T], *args: Any) -> T:
    return await asyncio.get_running_loop().run_in_executor(None, function, *args)


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("transport", list(TRANSPORTS))
def test_aiocometd_receives_a_hub_event(hub, transport: str, channel: str) -> None:
    async def scenario() -> None:
        client = Client(hub.url, [TRANSPORTS[transport]], auth=BasicAuth("agent1", "password1"), connection_timeout=5)
        async with client:
            await client.subscribe(channel)
            await _in_thread(hub.publish, "agent2", "/v2/me/emails", {"for": "agent2"})
            assert await _in_thread(hub.publish, "agent1", "/v2/me/emails", EMAIL) == 1
            message = await asyncio.wait_for(client.receive(), 10)
            assert message == {"channel": "/v2/me/emails", "data": EMAIL}
            assert client.connection_type == TRANSPORTS[transport]

    _run(scenario)


@pytest.mark.parametrize("transport", list(TRANSPORTS))
def test_aiocometd_rehandshakes_after_the_server_forgets_it(hub, transport: str) -> None:
    async def scenario() -> None:
        client = Client(hub.url, [TRANSPORTS[transport]], auth=BasicAuth("agent1", "password1"), connection_timeout=5)
        async with client:
            await client.subscribe("/v2/me/**")
            old = hub.hub.session_count()
            assert await _in_thread(lambda: hub.call(hub.hub.drop_sessions())) == old == 1
            # The client gets 402 + reconnect=handshake, handshakes again and re-subscribes.
            resubscribed = await _in_thread(
                hub.hub.wait_until, lambda: hub.hub.subscribers("agent1", "/v2/me/emails") == 1, 10.0
            )
            assert resubscribed
            assert await _in_thread(hub.publish, "agent1", "/v2/me/emails", EMAIL) == 1
            assert await asyncio.wait_for(client.receive(), 10) == {"channel": "/v2/me/emails", "data": EMAIL}

    _run(scenario)


def test_aiocometd_with_wrong_credentials_is_denied(hub) -> None:
    async def scenario() -> None:
        client = Client(hub.url, [ConnectionType.LONG_POLLING], auth=BasicAuth("agent1", "wrong"), connection_timeout=2)
        with pytest.raises(ServerError) as caught:
            await client.open()
        await client.close()
        assert "Handshake" in str(caught.value) or "403" in str(caught.value.response)

    _run(scenario)
    assert hub.hub.session_count() == 0


@pytest.mark.parametrize("transport", list(TRANSPORTS))
def test_aiocometd_against_the_faye_server(faye_server, transport: str) -> None:
    async def scenario() -> None:
        # faye does not check credentials; aiocometd's cookie jar is irrelevant here.
        client = Client(faye_server.url, [TRANSPORTS[transport]], connection_timeout=5)
        async with client:
            await client.subscribe("/v2/me/*")
            await _in_thread(faye_server.publish, "/v2/me/emails", EMAIL)
            message = await asyncio.wait_for(client.receive(), 10)
            assert (message["channel"], message["data"]) == ("/v2/me/emails", EMAIL)  # faye adds an id

    _run(scenario)
