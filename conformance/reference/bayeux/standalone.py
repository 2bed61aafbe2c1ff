"""Serve one BayeuxHub on its own (uvicorn in a background thread): for tests and debugging.

    with HubServer(ServerConfig(bayeux_timeout_ms=2000)) as server:
        server.url                     # http://127.0.0.1:<port>/api/v2/notifications
        server.publish("agent1", "/v2/me/emails", {"messageType": "EmailStateChangeMessage"})

The full reference server (REST + Bayeux) is `conformance.reference.ReferenceServer`.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import AsyncIterator, Coroutine, Iterable
from typing import Any, TypeVar

import uvicorn
from starlette.applications import Starlette

from conformance.reference.auth import Authenticator
from conformance.reference.bayeux.behaviour import BayeuxBehaviour
from conformance.reference.bayeux.hub import BayeuxHub
from conformance.reference.config import ServerConfig

T = TypeVar("T")


class HubServer:
    def __init__(
        self,
        config: ServerConfig | None = None,
        *,
        switches: Iterable[str] = (),
        path: str = "/api/v2/notifications",
    ) -> None:
        self.config = config or ServerConfig()
        self.path = "/" + path.strip("/")
        self.authenticator = Authenticator(self.config.agents)
        self.behaviour = BayeuxBehaviour.of((*self.config.switches, *switches))
        self.hub = BayeuxHub(self.config, self.authenticator, self.behaviour)
        self.port = 0
        self.loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._startup_error: BaseException | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.config.host}:{self.port}"

    @property
    def url(self) -> str:
        return self.base_url + self.path

    @property
    def ws_url(self) -> str:
        return f"ws://{self.config.host}:{self.port}{self.path}"

    @contextlib.asynccontextmanager
    async def _lifespan(self, app: Starlette) -> AsyncIterator[None]:
        self.loop = asyncio.get_running_loop()
        await self.hub.startup()
        self._ready.set()
        try:
            yield
        finally:
            await self.hub.shutdown()

    def start(self, timeout: float = 10.0) -> HubServer:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.config.host, self.config.port))
        sock.listen(128)
        self.port = sock.getsockname()[1]
        app = Starlette(routes=self.hub.routes(self.path), lifespan=self._lifespan)
        server = self._server = uvicorn.Server(
            uvicorn.Config(app, lifespan="on", log_level="warning", timeout_graceful_shutdown=5)
        )

        def serve() -> None:
            try:
                server.run(sockets=[sock])
            except BaseException as exc:  # reported by start()
                self._startup_error = exc
            finally:
                sock.close()
                self._ready.set()

        self._thread = threading.Thread(target=serve, name=f"bayeux-hub-{self.port}", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout) or self.loop is None:
            self.stop()
            raise RuntimeError(f"the Bayeux hub did not start within {timeout:g} s: {self._startup_error!r}")
        return self

    def call(self, coro: Coroutine[Any, Any, T], timeout: float = 10.0) -> T:
        """Run a coroutine on the server's loop (the hub is not thread-safe) and return its result."""
        if self.loop is None:
            coro.close()
            raise RuntimeError("the hub server is not running")
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def publish(self, agent_id: str, channel: str, data: dict[str, Any]) -> int:
        return self.call(self.hub.publish(agent_id, channel, data))

    def stop(self, timeout: float = 10.0) -> None:
        """Release held connects first (uvicorn waits for in-flight requests), then exit."""
        if self._server is None:
            return
        if self.loop is not None and self._thread is not None and self._thread.is_alive():
            with contextlib.suppress(Exception):
                self.call(self.hub.shutdown(), timeout)
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
        self._server = None
        self.loop = None

    def __enter__(self) -> HubServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
