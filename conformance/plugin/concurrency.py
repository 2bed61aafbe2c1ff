"""Checks in flight together on one agent pair, ahead of pytest's walk through them.

pytest runs checks one after another. With a concurrency above 1:

- jobs: checks that need nothing to themselves (conformance/harness/claims.py) and whose
  fixtures all have makers (fixture_makers.py) run as tasks on the harness loop, up to the limit
  at once, the long ones first (those that leave the agents alone first of all); pytest's walk
  then finds each one done and reports what it found: its fixtures' failure or its own, its
  evidence, its durations;
- barriers: checks that declare a claim come first in pytest's order (walk_order) and run alone
  through pytest, beside no job that uses the agents (beside no job at all for a claim on the
  handshakes);
- the rest (a synchronous check, a fixture without a maker) run through pytest right after the
  barriers, beside the jobs in flight.

Nothing a check finds depends on how it ran: the same fixtures, timeouts and judges serve both
ways, and the verdicts of a concurrent run equal those of a serial one (`--concurrency 1`).
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest

from conformance.clients.reachability import REACHABILITY
from conformance.evidence import Recorder, SharedRecorder, recording_into
from conformance.harness import claims
from conformance.plugin.fixture_makers import Making, SuiteRun, bounded, claims_implied_by, maker_of
from conformance.plugin.names import check_id
from conformance.reports.timeline import CALL_MARK, CALL_MARK_ACTOR
from conformance.target.routing import ROUTING_OBSERVATION


ONE_AT_A_TIME = "concurrency"  # the observation of a run whose checks ran one at a time


def declared_claims(item: pytest.Item) -> frozenset[str]:
    """The resources `item` declares exclusive: its own and its module's markers, and what its
    fixtures need (fixture_claims)."""
    marked = claims.validated(resource for mark in item.iter_markers(claims.MARKER) for resource in mark.args)
    return marked | claims_implied_by(getattr(item, "fixturenames", []))


def can_run_beside_others(item: pytest.Item) -> bool:
    """A coroutine check that claims nothing and whose every fixture has a maker."""
    if not isinstance(item, pytest.Function) or not inspect.iscoroutinefunction(item.obj) or declared_claims(item):
        return False
    params = item.callspec.params if hasattr(item, "callspec") else {}
    return all(name in params or maker_of(name) is not None for name in _fixtures_of(item))


# The fixtures through which a check acts as (or on) the suite's agents: their Ready state,
# their long-lived sessions, their invitations.
_AGENT_FIXTURES = frozenset({"agent_setup", "agent", "peer_agent", "invitation", "offered_invitation", "peer_invitation"})


def walk_order(items: list[pytest.Item]) -> list[pytest.Item]:
    """pytest's order for a concurrent run.

    The checks that run alone come first (those on the handshakes before all), then the checks
    pytest itself runs beside the jobs in flight (a synchronous state machine: it starts at once
    instead of when the walk has reported every job before it), then the jobs, the long ones last:
    the walk reports each job once it is done, so it reports the short ones while the long ones
    still wait on their timers. The launch order is the scheduler's own (long jobs first)."""

    def place(item: pytest.Item) -> int:
        claimed = declared_claims(item)
        if claimed:
            return 0 if claims.HANDSHAKES in claimed else 1
        if not can_run_beside_others(item):
            return 2
        return 4 if _is_long(item) else 3

    return sorted(items, key=place)


def _uses_agents(item: pytest.Function) -> bool:
    return not _AGENT_FIXTURES.isdisjoint(item.fixturenames)


def _is_long(item: pytest.Item) -> bool:
    return item.get_closest_marker("long_running") is not None


def _long_first(jobs: Iterable[Job]) -> list[Job]:
    return sorted(jobs, key=lambda job: not _is_long(job.item))


def _fixtures_of(item: pytest.Function) -> list[str]:
    """The fixtures `item` uses, directly or not; pytest's own `request` is pytest's to give."""
    return [name for name in item.fixturenames if name != "request"]


@dataclass(eq=False)
class Job:
    """One check run as a task: what pytest's walk reports for it."""

    item: pytest.Function
    recorder: Recorder
    finished: asyncio.Event = field(default_factory=asyncio.Event)
    arguments: dict[str, Any] = field(default_factory=dict)  # every fixture, by name
    setup_error: BaseException | None = None
    call_error: BaseException | None = None
    teardown_error: str | None = None
    setup_seconds: float = 0.0
    call_seconds: float = 0.0


