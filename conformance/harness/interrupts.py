"""SIGINT and SIGTERM during a run: stop it promptly, remember which signal it was.

Both become KeyboardInterrupt in the main thread, which pytest turns into an orderly stop:
the current check is abandoned, fixtures are torn down, the session finishes, and the
reports of the checks that finished are written, marked interrupted. A KeyboardInterrupt
can be swallowed where it lands (a gc callback, a library's catch-all), so the handler also
tells the run (`on_signal`), which stops the check in progress by another road; Python's report
of the one that landed in a gc or weakref callback ("Exception ignored in ...", a traceback on
stderr) is dropped: the user pressed Ctrl-C, nothing broke.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

from conformance.exit_codes import INTERRUPT_SIGNALS


class Interruption:
    """Which signal interrupted the run (None while none did)."""

    def __init__(self, on_signal: Callable[[str], None]) -> None:
        self.signal: str | None = None
        self._on_signal = on_signal

    def _handle(self, number: int, frame: FrameType | None) -> None:
        name = signal.Signals(number).name
        if self.signal is None:
            self.signal = name
            self._on_signal(name)
        raise KeyboardInterrupt(f"{name} received")


@contextlib.contextmanager
def interrupts_caught(on_signal: Callable[[str], None]) -> Iterator[Interruption]:
    """Within the block, SIGINT and SIGTERM call `on_signal(name)` once, raise
    KeyboardInterrupt, and are remembered.

    Signal handlers can only be installed from the main thread; elsewhere (a run started from
    another thread, as some tests do) the block runs with the process's handlers unchanged.
    """
    interruption = Interruption(on_signal)
    if threading.current_thread() is not threading.main_thread():
        yield interruption
        return
    previous_hook = sys.unraisablehook  # before _install replaces it
    previous = _install(interruption)
    try:
        yield interruption
    finally:
        sys.unraisablehook = previous_hook
        for name, handler in previous.items():
            signal.signal(signal.Signals[name], handler)


def catch_interrupts(on_signal: Callable[[str], None]) -> Interruption:
    """`interrupts_caught` for the rest of the process (plain `pytest --target`, whose process
    ends with the run); nothing is installed outside the main thread."""
    interruption = Interruption(on_signal)
    if threading.current_thread() is threading.main_thread():
        _install(interruption)
    return interruption


def _install(interruption: Interruption) -> dict[str, Any]:
    """Handle both signals with `interruption`; the handlers they had."""
    sys.unraisablehook = _quiet_about_interrupts(interruption, sys.unraisablehook)
    return {name: signal.signal(signal.Signals[name], interruption._handle) for name in INTERRUPT_SIGNALS}


def _quiet_about_interrupts(interruption: Interruption, previous: Callable[[Any], object]) -> Callable[[Any], object]:
    """An unraisable-exception hook that drops our own KeyboardInterrupt (it landed in a gc or
    weakref callback; the run stops by another road) and passes anything else on."""

    def hook(unraisable: Any) -> object:
        if interruption.signal is not None and isinstance(unraisable.exc_value, KeyboardInterrupt):
            return None
        return previous(unraisable)

    return hook


def sigterm_as_interrupt() -> None:
    """For an xdist worker process: SIGTERM stops it like SIGINT does (an orderly stop that
    reports to the controller), not by dying mid-check. The controller names the signal."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, signal.default_int_handler)
