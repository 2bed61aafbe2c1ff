"""One event loop in a daemon thread, shared by every check of a run.

Clients (REST, Bayeux sessions) are session-scoped and keep background tasks (the connect
loop), so they need a loop that outlives any single test. Every call into it is bounded:
a check that would hang is cancelled and reported, never left hanging the run.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class HarnessTimeout(Exception):
    """A harness call exceeded its bound."""


class LoopThread:
    def __init__(self, name: str = "gws-harness") -> None:
        self._loop = asyncio.new_event_loop()
        self._running: set[concurrent.futures.Future[Any]] = set()
        self._interrupted: set[concurrent.futures.Future[Any]] = set()
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_forever()

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        return self._loop

    def run(self, coro: Coroutine[Any, Any, T], timeout: float) -> T:
        """Run `coro` on the loop; cancel it and raise HarnessTimeout after `timeout` s.

        After `interrupt()`, the call in progress raises KeyboardInterrupt.
        """
        future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        self._running.add(future)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise HarnessTimeout(f"did not finish within {timeout:g} s") from None
        except concurrent.futures.CancelledError:
            if future in self._interrupted:
                raise KeyboardInterrupt("the run was interrupted") from None
            raise
        except BaseException:  # e.g. KeyboardInterrupt: the run is stopping, so is the coroutine
            future.cancel()
            raise
        finally:
            self._running.discard(future)
            self._interrupted.discard(future)

    def interrupt(self) -> None:
        """Cancel the calls in progress (safe from a signal handler): each raises KeyboardInterrupt.
        Later calls run normally, so that fixtures can still close their clients."""
        for future in list(self._running):
            self._interrupted.add(future)
            future.cancel()

    def close(self, timeout: float = 5.0) -> None:
        async def _cancel_rest() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        if self._loop.is_running():
            try:
                self.run(_cancel_rest(), timeout)
            except HarnessTimeout:
                pass
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout)
        if not self._loop.is_running():
            self._loop.close()
