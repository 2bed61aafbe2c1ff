"""A target that dies mid-run: a TCP proxy in front of a real reference server that forwards
every byte until a request (or its answer) matches, then closes every connection and stops
listening. Later requests are refused, exactly as when the server's process is killed."""

from __future__ import annotations

import contextlib
import re
import socket
import threading
from collections.abc import Callable, Iterator

# (request bytes, answer bytes so far) -> die now? The request is whole (head and body).
DiesWhen = Callable[[bytes, bytes], bool]


def whole_message(data: bytes) -> bool:
    """An HTTP request or answer whose head and Content-Length body have all arrived."""
    head, separator, body = data.partition(b"\r\n\r\n")
    if not separator:
        return False
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    return len(body) >= (int(length.group(1)) if length else 0)


class DyingProxy:
    def __init__(self, upstream_port: int, dies_when: DiesWhen) -> None:
        self.upstream_port = upstream_port
        self.dies_when = dies_when
        self.dead = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.dead.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.dead.is_set():
                client.close()
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, upstream]
            exchange = {"request": b"", "answer": b""}
            threading.Thread(target=self._requests, args=(client, upstream, exchange), daemon=True).start()
            threading.Thread(target=self._answers, args=(upstream, client, exchange), daemon=True).start()

    def _requests(self, client: socket.socket, upstream: socket.socket, exchange: dict[str, bytes]) -> None:
        with contextlib.suppress(OSError):
            while chunk := client.recv(65536):
                if whole_message(exchange["request"]):  # a new request on a kept-alive connection
                    exchange["request"], exchange["answer"] = b"", b""
                exchange["request"] += chunk
                upstream.sendall(chunk)
                if whole_message(exchange["request"]) and self.dies_when(exchange["request"], b""):
                    self.die()

    def _answers(self, upstream: socket.socket, client: socket.socket, exchange: dict[str, bytes]) -> None:
        with contextlib.suppress(OSError):
            while chunk := upstream.recv(65536):
                exchange["answer"] += chunk
                client.sendall(chunk)
                if self.dies_when(exchange["request"], exchange["answer"]):
                    self.die()

    def die(self) -> None:
        """Stop listening and cut every connection: the target is gone."""
        self.dead.set()
        # shutdown wakes the accept in progress: a closed listener alone keeps accepting on Linux.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()


@contextlib.contextmanager
def dying_proxy(upstream_port: int, dies_when: DiesWhen) -> Iterator[DyingProxy]:
    proxy = DyingProxy(upstream_port, dies_when)
    try:
        yield proxy
    finally:
        proxy.die()
