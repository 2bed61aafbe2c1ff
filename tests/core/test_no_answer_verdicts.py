"""Silence is not a refusal: the REST verify helpers BLOCK a check whose stimulus got no
answer, and a refusal check whose answer cannot be read, instead of passing or failing it.
Replies come from real exchanges with real sockets on 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Iterator

import pytest

from conformance import verify
from conformance.clients.http import make_http_client
from conformance.clients.rest import GwsRestClient, RestReply
from conformance.errors import Blocked, CheckFailed

GARBAGE_200 = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\nConnection: close\r\n\r\n{garbage["
HTML_401 = b"HTTP/1.1 401 Unauthorized\r\nContent-Type: text/html\r\nContent-Length: 13\r\nConnection: close\r\n\r\n<h1>no</h1>\r\n"


@contextlib.contextmanager
def _answering(answer: bytes | None) -> Iterator[int]:
    """A server that sends `answer` to every request, or (None) reads it and closes at once."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        with contextlib.suppress(OSError):
            while True:
                connection, _ = listener.accept()
                with connection:
                    connection.recv(65536)
                    if answer is not None:
                        connection.sendall(answer)

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        with contextlib.suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)
        listener.close()


def _get_me(port: int) -> RestReply:
    async def get() -> RestReply:
        http = make_http_client(f"http://127.0.0.1:{port}", None, None, timeout=2.0)
        try:
            return await GwsRestClient(http, actor="anonymous").get_me()
        finally:
            await http.aclose()

    return asyncio.run(get())


def _closed_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


@pytest.mark.parametrize("judgement", [verify.refused, verify.success_answer, verify.error_http_status, verify.json_answer])
def test_no_answer_blocks_refusal_and_success_checks_alike(judgement):
    with _answering(None) as port:
        reset = _get_me(port)
    for reply in (reset, _get_me(_closed_port())):
        assert reply.error, reply
        with pytest.raises(Blocked) as blocked:
            judgement(reply, what="GET /api/v2/me without credentials")
        assert blocked.value.step == "reach the target" and reply.error in blocked.value.reason


def test_an_unreadable_answer_is_no_refusal_but_an_http_4xx_is_judged():
    with _answering(GARBAGE_200) as port:
        garbage = _get_me(port)
    with pytest.raises(Blocked, match="cannot be told"):
        verify.refused(garbage, status_code=20)
    with _answering(HTML_401) as port:
        html = _get_me(port)
    with pytest.raises(CheckFailed, match="without an integer statusCode"):  # refused, yet not with statusCode 20
        verify.refused(html, status_code=20)


def test_a_first_request_timing_out_makes_the_target_unreachable():
    from conformance.clients.reachability import Reachability

    class Client:  # stands for an agent's httpx client: only its identity matters here
        pass

    reachability = Reachability()
    agent_a, agent_b = Client(), Client()
    reachability.observe(agent_a, "GET /api/v2/me", answered=True, timed_out=False, error=None)
    reachability.observe(agent_a, "POST /x", answered=False, timed_out=True, error="timeout")
    assert reachability.silent_cause is None, "a later request of an agent that was answered may time out"
    reachability.observe(agent_b, "GET /api/v2/me", answered=False, timed_out=True, error="timeout: 5 s")
    assert reachability.silent_cause == "GET /api/v2/me: timeout: 5 s"
    reachability.reset()
    reachability.observe(agent_b, "GET /api/v2/me", answered=False, timed_out=False, error="connect failed")
    assert reachability.silent_cause is None, "a refused connection is quick: nothing to give up early for"
