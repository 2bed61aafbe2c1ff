"""The reference server in-process: uvicorn (and SMTP) on a background thread with its own loop.

    with ReferenceServer(ServerConfig(faults=frozenset({"accept-http-204"}))) as server:
        email_id = server.inject(**{"from": "customer@example.test"}, to=["agent1@reference.gws.test"])
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import socket
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

import httpx
import uvicorn
from starlette.applications import Starlette

from conformance.reference.app import COMETD_PATH, base_url_of, build_app
from conformance.reference.config import ServerConfig
from conformance.reference.intake import INBOUND_PATH

# Idle connections are kept 30 s, as by Jetty, which GWS runs on; uvicorn's 5 s is unusually short.
KEEP_ALIVE_S = 30

T = TypeVar("T")


class _Uvicorn(uvicorn.Server):
    """uvicorn that reports its loop once the lifespan has run and the socket listens."""

    def __init__(self, config: uvicorn.Config, on_started: threading.Event) -> None:
        super().__init__(config)
        self._on_started = on_started
        self.loop: asyncio.AbstractEventLoop | None = None

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        self.loop = asyncio.get_running_loop()
        self._on_started.set()


def _bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Inherited by accepted sockets. asyncio sets it itself only on sockets whose proto is
        # IPPROTO_TCP, not on these (proto 0): without it every keep-alive request waits ~40 ms.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


class ReferenceServer:
    def __init__(self, config: ServerConfig = ServerConfig(), *, log_level: str | None = None) -> None:
        """`log_level` None leaves logging alone and logs no access lines (in-process use)."""
        self.config = config  # after start(): with the real port
        self.port = 0
        self.smtp_port: int | None = None
        self.app: Starlette | None = None
        self._log_level = log_level
        self._server: _Uvicorn | None = None
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None

    @property
    def base_url(self) -> str:
        return base_url_of(self.config)

    @property
    def cometd_url(self) -> str:
        return self.base_url + COMETD_PATH

    def start(self, timeout: float = 10.0) -> ReferenceServer:
        """Listen and return once serving; raises OSError when the port cannot be bound."""
        if self._server is not None:
            return self
        sock = _bind(self.config.host, self.config.port)
        self.port = sock.getsockname()[1]
        self.config = dataclasses.replace(self.config, port=self.port)
        self.app = build_app(self.config)
        started = threading.Event()
        uvicorn_config = uvicorn.Config(
            self.app,
            lifespan="on",
            log_config=None if self._log_level is None else uvicorn.config.LOGGING_CONFIG,
            log_level=self._log_level or "warning",
            access_log=self._log_level is not None,
            timeout_graceful_shutdown=5,
            timeout_keep_alive=KEEP_ALIVE_S,
        )
        self._server = server = _Uvicorn(uvicorn_config, started)

        def serve() -> None:
            try:
                server.run(sockets=[sock])
            except BaseException as exc:  # SystemExit on a failed lifespan startup; reported by start()
                self._failure = exc
            finally:
                sock.close()
                started.set()

        self._thread = threading.Thread(target=serve, name=f"reference-server-{self.port}", daemon=True)
        self._thread.start()
        if not started.wait(timeout) or server.loop is None:
            failure = self._failure
            self.stop(timeout)
            raise RuntimeError(f"the reference server did not start within {timeout:g} s: {failure!r}")
        smtp = self.app.state.smtp
        self.smtp_port = None if smtp is None else smtp.port
        return self

    def call(self, coro: Coroutine[Any, Any, T], timeout: float = 10.0) -> T:
        """Run a coroutine on the server's loop (the server's state is not thread-safe)."""
        if self._server is None or self._server.loop is None:
            coro.close()
            raise RuntimeError("the reference server is not running")
        return asyncio.run_coroutine_threadsafe(coro, self._server.loop).result(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        """Release held CometD connects first (uvicorn waits for in-flight requests), then exit."""
        server, thread = self._server, self._thread
        if server is None:
            return
        if server.loop is not None and thread is not None and thread.is_alive() and self.app is not None:
            with contextlib.suppress(Exception):
                self.call(self.app.state.hub.shutdown(), timeout)
        server.should_exit = True
        if thread is not None:
            thread.join(timeout)
        self._server = self._thread = None

    def inject(self, **fields: Any) -> str:
        """POST the inbound control endpoint; returns the new email's id. `from_` stands for `from`."""
        if "from_" in fields:
            fields["from"] = fields.pop("from_")
        fields.setdefault("from", "customer@example.test")
        answer = httpx.post(self.base_url + INBOUND_PATH, json=fields, timeout=10.0)
        if answer.status_code != 202:
            raise RuntimeError(f"inbound control endpoint answered {answer.status_code}: {answer.text[:200]}")
        email_id: str = answer.json()["id"]  # the control endpoint answers {"id": ...}
        return email_id

    def __enter__(self) -> ReferenceServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
