import asyncio
import base64

import httpx
import pytest

from conformance.clients.http import KEEPALIVE_EXPIRY_S, exchange, make_http_client
from conformance.evidence import Recorder
from conformance.reference.server import KEEP_ALIVE_S

from .peers import closed_port_url, mock_client, raw_http_server, read_request

pytestmark = pytest.mark.anyio


async def test_client_sends_basic_auth_keeps_cookies_and_does_not_follow_redirects() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/login":
            return httpx.Response(302, headers={"Location": "/elsewhere", "Set-Cookie": "GWS_SESSIONID=abc; Path=/"})
        return httpx.Response(200, json={"statusCode": 0})

    async with mock_client(handler) as http:
        first = await exchange(http, "GET", "/login", actor="agent1")
        second = await exchange(http, "GET", "/api/v2/me", actor="agent1")
    assert first.status == 302 and len(seen) == 2  # the redirect was not followed
    assert seen[0].headers["authorization"] == "Basic " + base64.b64encode(b"agent1:password1").decode()
    assert seen[1].headers["cookie"] == "GWS_SESSIONID=abc"
    assert second.status == 200 and second.body == b'{"statusCode":0}'


async def test_empty_password_is_sent_as_basic_user_colon() -> None:
    seen: list[httpx.Request] = []

    async with mock_client(lambda r: seen.append(r) or httpx.Response(200), password=None) as http:
        await exchange(http, "GET", "/api/v2/me", actor="a")
    assert seen[0].headers["authorization"] == "Basic " + base64.b64encode(b"agent1:").decode()


async def test_without_credentials_sends_neither_basic_nor_cookie() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, headers={"Set-Cookie": "GWS_SESSIONID=abc; Path=/"})

    async with mock_client(handler) as http:
        await exchange(http, "GET", "/api/v2/me", actor="a")
        await exchange(http, "GET", "/api/v2/me", actor="a", send_credentials=False)
    assert "authorization" not in seen[1].headers and "cookie" not in seen[1].headers


async def test_evidence_records_the_exchange_with_secrets_redacted(recorder: Recorder) -> None:
    async with mock_client(lambda r: httpx.Response(200, headers={"Set-Cookie": "GWS_SESSIONID=s3cr3t"}, json={"ok": 1})) as http:
        await exchange(http, "POST", "/api/v2/me", actor="agent1", content=b'{"x":1}')
    (event,) = [e for e in recorder.events if e.kind == "http"]
    assert event.actor == "agent1" and event.detail["status"] == 200
    assert event.detail["request_headers"]["authorization"] == "[redacted]"
    assert event.detail["response_headers"]["set-cookie"] == "[redacted]"
    assert event.detail["request_body"] == '{"x":1}'
    assert "password1" not in str(recorder.as_list())


async def test_connection_refused_is_an_error_not_an_exception() -> None:
    async with make_http_client(closed_port_url(), "a", "b", timeout=2.0) as http:
        outcome = await exchange(http, "GET", "/api/v2/me", actor="a")
    assert outcome.status is None and outcome.error is not None and outcome.error.startswith("connect failed")


async def test_a_stalled_body_is_cut_by_the_whole_exchange_bound() -> None:
    never = asyncio.Event()

    class Stalling(httpx.AsyncByteStream):
        async def __aiter__(self):
            yield b'{"statusCode":'
            await never.wait()  # the target stops sending mid-body

    async with mock_client(lambda r: httpx.Response(200, stream=Stalling())) as http:
        outcome = await exchange(http, "GET", "/api/v2/me", actor="a", timeout=0.3)
    assert outcome.error == "timeout: no complete answer within 0.3 s"
    assert outcome.status == 200 and outcome.body == b'{"statusCode":'


async def test_a_target_that_never_answers_times_out() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        await reader.read()  # until the client gives up and closes

    async with raw_http_server(silent) as url, make_http_client(url, "a", "b", timeout=0.3) as http:
        outcome = await exchange(http, "GET", "/api/v2/me", actor="a")
    assert outcome.status is None and outcome.error is not None and outcome.error.startswith("timeout")


async def test_a_truncated_body_keeps_status_and_partial_body() -> None:
    async def truncating(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"statusCode\"")
        await writer.drain()

    async with raw_http_server(truncating) as url, make_http_client(url, "a", "b", timeout=2.0) as http:
        outcome = await exchange(http, "GET", "/api/v2/me", actor="a")
    assert outcome.status == 200 and outcome.body == b'{"statusCode"'
    assert outcome.error is not None and outcome.error.startswith("protocol error")


async def test_an_answer_that_is_not_http_is_a_protocol_error() -> None:
    async def garbage(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")
        await writer.drain()

    async with raw_http_server(garbage) as url, make_http_client(url, "a", "b", timeout=2.0) as http:
        outcome = await exchange(http, "GET", "/api/v2/me", actor="a")
    assert outcome.status is None and outcome.error is not None and outcome.error.startswith("protocol error")


async def test_a_connection_dropped_before_answering_is_an_error() -> None:
    async def drop(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.transport.abort()

    async with raw_http_server(drop) as url, make_http_client(url, "a", "b", timeout=2.0) as http:
        outcome = await exchange(http, "GET", "/api/v2/me", actor="a")
    assert outcome.status is None and outcome.error is not None


async def test_an_endless_body_is_cut_at_the_size_limit() -> None:
    class Endless(httpx.AsyncByteStream):
        async def __aiter__(self):
            while True:
                yield b"x" * 1024

    async with mock_client(lambda r: httpx.Response(200, stream=Endless())) as http:
        outcome = await exchange(http, "GET", "/api/v2/me", actor="a", max_body=10_000)
    assert outcome.error == "body too large: more than 10000 bytes"
    assert 10_000 < len(outcome.body) <= 11_264


async def test_cancellation_propagates_and_is_recorded(recorder: Recorder) -> None:
    never, held = asyncio.Event(), asyncio.Event()

    async def hold(request: httpx.Request) -> httpx.Response:
        held.set()
        await never.wait()
        return httpx.Response(200)

    async with mock_client(hold) as http:
        task = asyncio.create_task(exchange(http, "POST", "/cometd", actor="a", timeout=30))
        await held.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert [e.detail["error"] for e in recorder.events if e.kind == "http"] == ["cancelled by the client"]


def test_the_client_never_reuses_a_connection_a_server_may_be_closing() -> None:
    """A pooled connection idle longer than the server keeps it is closed under the next
    request (a reset, not an answer): the client lets idle connections go well before the
    shortest keep-alive in common use (uvicorn's 5 s), and the reference server keeps them longer."""
    client = make_http_client("http://127.0.0.1:9", "user", "password", timeout=1.0)
    assert client._transport._pool._keepalive_expiry == KEEPALIVE_EXPIRY_S  # type: ignore[attr-defined]
    assert KEEPALIVE_EXPIRY_S < 5 <= KEEP_ALIVE_S
