"""The per-agent httpx client, and one bounded, recorded HTTP exchange with a target.

An exchange never raises for anything the target does (refusal, reset, timeout, garbage,
a trickled or endless body): the outcome carries the error text instead. Only a request
that we cannot even build (our bug) raises HarnessError.
"""

from __future__ import annotations

import asyncio
import functools
import socket
import ssl
import time
from dataclasses import dataclass

import httpx

from conformance.errors import HarnessError
from conformance.evidence import current_recorder
from conformance.clients.reachability import REACHABILITY
from conformance.evidence.redact import register_set_cookies

USER_AGENT = "gws-conformance/0.1 (httpx)"
KEEPALIVE_EXPIRY_S = 2.0
# A GWS answer is small; a bigger body means a broken target, and reading it all would only
# cost memory.
MAX_BODY_BYTES = 16 * 1024 * 1024


def make_http_client(
    base_url: str,
    username: str | None,
    password: str | None,
    *,
    timeout: float,
    transport: httpx.AsyncBaseTransport | None = None,
) -> httpx.AsyncClient:
    """One client per agent, shared by its REST client and its Bayeux session.

    Sharing it is what makes the GWS auth model work without extra code: Basic credentials
    on every request, plus the session cookie the target sets, kept in the client's jar
    (httpx keeps cookies set by IP-address hosts such as 127.0.0.1). `transport` replaces the
    network (tests use httpx.MockTransport).
    """
    # The GWS tutorial authenticates with an empty password (`curl -u user:`).
    auth = httpx.BasicAuth(username, password or "") if username is not None else None
    return httpx.AsyncClient(
        base_url=base_url,
        auth=auth,
        timeout=httpx.Timeout(timeout),
        # A pooled connection the server closes for idleness just as a request goes out fails
        # that request (a reset read). Servers keep idle connections 5 s or more (uvicorn 5,
        # Apache 5, Jetty 30, nginx 75): reusing only those idle under 2 s avoids the race.
        limits=httpx.Limits(keepalive_expiry=KEEPALIVE_EXPIRY_S),
        follow_redirects=False,
        headers={"Accept": "application/json", "User-Agent": USER_AGENT},
        transport=transport,
        verify=_tls_context(),
    )


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """httpx's default verification, built once: building it loads the CA bundle (tens of ms
    each time), and a run opens hundreds of clients (every Bayeux check opens its own)."""
    return httpx.create_ssl_context()


@dataclass
class HttpOutcome:
    method: str
    url: str
    request_headers: dict[str, str]
    request_body: bytes | None
    status: int | None  # None when no response head arrived
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes  # what arrived, possibly partial when `error` is set
    error: str | None  # transport failure: timeout, connect failed, reset, protocol error, too large
    elapsed: float
    started: float  # time.monotonic() when the request was sent


def default_bound(http: httpx.AsyncClient) -> float:
    """The whole-exchange bound implied by the client's configured timeout."""
    return http.timeout.read or http.timeout.connect or 30.0


async def exchange(
    http: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    actor: str,
    content: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float | None = None,
    send_credentials: bool = True,
    max_body: int = MAX_BODY_BYTES,
) -> HttpOutcome:
    """Send one request and read the whole answer within `timeout` seconds, recorded as evidence.

    `timeout` bounds the entire exchange (connect, send, head and body), not each read, so a
    target that trickles bytes cannot hold us beyond it. `send_credentials=False` sends
    neither the Basic header nor the cookie jar's cookies (for "no credentials" checks).
    """
    bound = timeout if timeout is not None else default_bound(http)
    try:
        request = http.build_request(method, url, content=content, headers=headers, timeout=httpx.Timeout(bound))
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise HarnessError(f"cannot build {method} {url}: {exc}") from None
    if not send_credentials:
        request.headers.pop("cookie", None)
    status: int | None = None
    response_headers: dict[str, str] = {}
    body = bytearray()
    error: str | None = None
    started = time.monotonic()
    try:
        async with asyncio.timeout(bound):
            response = await http.send(request, stream=True, auth=httpx.USE_CLIENT_DEFAULT if send_credentials else None)
            try:
                status = response.status_code
                register_set_cookies(response.headers.multi_items())
                response_headers = dict(response.headers.items())
                async for chunk in response.aiter_bytes():
                    body += chunk
                    if len(body) > max_body:
                        error = f"body too large: more than {max_body} bytes"
                        break
            finally:
                await response.aclose()
    except TimeoutError:
        error = f"timeout: no complete answer within {bound:g} s"
    except asyncio.CancelledError:
        _record(actor, request, content, status, response_headers, bytes(body), time.monotonic() - started, "cancelled by the client")
        raise
    except httpx.HTTPError as exc:
        error = describe_transport_error(exc)
    elapsed = time.monotonic() - started
    _record(actor, request, content, status, response_headers, bytes(body), elapsed, error)
    REACHABILITY.observe(
        http, f"{method} {request.url}", answered=status is not None, timed_out=bool(error and error.startswith("timeout")), error=error
    )
    return HttpOutcome(
        method=method,
        url=str(request.url),
        request_headers=dict(request.headers.items()),
        request_body=content,
        status=status,
        headers=response_headers,
        body=bytes(body),
        error=error,
        elapsed=elapsed,
        started=started,
    )


def describe_transport_error(exc: httpx.HTTPError) -> str:
    """One line: what failed and where ("connect failed: connection refused at http://h:1/api/v2/me")."""
    text = str(exc) or type(exc).__name__
    where = _url_of(exc)
    if isinstance(exc, httpx.TimeoutException):
        return f"timeout: {type(exc).__name__}{where}"
    if isinstance(exc, httpx.ConnectError):
        return f"connect failed: {_connect_cause(exc) or text}{where}"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"protocol error: {text}{where}"
    if isinstance(exc, (httpx.ReadError, httpx.WriteError)):
        return f"reset: {text}{where}"
    if isinstance(exc, httpx.DecodingError):
        return f"undecodable body: {text}{where}"
    return f"{type(exc).__name__}: {text}{where}"


def _url_of(exc: httpx.HTTPError) -> str:
    try:
        return f" at {exc.request.url}"
    except RuntimeError:  # an error raised outside a request has none
        return ""


def _connect_cause(exc: BaseException) -> str | None:
    """The operating system's reason behind a connect failure (httpx says only "All connection
    attempts failed"): refused, unknown host, unreachable network..."""
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ConnectionRefusedError):
            return "connection refused"
        if isinstance(current, socket.gaierror):
            return f"cannot resolve the host ({current.strerror or current})"
        if isinstance(current, OSError) and current.strerror:
            return current.strerror.lower()
        pending += [e for e in (current.__cause__, current.__context__) if e is not None]
        pending += list(getattr(current, "exceptions", ()))
    return None


def _record(
    actor: str,
    request: httpx.Request,
    content: bytes | None,
    status: int | None,
    response_headers: dict[str, str],
    body: bytes,
    elapsed: float,
    error: str | None,
) -> None:
    current_recorder().http(
        actor,
        request.method,
        str(request.url),
        dict(request.headers.items()),
        content,
        status,
        response_headers,
        body,
        elapsed,
        error,
    )
