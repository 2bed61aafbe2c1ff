"""A TCP relay on 127.0.0.1 that records every byte a client sends through it to a server.

Tests put it between the suite and a reference server to see exactly what the suite sent
over the wire (headers, bodies, WebSocket frames), without touching either side.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator


class Relay:
    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._sent = bytearray()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._sockets: list[socket.socket] = []
        self._closed = threading.Event()

    @property
    def port(self) -> int:
        return self._listener.getsockname()[1]

    def sent(self) -> bytes:
        """Every byte clients sent to the server so far."""
        with self._lock:
            return bytes(self._sent)

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            self._sockets += [client, server]
            for source, sink, record in ((client, server, True), (server, client, False)):
                thread = threading.Thread(target=self._pump, args=(source, sink, record), daemon=True)
                thread.start()
                self._threads.append(thread)

    def _pump(self, source: socket.socket, sink: socket.socket, record: bool) -> None:
        with contextlib.suppress(OSError):
            while chunk := source.recv(65536):
                if record:
                    with self._lock:
                        self._sent += chunk
                sink.sendall(chunk)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    @contextlib.contextmanager
    def running(self) -> Iterator[Relay]:
        acceptor = threading.Thread(target=self._accept, daemon=True)
        acceptor.start()
        try:
            yield self
        finally:
            self._closed.set()
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
            self._listener.close()
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.close()
            acceptor.join(5)
            for thread in self._threads:
                thread.join(5)
