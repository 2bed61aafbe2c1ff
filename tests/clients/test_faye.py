"""Our session layer against a third-party Bayeux server: faye 1.4.3 (tests/interop)."""

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.clients.bayeux.session import BayeuxSession
from conformance.clients.http import make_http_client

INTEROP = Path(__file__).parent.parent / "interop"

pytestmark = [
    pytest.mark.anyio,
    pytest.mark.interop,
    pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed"),
    pytest.mark.skipif(not (INTEROP / "node_modules" / "faye").is_dir(), reason="run `npm ci --prefix tests/interop` first"),
]


@pytest.fixture(scope="module")
def faye_url() -> Iterator[str]:
    process = subprocess.Popen(
        ["node", str(INTEROP / "faye_server.js"), "0", "/bayeux", "2"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        port = json.loads(process.stdout.readline())["port"]
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


@pytest.mark.parametrize("transport", ["long-polling", "websocket"])
async def test_subscribe_receive_and_disconnect_on_faye(faye_url: str, transport: str) -> None:
    async with make_http_client(faye_url, "agent1", "password1", timeout=5) as http:
        session = BayeuxSession(http, faye_url + "/bayeux", actor="agent1", transport=transport)
        await session.handshake(timeout=5)
        await session.start()
        await session.subscribe(["/v2/me/emails", "/v2/me/*"], timeout=5)
        assert await session.wait_until(lambda s: s.connected.is_set(), timeout=5)
        mark = session.inbox.mark()
        published = await http.post("/publish", json={"channel": "/v2/me/emails", "data": {"n": 1}})
        assert published.status_code == 200
        delivery = await session.inbox.wait_for(lambda d: d.channel == "/v2/me/emails", timeout=5, since=mark)
        assert delivery is not None and delivery.data == {"n": 1}
        reply = await session.disconnect(timeout=5)
        assert reply.by_channel("/meta/disconnect")[0]["successful"] is True
        assert session.failures == []  # faye's reply order and socket close are allowed variation
        await session.close()