class ConcurrentChecks:
    def __init__(self, plugin: SuiteRun, items: list[pytest.Item], limit: int) -> None:
        self.plugin = plugin
        self.items = items
        self.limit = limit
        # Jobs run as tasks; barriers (what declares a claim) run alone, through pytest; the rest
        # (sync checks, fixtures without makers, not applicable) through pytest, beside the jobs.
        self.jobs: dict[pytest.Item, Job] = {}
        self.barriers: set[pytest.Item] = set()
        for item in items:
            if not plugin.applies(item):
                continue
            if declared_claims(item):
                self.barriers.add(item)
            elif can_run_beside_others(item):
                assert isinstance(item, pytest.Function)
                self.jobs[item] = Job(item, Recorder(check_id(item)))
        self.shared = SharedRecorder()  # what the agents' shared sessions hear goes to every job in flight
        self._walked = 0  # items pytest has finished
        self._progress = asyncio.Event()
        self._launcher: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    # -- the loop's side ----------------------------------------------------------------

    def start(self) -> None:
        """On the loop: launch the jobs, each once what must run before it has."""
        self._launcher = asyncio.get_running_loop().create_task(self._launch(), name="gws-concurrent-checks")

    def cancel(self) -> None:
        """On the loop (a signal stops the run): no job starts, those in flight stop."""
        for task in [self._launcher, *self._tasks]:
            if task is not None:
                task.cancel()

    def walked(self, count: int) -> None:
        """On the loop: pytest has finished its first `count` items."""
        self._walked = count
        self._progress.set()

    async def _launch(self) -> None:
        slots = asyncio.Semaphore(self.limit)
        # Barriers on the handshakes run with nothing at all in flight (they come first).
        alone = [position for position, item in enumerate(self.items) if item in self.barriers and claims.HANDSHAKES in declared_claims(item)]
        if alone:
            await self._walked_past(max(alone))
        # Checks that leave the agents alone (Bayeux sessions of their own) start at once: a
        # barrier's claims are on the agents, so none concerns them.
        for independent in _long_first(job for job in self.jobs.values() if not _uses_agents(job.item)):
            await self._start(independent, slots)
        # The checks that use the agents, once every barrier has run (they come first in the
        # walk, walk_order).
        barriers = [position for position, item in enumerate(self.items) if item in self.barriers]
        if barriers:
            await self._walked_past(max(barriers))
        for job in _long_first(job for item in self.items if (job := self.jobs.get(item)) is not None and _uses_agents(job.item)):
            await self._start(job, slots)

    async def _walked_past(self, position: int) -> None:
        while self._walked <= position:
            self._progress.clear()
            await self._progress.wait()

    async def _start(self, job: Job, slots: asyncio.Semaphore) -> None:
        await slots.acquire()
        task = asyncio.get_running_loop().create_task(self._run(job), name=f"check {job.recorder.name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(lambda _: slots.release())
        if not REACHABILITY.answered:
            # Until the target has answered anything, no second check: against a silent target
            # the first timeout then blocks every later check at once, as in a serial run.
            answered = asyncio.Event()
            loop = asyncio.get_running_loop()
            REACHABILITY.when_answered(lambda: loop.call_soon_threadsafe(answered.set))
            waiting = loop.create_task(answered.wait())
            await asyncio.wait([task, waiting], return_when=asyncio.FIRST_COMPLETED)
            waiting.cancel()
        elif self._misrouted():
            # Once an invitation reached another agent than the one waiting for it, one check at
            # a time: another check's emails would go astray as well (conformance/target/routing.py).
            await asyncio.wait([task])

    def _misrouted(self) -> bool:
        target = self.plugin.target
        if target is None or ROUTING_OBSERVATION not in target.observations:
            return False
        self.plugin.observations[ONE_AT_A_TIME] = (
            "checks ran one at a time once an invitation reached another agent than the one waiting for it"
        )
        return True

    async def _run(self, job: Job) -> None:
        hears_agents = _uses_agents(job.item)
        if hears_agents:
            self.shared.active.append(job.recorder)
        closers: list[tuple[Any, float]] = []
        try:
            with recording_into(job.recorder), claims.claiming(frozenset()):
                started = time.monotonic()
                try:
                    job.arguments = await self._fixtures(job, closers)
                except Exception as exc:  # what pytest's setup would have raised
                    job.setup_error = exc
                job.setup_seconds = time.monotonic() - started
                if job.setup_error is None:
                    job.recorder.note(CALL_MARK_ACTOR, CALL_MARK)
                    started = time.monotonic()
                    try:
                        names = job.item._fixtureinfo.argnames
                        await bounded(job.item.obj(**{name: job.arguments[name] for name in names}), self.plugin.profile.timeouts.check)
                    except Exception as exc:
                        job.call_error = exc
                    job.call_seconds = time.monotonic() - started
                for close, timeout in reversed(closers):
                    try:
                        await bounded(close(), timeout)
                    except Exception as exc:
                        job.teardown_error = job.teardown_error or f"{type(exc).__name__}: {exc}"
        finally:
            if hears_agents:
                self.shared.active.remove(job.recorder)
            job.finished.set()

    async def _fixtures(self, job: Job, closers: list[tuple[Any, float]]) -> dict[str, Any]:
        blocked = self.plugin.not_attempted()
        if blocked is not None:
            raise blocked
        item = job.item
        params = item.callspec.params if hasattr(item, "callspec") else {}
        made: dict[str, Any] = {}

        async def need(name: str) -> Any:
            if name not in made:
                if name in params:
                    made[name] = params[name]
                else:
                    registered = maker_of(name)
                    assert registered is not None, f"{item.nodeid}: fixture {name} has no maker (can_run_beside_others)"
                    maker, bound = registered
                    made[name] = await bounded(maker(making), bound(self.plugin.profile))
            return made[name]

        making = Making(self.plugin, frozenset(), need, closers)
        for name in _fixtures_of(item):
            await need(name)
        return made

    async def joined(self, recorder: Recorder) -> None:
        """A check pytest runs now hears the shared sessions too."""
        self.shared.active.append(recorder)

    async def left(self, recorder: Recorder) -> None:
        self.shared.active.remove(recorder)

    # -- pytest's side ------------------------------------------------------------------

    def job_of(self, item: pytest.Item) -> Job | None:
        return self.jobs.get(item)

    def wait_bound(self) -> float:
        """How long pytest's walk waits for a job it reached: the job bounds each of its steps
        (its fixtures, the check, the closing), so this is a safety net, not a verdict."""
        timeouts = self.plugin.profile.timeouts
        return 4 * timeouts.check + timeouts.invitation + 60
