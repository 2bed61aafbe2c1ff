"""The WebSocket wire against small scripted websockets servers on 127.0.0.1."""

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from http import HTTPStatus

import pytest
from websockets.asyncio.server import ServerConnection, serve

from conformance.clients.bayeux import messages as bx
from conformance.clients.bayeux.websocket import WebSocketWire, websocket_url
from conformance.clients.http import make_http_client
from conformance.errors import HarnessError, TargetError
from conformance.evidence import Recorder

from .peers import closed_port_url

pytestmark = pytest.mark.anyio

Script = Callable[[ServerConnection], Awaitable[None]]


@asynccontextmanager
async def ws_server(script: Script, **kwargs) -> AsyncIterator[str]:
    async with serve(script, "127.0.0.1", 0, **kwargs) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        yield f"http://127.0.0.1:{port}"


@asynccontextmanager
async def wire_to(script: Script, **kwargs) -> AsyncIterator[WebSocketWire]:
    async with ws_server(script, **kwargs) as base, make_http_client(base, "agent1", "password1", timeout=2) as http:
        http.cookies.set("GWS_SESSIONID", "cookie-value", domain="127.0.0.1")
        wire = WebSocketWire(http, "/api/v2/notifications", actor="agent1")
        await wire.open(timeout=2)
        try:
            yield wire
        finally:
            await wire.close()


async def frames(connection: ServerConnection) -> AsyncIterator[list]:
    async for frame in connection:
        yield json.loads(frame)


def test_websocket_url_follows_the_http_scheme() -> None:
    assert websocket_url("http://h:1/x") == "ws://h:1/x"
    assert websocket_url("https://h/x") == "wss://h/x"
    assert websocket_url("ws://h/x") == "ws://h/x"


async def test_upgrade_carries_the_agents_cookie_and_basic_credentials(recorder: Recorder) -> None:
    seen: dict[str, str] = {}

    async def script(connection: ServerConnection) -> None:
        seen.update({k.lower(): v for k, v in connection.request.headers.raw_items()})
        seen["path"] = connection.request.path
        await connection.wait_closed()

    async with wire_to(script) as wire:
        assert wire.is_open and wire.upgrade_status == 101
    assert seen["path"] == "/api/v2/notifications"
    assert seen["cookie"] == "GWS_SESSIONID=cookie-value"
    assert seen["authorization"].startswith("Basic ")
    (upgrade,) = [e for e in recorder.events if e.kind == "http"]
    assert upgrade.detail["status"] == 101 and upgrade.detail["request_headers"]["authorization"] == "[redacted]"


async def test_replies_are_matched_by_id_whatever_the_frame_and_order() -> None:
    async def script(connection: ServerConnection) -> None:
        async for batch in frames(connection):
            subscribe, connect = batch
            await connection.send(json.dumps([{"channel": "/v2/me/emails", "data": {"n": 1}}, {"channel": "/meta/connect", "id": connect["id"], "successful": True}]))
            await connection.send(json.dumps([{"channel": "/meta/subscribe", "id": int(subscribe["id"]), "successful": True, "subscription": "/v2/me/emails"}]))

    async with wire_to(script) as wire:
        reply = await wire.exchange([bx.subscribe("2", "c", "/v2/me/emails"), bx.connect("3", "c", "websocket")], timeout=2)
        event = await asyncio.wait_for(wire.events.get(), 2)
    assert reply.error is None and reply.status is None
    assert reply.reply_to("2", "/meta/subscribe")["subscription"] == "/v2/me/emails"
    assert reply.reply_to("3", "/meta/connect")["successful"] is True
    assert [m["channel"] for m in reply.messages] == ["/meta/connect", "/meta/subscribe"]
    assert event.messages == [{"channel": "/v2/me/emails", "data": {"n": 1}}] and event.error is None


async def test_a_delivery_reusing_a_pending_id_is_not_taken_for_the_reply() -> None:
    async def script(connection: ServerConnection) -> None:
        async for batch in frames(connection):
            await connection.send(json.dumps([{"channel": "/v2/me/emails", "id": batch[0]["id"], "data": {}}]))
            await connection.send(json.dumps([{"channel": "/meta/subscribe", "id": batch[0]["id"], "successful": True}]))

    async with wire_to(script) as wire:
        reply = await wire.exchange([bx.subscribe("9", "c", "/v2/me/emails")], timeout=2)
        event = await asyncio.wait_for(wire.events.get(), 2)
    assert reply.messages == [{"channel": "/meta/subscribe", "id": "9", "successful": True}]
    assert event.messages[0]["channel"] == "/v2/me/emails"


async def test_garbage_frames_and_stray_replies_go_to_events() -> None:
    async def script(connection: ServerConnection) -> None:
        await connection.send("this is not json")
        await connection.send(b"\x00\x01")
        await connection.send(json.dumps([{"channel": "/meta/connect", "successful": True}, 5]))
        await connection.wait_closed()

    async with wire_to(script) as wire:
        got = [await asyncio.wait_for(wire.events.get(), 2) for _ in range(3)]
    assert got[0].error.startswith("body is not a JSON array/object") and got[0].raw == b"this is not json"
    assert got[1].problems[0] == "binary frame (Bayeux frames are text)"
    assert got[2].messages == [{"channel": "/meta/connect", "successful": True}] and len(got[2].problems) == 1


async def test_no_reply_is_a_timeout_error() -> None:
    async def script(connection: ServerConnection) -> None:
        await connection.wait_closed()

    async with wire_to(script) as wire:
        reply = await wire.exchange([bx.connect("5", "c", "websocket")], timeout=0.2)
    assert reply.error == "timeout: no reply to id(s) 5 within 0.2 s" and reply.messages == []


async def test_a_socket_closed_mid_exchange_is_an_error_and_send_then_refuses() -> None:
    async def script(connection: ServerConnection) -> None:
        await connection.recv()
        await connection.close(1011, "server gave up")

    async with wire_to(script) as wire:
        reply = await wire.exchange([bx.connect("5", "c", "websocket")], timeout=5)
        assert reply.error.startswith("websocket closed before the reply to id(s) 5")
        assert "1011" in reply.error and not wire.is_open
        with pytest.raises(TargetError, match="not open"):
            await wire.send([bx.connect("6", "c", "websocket")])


async def test_a_refused_upgrade_raises_target_error_with_the_status(recorder: Recorder) -> None:
    def refuse(connection: ServerConnection, request):
        return connection.respond(HTTPStatus.FORBIDDEN, "no credentials\n")

    async def script(connection: ServerConnection) -> None:
        await connection.wait_closed()

    with pytest.raises(TargetError, match="HTTP 403"):
        async with wire_to(script, process_request=refuse):
            pass
    assert [e.detail["status"] for e in recorder.events if e.kind == "http"] == [403]


async def test_nothing_listening_raises_target_error() -> None:
    async with make_http_client(closed_port_url(), "a", "b", timeout=2) as http:
        wire = WebSocketWire(http, "/cometd", actor="a")
        with pytest.raises(TargetError, match="websocket open failed"):
            await wire.open(timeout=2)


async def test_our_invalid_batches_are_refused_before_sending() -> None:
    received: list[str] = []

    async def script(connection: ServerConnection) -> None:
        async for frame in connection:
            received.append(frame)

    async with wire_to(script) as wire:
        with pytest.raises(HarnessError):
            await wire.exchange([{"channel": "bad", "id": "1"}], timeout=1)
        await wire.send([{"channel": "bad", "id": "1"}], deliberately_invalid=True)
    assert received == ['[{"channel": "bad", "id": "1"}]']
