"""The reproduction commands of a failed check, run for real against the reference server."""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest
from aiocometd_noloop import AuthExtension, Client, ConnectionType

from conformance.reference import ReferenceServer, ServerConfig
from conformance.reports.reproduction import reproduction
from tests.reports.sample import check, http, mark

USER, PASSWORD = "agent1", "password1"
BOUND = 10.0  # seconds: no step of these tests waits longer


class _Basic(AuthExtension):
    async def outgoing(self, payload, headers):
        headers["Authorization"] = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()

    async def incoming(self, payload, headers=None):
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[ReferenceServer]:
    with ReferenceServer(ServerConfig()).start() as running:
        yield running


async def _invited_email(server: ReferenceServer) -> str:
    """Agent1 Ready on email, then an inbound email routed to it; its id once Invited was notified."""
    async with httpx.AsyncClient(base_url=server.base_url, auth=(USER, PASSWORD), timeout=BOUND) as rest:
        start = await rest.post("/api/v2/me", json={"operationName": "StartContactCenterSession", "channels": ["email"]})
        ready = await rest.post("/api/v2/me/channels/email", json={"operationName": "Ready"})
        assert start.status_code == ready.status_code == 200
    async with Client(server.cometd_url, ConnectionType.LONG_POLLING, auth=_Basic()) as cometd:
        await cometd.subscribe("/v2/me/emails")
        email_id = await asyncio.to_thread(server.inject, to=["agent1@reference.gws.test"], subject="reproduction test")
        while True:
            message = await asyncio.wait_for(cometd.receive(), BOUND)
            email = message.get("data", {}).get("email", {})
            if email.get("id") == email_id and email.get("state") == "Invited":
                return email_id


def _failed_check(method: str, url: str, body: str | None) -> dict:
    return check("test_live", "FAIL", [mark(0.0), http(0.001, method, url, 200, 1.0, body)], "synthetic failure")


def _env() -> dict[str, str]:
    return {**os.environ, "GWS_USER": USER, "GWS_PASSWORD": PASSWORD}


def test_python_snippet_sends_the_request_and_prints_the_notification(server: ReferenceServer) -> None:
    email_id = asyncio.run(_invited_email(server))
    failed = _failed_check("POST", f"{server.base_url}/api/v2/me/emails/{email_id}", '{"operationName": "Accept"}')
    snippet = reproduction(failed, {"cometd_url": server.cometd_url})["python"]

    done = subprocess.run([sys.executable, "-c", snippet], env=_env(), capture_output=True, text=True, timeout=30)

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("HTTP 200")
    assert '"channel": "/v2/me/emails"' in done.stdout
    assert '"state": "Processing"' in done.stdout and email_id in done.stdout


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")
def test_curl_command_replays_the_request_with_credentials_from_the_environment(server: ReferenceServer) -> None:
    failed = _failed_check("GET", f"{server.base_url}/api/v2/me", None)
    command = reproduction(failed, {"cometd_url": server.cometd_url})["curl"]

    done = subprocess.run(["bash", "-c", command], env=_env(), capture_output=True, text=True, timeout=30)

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("HTTP/1.1 200")
    assert USER in done.stdout
