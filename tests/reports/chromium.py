"""Headless Chromium driven over the DevTools protocol: open a page, evaluate, collect console errors.

Every wait is bounded and event-driven: the DevTools URL is read from Chromium's stderr, page
load is the Page.loadEventFired event, command answers are futures.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import re
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import websockets

STARTUP_BOUND = 20.0
COMMAND_BOUND = 15.0
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--remote-debugging-port=0",
    "--window-size=1400,1000",
]
_DEVTOOLS = re.compile(r"DevTools listening on (ws://\S+)")


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class Page:
    socket: Any
    ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    pending: dict[int, asyncio.Future] = field(default_factory=dict)
    events: dict[str, asyncio.Queue] = field(default_factory=dict)
    console_errors: list[str] = field(default_factory=list)

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        message_id = next(self.ids)
        answer = asyncio.get_running_loop().create_future()
        self.pending[message_id] = answer
        await self.socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        reply = await asyncio.wait_for(answer, COMMAND_BOUND)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def queue(self, event: str) -> asyncio.Queue:
        return self.events.setdefault(event, asyncio.Queue())

    async def read(self) -> None:
        async for raw in self.socket:
            message = json.loads(raw)
            if "id" in message and message["id"] in self.pending:
                self.pending.pop(message["id"]).set_result(message)
                continue
            method, params = message.get("method"), message.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                self.console_errors.append(f"uncaught: {details.get('exception', {}).get('description') or details.get('text')}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                self.console_errors.append("console.error: " + " ".join(str(a.get("value", a.get("description"))) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                self.console_errors.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
            if method:
                self.queue(method).put_nowait(params)

    async def open(self, url: str) -> None:
        loaded = self.queue("Page.loadEventFired")
        await self.send("Page.navigate", url=url)
        await asyncio.wait_for(loaded.get(), COMMAND_BOUND)

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluating {expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def screenshot(self, path: Path) -> None:
        metrics = await self.send("Page.getLayoutMetrics")
        height = min(int(metrics["cssContentSize"]["height"]), 6000)
        await self.send("Emulation.setDeviceMetricsOverride", width=1400, height=height, deviceScaleFactor=1, mobile=False)
        shot = await self.send("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))


@asynccontextmanager
async def chromium_page(binary: str) -> AsyncIterator[Page]:
    """A fresh Chromium with one page; console errors of every page load collected."""
    with tempfile.TemporaryDirectory(prefix="gws-chromium-") as profile:
        process = await asyncio.create_subprocess_exec(
            binary, *FLAGS, f"--user-data-dir={profile}", "about:blank",
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )
        found: asyncio.Future[str] = asyncio.get_running_loop().create_future()

        async def drain_stderr() -> None:
            assert process.stderr is not None
            async for line in process.stderr:  # drained to the end, so Chromium never blocks on it
                match = _DEVTOOLS.search(line.decode(errors="replace"))
                if match and not found.done():
                    found.set_result(match.group(1))
            if not found.done():
                found.set_exception(RuntimeError("chromium exited without a DevTools endpoint"))

        drainer = asyncio.create_task(drain_stderr())
        reader: asyncio.Task | None = None
        try:
            browser_url = await asyncio.wait_for(found, STARTUP_BOUND)
            port = re.search(r":(\d+)/", browser_url).group(1)
            async with httpx.AsyncClient(timeout=COMMAND_BOUND) as http:
                targets = (await http.get(f"http://127.0.0.1:{port}/json/list")).json()
            page_url = next(t["webSocketDebuggerUrl"] for t in targets if t.get("type") == "page")
            async with websockets.connect(page_url, max_size=64 * 2**20) as socket:
                page = Page(socket)
                reader = asyncio.create_task(page.read())
                for domain in ("Page", "Runtime", "Log"):
                    await page.send(f"{domain}.enable")
                yield page
        finally:
            if reader is not None:
                reader.cancel()
            if process.returncode is None:
                process.kill()
            await asyncio.wait_for(process.wait(), STARTUP_BOUND)
            await asyncio.wait_for(drainer, STARTUP_BOUND)
