"""Fixtures for the interop tests: third-party Bayeux peers (npm faye and CometD JS, PyPI
aiocometd-noloop) against the reference hub, and faye_server.js and cometd_server.js as other
Bayeux targets.

The npm peers are installed by `npm ci --prefix tests/interop`; without node or that
node_modules folder the JS tests are skipped with the reason.
"""

from __future__ import annotations

import dataclasses
import json
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conformance.reference.bayeux.standalone import HubServer
from conformance.reference.config import ServerConfig

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
JS_CLIENT = HERE / "js_client.mjs"
FAYE_SERVER = HERE / "faye_server.js"
COMETD_SERVER = HERE / "cometd_server.js"
PROCESS_BOUND = 20.0  # seconds: no node subprocess outlives this


def node_missing_reason() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed (the interop peers need Node.js 20)"
    for package in ("faye", "cometd", "cometd-nodejs-client", "cometd-nodejs-server", "ws"):
        if not (NODE_MODULES / package / "package.json").is_file():
            return f"tests/interop/node_modules/{package} is missing: run `npm ci --prefix tests/interop`"
    return None


@pytest.fixture
def node() -> str:
    reason = node_missing_reason()
    if reason:
        pytest.skip(reason)
    return shutil.which("node") or "node"


@pytest.fixture
def hub() -> Iterator[HubServer]:
    """The reference Bayeux hub alone, with a 2 s hold."""
    config = dataclasses.replace(ServerConfig(), bayeux_timeout_ms=2000, bayeux_interval_ms=0)
    with HubServer(config) as server:
        yield server


class NodeProcess:
    """A node subprocess whose stdout JSON lines are read by a thread into a queue."""

    def __init__(self, args: list[str]) -> None:
        self.args = args
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            args,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=HERE,
        )
        self.records: list[dict[str, Any]] = []
        self._lines: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._stderr: list[str] = []
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stdout(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                record = {"event": "unparsed", "line": line}
            self._lines.put(record)
        self._lines.put(None)

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self._stderr.append(line)

    def expect(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 15.0) -> dict[str, Any]:
        """The next stdout record matching `predicate`; earlier ones are kept in `records`."""
        deadline = min(time.monotonic() + timeout, self.started + PROCESS_BOUND)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no matching record within {timeout} s; {self.describe()}")
            try:
                record = self._lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if record is None:
                self._lines.put(None)
                raise AssertionError(f"the process ended without a matching record; {self.describe()}")
            self.records.append(record)
            if predicate(record):
                return record

    def event(self, name: str, timeout: float = 15.0) -> dict[str, Any]:
        return self.expect(lambda r: r.get("event") == name, timeout)

    def wait(self) -> int:
        remaining = max(0.1, self.started + PROCESS_BOUND - time.monotonic())
        return self.proc.wait(timeout=remaining)

    def describe(self) -> str:
        return f"records {self.records}, stderr {''.join(self._stderr)[-2000:]!r}"

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def js_client(node: str) -> Iterator[Callable[..., NodeProcess]]:
    """Factory: js_client(client=..., url=..., transport=..., channel=..., user=..., ...)."""
    started: list[NodeProcess] = []

    def start(*, client: str, url: str, transport: str, channel: str, user: str = "agent1",
              password: str = "password1", count: int = 1, timeout: float = 15) -> NodeProcess:
        args = [node, str(JS_CLIENT), "--client", client, "--url", url, "--transport", transport,
                "--channel", channel, "--user", user, "--password", password,
                "--count", str(count), "--timeout", str(timeout)]
        process = NodeProcess(args)
        started.append(process)
        return process

    yield start
    for process in started:
        process.close()


@dataclasses.dataclass
class FayeServer:
    process: NodeProcess
    port: int
    mount: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.mount}"

    def publish(self, channel: str, data: object) -> None:
        import httpx

        response = httpx.post(f"http://127.0.0.1:{self.port}/publish", json={"channel": channel, "data": data}, timeout=5)
        assert response.status_code == 200 and response.json() == {"published": True}, response.text


@pytest.fixture
def faye_server(node: str) -> Iterator[FayeServer]:
    """`node faye_server.js 0 /bayeux 2`: a faye 1.4.3 server on a free port, 2 s hold."""
    process = NodeProcess([node, str(FAYE_SERVER), "0", "/bayeux", "2"])
    try:
        ready = process.expect(lambda r: "port" in r, timeout=10)
        yield FayeServer(process, int(ready["port"]), ready["mount"])
    finally:
        process.close()


@pytest.fixture
def cometd_server_process(node: str) -> Iterator[NodeProcess]:
    """`node cometd_server.js 0 /cometd 2 3`: cometd-nodejs-server on a free port, 2 s hold,
    3 s maxInterval; its first stdout line is not read yet."""
    process = NodeProcess([node, str(COMETD_SERVER), "0", "/cometd", "2", "3"])
    try:
        yield process
    finally:
        process.close()
