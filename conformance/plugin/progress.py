"""Progress of a `gws-conformance run` while it lasts, in place of pytest's dots.

On a terminal: a live line (checks done of the total, the checks running, what the current one
waits for and for how long, elapsed time and ETA) under one line per finished suite file. When
the output is not a terminal (CI logs): the per-file lines only, each written once.
Lives in the controller process only; xdist workers report to it.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any, TextIO

import pytest
from rich.console import Console
from rich.live import Live
from rich.text import Text

from conformance.harness.waiting import current_wait

# Verdicts in the order the per-file lines list them.
VERDICT_ORDER = ("PASS", "PASS-NONSTRICT", "FAIL", "BLOCKED", "ERROR", "NOT-APPLICABLE")


def suite_file(nodeid: str) -> str:
    """The suite file a check lives in, as the user reads it (e.g. email_api/test_email_accept.py)."""
    return nodeid.split("::", 1)[0].removeprefix("conformance/suites/")


@dataclass
class ProgressState:
    total: int = 0
    per_file: Counter[str] = field(default_factory=Counter)  # checks collected per suite file
    started: float = field(default_factory=time.monotonic)
    done: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    running: dict[str, float] = field(default_factory=dict)  # nodeid -> when it started
    _file_done: Counter[str] = field(default_factory=Counter)
    _file_verdicts: dict[str, Counter[str]] = field(default_factory=dict)
    _file_started: dict[str, float] = field(default_factory=dict)
    _verdict_of: dict[str, str] = field(default_factory=dict)

    def collected(self, nodeids: list[str]) -> None:
        if self.total:
            return  # every xdist worker collects the same checks
        self.total = len(nodeids)
        self.per_file = Counter(suite_file(nodeid) for nodeid in nodeids)

    def began(self, nodeid: str) -> None:
        now = time.monotonic()
        self.running[nodeid] = now
        self._file_started.setdefault(suite_file(nodeid), now)

    def judged(self, nodeid: str, verdict: str) -> None:
        self._verdict_of[nodeid] = verdict

    def finished(self, nodeid: str) -> str | None:
        """Count a check done; the finished file's line when it was the file's last check."""
        self.running.pop(nodeid, None)
        self.done += 1
        name = suite_file(nodeid)
        verdict = self._verdict_of.pop(nodeid, "ERROR")
        self.verdicts[verdict] += 1
        self._file_verdicts.setdefault(name, Counter())[verdict] += 1
        self._file_done[name] += 1
        if self._file_done[name] != self.per_file.get(name):
            return None
        seconds = time.monotonic() - self._file_started.get(name, self.started)
        return f"  [{self.done:>{len(str(self.total))}}/{self.total}] {name}: {_counts(self._file_verdicts[name])} ({seconds:.1f} s)"

    def eta(self) -> float | None:
        if not self.total or self.done < max(3, self.total // 20):
            return None
        elapsed = time.monotonic() - self.started
        return elapsed / self.done * (self.total - self.done)


def _counts(verdicts: Counter[str]) -> str:
    ordered = sorted(verdicts.items(), key=lambda item: VERDICT_ORDER.index(item[0]) if item[0] in VERDICT_ORDER else len(VERDICT_ORDER))
    return ", ".join(f"{count} {verdict}" for verdict, count in ordered)


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes}:{seconds:02d}"


class ProgressPlugin:
    def __init__(self, stream: TextIO, *, live: bool) -> None:
        self.state = ProgressState()
        self._lock = threading.Lock()  # hooks run in pytest's thread, the live line refreshes in its own
        self._console = Console(file=stream, force_terminal=live, highlight=False, soft_wrap=True)
        self._live: Live | None = (
            Live(console=self._console, get_renderable=self._status, refresh_per_second=4, transient=True, redirect_stdout=False, redirect_stderr=False)
            if live
            else None
        )

    # -- pytest hooks (controller) ---------------------------------------------------------------
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self.state.started = time.monotonic()
        if self._live is not None:
            self._live.start()

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        if not hasattr(session.config, "workerinput") and session.items:
            self.state.collected([item.nodeid for item in session.items])

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node: Any, ids: list[str]) -> None:
        self.state.collected(list(ids))

    def pytest_runtest_logstart(self, nodeid: str, location: tuple[str, int | None, str]) -> None:
        with self._lock:
            self.state.began(nodeid)

    @pytest.hookimpl(wrapper=True)
    def pytest_report_teststatus(self, report: pytest.TestReport, config: pytest.Config) -> Generator[None, Any, Any]:
        """pytest's own letters go: the progress line and the per-file lines say more."""
        result = yield
        if result and len(result) == 3:
            category, _letter, word = result
            return category, "", word
        return result

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        properties = dict(report.user_properties)
        with self._lock:
            if "gws_verdict" in properties:
                self.state.judged(report.nodeid, str(properties["gws_verdict"]))
            line = self.state.finished(report.nodeid) if report.when == "teardown" else None
        if line is not None:
            self._console.print(Text(line))

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        self.stop()

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        self.stop()

    def stop(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None

    # -- the live line ------------------------------------------------------------------------------
    def _status(self) -> Text:
        with self._lock:
            state = self.state
            elapsed = time.monotonic() - state.started
            eta = state.eta()
            head = f"{state.done}/{state.total or '?'} checks  {_clock(elapsed)} elapsed" + (f"  ETA {_clock(eta)}" if eta is not None else "")
            running = list(state.running)
        line = Text(head, style="bold")
        if running:
            line.append(f"  {running[-1].split('::')[-1]}" + (f" (+{len(running) - 1} more)" if len(running) > 1 else ""))
        wait = current_wait()
        if wait is not None and len(running) <= 1:
            line.append(f"  waiting for {wait.what} ({wait.elapsed():.1f} of {wait.timeout:g} s)", style="dim")
        counts = _counts(state.verdicts)
        if counts:
            line.append(f"\n  {counts}")
        return line
