"""The reference server in a process of its own, for `gws-conformance run`.

In the suite's process, the server and the suite share one interpreter lock; in a process of
its own (forked where the platform can: it starts at once), the server answers on the other
core. Tests keep the in-process ReferenceServer: they reach into its state.
"""

from __future__ import annotations

import multiprocessing
import signal
from typing import Any, cast
from multiprocessing.connection import Connection

from conformance.reference.app import base_url_of
from conformance.reference.config import ServerConfig


class ServerProcess:
    def __init__(self, config: ServerConfig) -> None:
        self.config = config  # after start(): with the real port
        self._process: multiprocessing.process.BaseProcess | None = None
        self._control: Connection | None = None

    @property
    def base_url(self) -> str:
        return base_url_of(self.config)

    def start(self, timeout: float = 15.0) -> ServerProcess:
        """Return once the server listens; RuntimeError when it does not within `timeout` s."""
        if self._process is not None:
            return self
        methods = multiprocessing.get_all_start_methods()
        context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._control, theirs = context.Pipe()
        self._process = context.Process(target=_serve, args=(self.config, theirs), name="gws-reference-server", daemon=True)
        self._process.start()
        theirs.close()
        started = self._control.recv() if self._control.poll(timeout) else ("failed", f"no answer within {timeout:g} s")
        if started[0] != "started":
            self.stop()
            raise RuntimeError(f"the reference server did not start: {started[1]}")
        self.config = cast(ServerConfig, started[1])
        return self

    def stop(self, timeout: float = 10.0) -> None:
        process, control = self._process, self._control
        self._process = self._control = None
        if control is not None:
            try:
                control.send("stop")
            except OSError:  # it is gone already
                pass
        if process is not None:
            process.join(timeout)
            if process.is_alive():
                process.kill()
                process.join(timeout)
        if control is not None:
            control.close()

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def _serve(config: ServerConfig, control: Connection) -> None:
    # The run decides when its server stops (a Ctrl-C reaches the whole process group).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from conformance.reference.server import ReferenceServer

    try:
        server = ReferenceServer(config).start()
    except Exception as exc:  # reported by start() in the run's process
        control.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    control.send(("started", server.config))
    try:
        control.recv()  # "stop", or the end of the pipe when the run's process is gone
    except EOFError:
        pass
    server.stop()
