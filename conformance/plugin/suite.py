"""The pytest plugin object of one conformance run: selects, runs and judges the checks."""

from __future__ import annotations

import inspect
import time
from collections.abc import Coroutine, Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

import pluggy
import pytest

if TYPE_CHECKING:
    from _pytest._code.code import TracebackEntry

from conformance.catalog import Catalog, Requirement, load_catalog
from conformance.check_result import CheckResult
from conformance.clients.reachability import REACHABILITY
from conformance.clients.stream_health import STREAMS
from conformance.errors import Blocked, NoAnswer, NotApplicable
from conformance.evidence import Recorder, recording_into, use_recorder
from conformance.harness import claims
from conformance.harness.loop import LoopThread
from conformance.plugin.allure_labels import label_check
from conformance.plugin.concurrency import ONE_AT_A_TIME, ConcurrentChecks, Job, declared_claims, walk_order
from conformance.plugin.fixture_makers import Making, maker_of
from conformance.plugin.judging import CheckOutcome, classify
from conformance.plugin.names import WORKERINPUT_KEY, check_id, without_group
from conformance.plugin.workers import AGENTS_PER_WORKER, profile_to_wire, worker_index
from conformance.profile import ROUTING_ANY_READY, TargetProfile
from conformance.reports.json_report import annotate_check
from conformance.reports.timeline import CALL_MARK, CALL_MARK_ACTOR
from conformance.run_record import RunRecord
from conformance.target import Target
from conformance.verdicts import Verdict

T = TypeVar("T")


class SuitePlugin:
    def __init__(
        self,
        profile: TargetProfile,
        *,
        catalog: Catalog | None = None,
        requirement_filters: list[str] | None = None,
        section_filters: list[str] | None = None,
        keyword_filters: list[str] | None = None,
        concurrency: int = 1,
    ) -> None:
        """`concurrency`: how many checks may be in flight at once on the agent pair (1: one
        after another, through pytest alone)."""
        self.profile = profile
        self.catalog = catalog or load_catalog()
        self.requirement_filters = requirement_filters or []
        self.section_filters = section_filters or []
        self.keyword_filters = keyword_filters or []
        self.results: list[CheckResult] = []
        self.loop: LoopThread | None = None
        self.target: Target | None = None
        self.started_at = time.time()
        self.finished_at: float | None = None
        self.interrupted: str | None = None  # the signal that stopped the run early
        self.observations: dict[str, str] = {}  # what the run learned about the target (Target.observations)
        self.concurrency = concurrency
        self._workers: set[str] = set()  # an xdist controller's workers, each with a pair of agents
        self.concurrent: ConcurrentChecks | None = None  # the checks in flight beside pytest's walk
        self._position: dict[pytest.Item, int] = {}  # each item's place in pytest's walk
        self._running: _Running | None = None  # the check pytest is running
        self._judged: dict[str, CheckResult] = {}  # judged here, not yet logged (by node id)

    def record(self) -> RunRecord:
        """What the run found so far: all of it once the session has finished."""
        return RunRecord(
            catalog=self.catalog,
            target=self.profile.public_view(),
            requirement_filters=tuple(self.requirement_filters),
            section_filters=tuple(self.section_filters),
            keyword_filters=tuple(self.keyword_filters),
            started_at=self.started_at,
            finished_at=self.finished_at,
            interrupted=self.interrupted,
            results=tuple(self.results),
            observations=tuple(sorted(self.observations.items())),
            agent_pairs=max(1, len(self._workers)),
            concurrency=1 if self._workers else self.effective_concurrency(),  # xdist workers run one check at a time
        )

    # -- running coroutines on the harness loop ---------------------------------------

    def run(self, coro: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        """Run `coro` on the harness loop, bounded, as part of the check pytest is running (it
        holds what that check declared exclusive: conformance/harness/claims.py)."""
        assert self.loop is not None, "the harness loop starts with the pytest session"
        return self.loop.run(_as_part_of(self._running, coro), timeout or self.profile.timeouts.check)

    def make(self, name: str, request: pytest.FixtureRequest, **made: Any) -> Any:
        """Fixture `name` for pytest, by its maker (fixture_makers.py), from the fixtures it
        needs (`made`, resolved by pytest); what it opened is closed when pytest tears it down."""
        registered = maker_of(name)
        assert registered is not None, f"fixture {name} has no maker"
        maker, bound = registered

        async def need(other: str) -> Any:
            return made[other]

        making = Making(self, declared_claims(request.node) if request.scope == "function" else frozenset(), need)
        value: Any = self.run(maker(making), timeout=bound(self.profile))
        for close, timeout in reversed(making.closers):
            request.addfinalizer(lambda close=close, timeout=timeout: self.run(close(), timeout))  # type: ignore[misc]
        return value

    # -- session ------------------------------------------------------------------------

    def pytest_configure(self, config: pytest.Config) -> None:
        config.addinivalue_line("markers", "requirement(id): the catalog requirement a check verifies")
        config.addinivalue_line("markers", "long_running: a check that takes much longer than most (started first)")
        config.addinivalue_line("markers", f"{claims.MARKER}(*resources): what a check needs to itself ({', '.join(sorted(claims.RESOURCES))})")

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        REACHABILITY.reset()
        STREAMS.reset()
        self.loop = LoopThread()
        worker = worker_index(session.config)
        self.target = Target(self.profile, agent_offset=AGENTS_PER_WORKER * (worker or 0))

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        """xdist controller: hand each worker the profile and the filters of this run."""
        self._workers.add(str(node.workerinput.get("workerid")))
        node.workerinput[WORKERINPUT_KEY] = {
            "profile": profile_to_wire(self.profile),
            "requirements": self.requirement_filters,
            "sections": self.section_filters,
            "keywords": self.keyword_filters,
            "concurrency": self.concurrency,
        }

    def stop(self, signal_name: str) -> None:
        """A signal asks the run to stop (called from the signal handler): the check in
        progress is abandoned, and no other check starts."""
        self.interrupted = signal_name
        if self.loop is not None:
            if self.concurrent is not None:
                self.loop.loop.call_soon_threadsafe(self.concurrent.cancel)
            self.loop.interrupt()

    # A wrapper, so that pytest's own report of the interrupt (it renders the interrupted frames)
    # never sees a frame it cannot render: on Python 3.11 the frame a signal lands in can have
    # no line number (tb_lineno None), the rendering raises TypeError, and the run would end in
    # a traceback with exit 1 instead of its interrupted reports.
    @pytest.hookimpl(wrapper=True)
    def pytest_keyboard_interrupt(self, excinfo: pytest.ExceptionInfo[BaseException]) -> Generator[None, None, None]:
        # The runner names SIGTERM; a KeyboardInterrupt it did not name is Ctrl-C.
        self.interrupted = self.interrupted or "SIGINT"
        excinfo.traceback = excinfo.traceback.filter(_has_line_number)
        return (yield)

    # A wrapper, so that the loop closes after every other sessionfinish, pytest's teardown of
    # the fixtures still set up (an interrupted check's) included: they need the loop.
    @pytest.hookimpl(hookwrapper=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> Generator[None, None, None]:
        self.finished_at = time.time()
        yield
        if self.loop is not None:
            if self.target is not None:
                try:
                    self.run(self.target.close(), timeout=10)
                except Exception:  # closing must not mask the run's verdicts
                    pass
            self.loop.close()

    # -- selection ----------------------------------------------------------------------

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
        selected_ids = {
            r.id for r in self.catalog.select(self.requirement_filters or None, self.section_filters or None, self.keyword_filters or None)
        }
        keep: list[pytest.Item] = []
        dropped: list[pytest.Item] = []
        for item in items:
            marks = list(item.iter_markers("requirement"))
            if len(marks) != 1 or len(marks[0].args) != 1:
                raise pytest.UsageError(f"suite bug: {item.nodeid} must carry exactly one requirement(ID) marker")
            requirement = self.catalog[marks[0].args[0]]
            item.stash[_REQUIREMENT] = requirement
            (keep if requirement.id in selected_ids else dropped).append(item)
        if dropped:
            config.hook.pytest_deselected(items=dropped)
        if not keep:
            raise pytest.UsageError("no check matches the requirement filters")
        for item in keep:
            try:
                declared_claims(item)  # a misspelt resource is a suite bug, found before anything runs
            except ValueError as exc:
                raise pytest.UsageError(f"suite bug: {item.nodeid}: {exc}") from None
        # Long checks start first, so that with parallel workers none of them is left
        # running alone at the end; the reports are in catalog order whatever runs when.
        items[:] = sorted(keep, key=lambda item: item.get_closest_marker("long_running") is None)
        if self.effective_concurrency() > 1:
            items[:] = walk_order(items)

    def effective_concurrency(self) -> int:
        """The concurrency asked for, unless the target's setup allows only one check at a time."""
        if self.concurrency > 1 and self.profile.routing == ROUTING_ANY_READY:
            self.observations[ONE_AT_A_TIME] = "checks ran one at a time: in routing any-ready the agents' Ready states steer every invitation"
            return 1
        if self.concurrency > 1 and self.profile.injector.kind == "manual":
            self.observations[ONE_AT_A_TIME] = "checks ran one at a time: a manual invitation cannot be told from another check's"
            return 1
        return self.concurrency

    def applies(self, item: pytest.Item) -> bool:
        return self._not_applicable_reason(self.requirement_of(item)) is None

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtestloop(self, session: pytest.Session) -> Generator[None, None, None]:
        # An xdist worker runs the checks the controller hands it, one at a time: the workers
        # are the run's parallelism, and the scheduler needs to know every check its walk runs.
        worker = worker_index(session.config) is not None
        if self.effective_concurrency() > 1 and self.loop is not None and not session.config.option.collectonly and not worker:
            self._position = {item: position for position, item in enumerate(session.items)}  # the walk's final order
            self.concurrent = ConcurrentChecks(self, session.items, self.effective_concurrency())
            self.loop.loop.call_soon_threadsafe(self.concurrent.start)
            previous = use_recorder(self.concurrent.shared)
        try:
            yield
        finally:
            if self.concurrent is not None and self.loop is not None:
                use_recorder(previous)
                self.loop.loop.call_soon_threadsafe(self.concurrent.cancel)  # jobs pytest never reached (a stop)

    def requirement_of(self, item: pytest.Item) -> Requirement:
        return item.stash[_REQUIREMENT]

    def _not_applicable_reason(self, requirement: Requirement) -> str | None:
        if self.profile.kind == "bayeux-only" and not requirement.section.startswith("bayeux"):
            return "the target is declared Bayeux-only (no GWS REST API)"
        if requirement.applies_to and not self.profile.declares(requirement.applies_to):
            return f"the target profile does not declare feature {requirement.applies_to!r}"
        return None

    # -- running ------------------------------------------------------------------------

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, None, None]:
        concurrent, job = self.concurrent, self._job_of(item)
        if concurrent is not None and job is not None:
            self.run(job.finished.wait(), timeout=concurrent.wait_bound())
            recorder = item.stash[_RECORDER] = job.recorder
        else:
            recorder = item.stash[_RECORDER] = Recorder(check_id(item))
        if concurrent is None:
            previous = use_recorder(recorder)
        elif job is None:  # pytest runs it, maybe beside jobs: it hears the shared sessions too
            self.run(concurrent.joined(recorder))
        self._running = _Running(recorder, declared_claims(item))
        try:
            yield
        finally:
            self._running = None
            if concurrent is None:
                use_recorder(previous)
            elif job is None:
                self.run(concurrent.left(recorder))
            if concurrent is not None and self.loop is not None:
                self.loop.loop.call_soon_threadsafe(concurrent.walked, self._position[item] + 1)
            if self.interrupted:  # also when the KeyboardInterrupt was swallowed where it landed
                item.session.shouldstop = f"interrupted by {self.interrupted}"

    def _job_of(self, item: pytest.Item) -> Job | None:
        """The task `item` ran as, when checks run concurrently and it was one."""
        return self.concurrent.job_of(item) if self.concurrent is not None else None

    def not_attempted(self) -> Blocked | None:
        """Why no further check is attempted at all, or None."""
        if REACHABILITY.silent_cause:  # not one more timeout to wait out
            return Blocked(NoAnswer.STEP, f"not attempted: the target is unreachable (a first request got no answer: {REACHABILITY.silent_cause})")
        return None

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        reason = self._not_applicable_reason(self.requirement_of(item))
        if reason:
            raise NotApplicable(reason)
        job = self._job_of(item)
        if job is not None:  # it ran already: report its fixtures' failure, or hand pytest its fixtures
            if job.setup_error is not None:
                raise job.setup_error
            cast(pytest.Function, item).funcargs.update(job.arguments)
            return
        blocked = self.not_attempted()
        if blocked is not None:
            raise blocked

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_call(self, item: pytest.Item) -> None:
        # Reports tell the check's stimulus from its fixtures' traffic by this note (a job
        # wrote it when its body started).
        if self._job_of(item) is None:
            item.stash[_RECORDER].note(CALL_MARK_ACTOR, CALL_MARK)

    @pytest.hookimpl(tryfirst=True)
    def pytest_pyfunc_call(self, pyfuncitem: pytest.Function) -> bool | None:
        job = self._job_of(pyfuncitem)
        if job is not None:  # it ran already: what it raised is the call's outcome
            if job.call_error is not None:
                raise job.call_error
            return True
        if not inspect.iscoroutinefunction(pyfuncitem.obj):
            return None
        arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        self.run(pyfuncitem.obj(**arguments))
        return True

    # trylast: the innermost wrapper, so that allure-pytest sees the outcome judged here.
    @pytest.hookimpl(hookwrapper=True, trylast=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, pluggy.Result[pytest.TestReport], None]:
        report: pytest.TestReport = (yield).get_result()
        requirement = self.requirement_of(item)
        exc = call.excinfo.value if call.excinfo is not None else None
        job = self._job_of(item)
        if job is not None:  # pytest only reported it: the durations are the job's
            report.duration = {"setup": job.setup_seconds, "call": job.call_seconds}.get(call.when, report.duration)
            if call.when == "teardown" and job.teardown_error is not None:
                report.user_properties.append((_TEARDOWN_PROPERTY, job.teardown_error))
        if call.when == "setup":
            item.stash[_SETUP_SECONDS] = report.duration
            if exc is not None:
                self._judge(item, report, classify(exc, requirement, phase="setup"), requirement)
        elif call.when == "call":
            self._judge(item, report, classify(exc, requirement, phase="call"), requirement)
        elif call.when == "teardown" and exc is not None:
            report.user_properties.append((_TEARDOWN_PROPERTY, f"{type(exc).__name__}: {exc}"))

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Collect results from reports, so that results judged on xdist workers arrive too."""
        properties = dict(report.user_properties)
        self.observations.update(cast(dict[str, str], properties.get(_OBSERVATIONS_PROPERTY, {})))
        if _RESULT_PROPERTY in properties:
            # Written by _judge below (result.as_dict(), requirement.id, requirement.keyword);
            # judged in this process, the result itself.
            self.results.append(
                self._judged.pop(report.nodeid)
                if report.nodeid in self._judged
                else CheckResult.from_dict(
                    cast(dict[str, Any], properties[_RESULT_PROPERTY]),
                    requirement=cast(str, properties["gws_requirement"]),
                    keyword=cast(str, properties["gws_keyword"]),
                )
            )
        elif _TEARDOWN_PROPERTY in properties and self.results and self.results[-1].nodeid == without_group(report.nodeid):
            self.results[-1].message += f" [teardown: {properties[_TEARDOWN_PROPERTY]}]"

    def _judge(self, item: pytest.Item, report: pytest.TestReport, outcome: CheckOutcome, requirement: Requirement) -> None:
        recorder: Recorder = item.stash[_RECORDER]
        function = getattr(item, "function", None)
        doc = inspect.getdoc(function) if function else None
        setup_seconds: float = item.stash.get(_SETUP_SECONDS, 0.0)
        result = CheckResult(
            nodeid=check_id(item),
            name=item.name,
            requirement=requirement.id,
            keyword=requirement.keyword,
            verdict=outcome.verdict,
            message=outcome.message,
            stimulus=(doc or "").split("\n\n")[0].replace("\n", " "),
            expected=outcome.expected,
            observed=outcome.observed,
            blocked_step=outcome.blocked_step,
            evidence=recorder.as_list(),
            timings={
                "duration_s": round(report.duration, 6),
                "setup_s": round(setup_seconds, 6),
                **_summarise(recorder.timings),
            },
            harness_trace=outcome.harness_trace,
        )
        # Once per check, here, where Allure needs them too; report.json takes them from the result.
        check = result.as_dict()
        annotate_check(check, self.profile.public_view())
        result.timings, result.reproduction = check["timings"], check["reproduction"]
        label_check(result, requirement)
        if result.verdict is Verdict.FAIL:  # named by the reason of checks a broken stream blocks
            STREAMS.requirement_failed(requirement.id, requirement.section, result.message)
        report.user_properties.append(("gws_requirement", requirement.id))
        report.user_properties.append(("gws_keyword", requirement.keyword))
        report.user_properties.append(("gws_verdict", result.verdict.value))
        report.user_properties.append((_RESULT_PROPERTY, result.as_dict()))
        self._judged[report.nodeid] = result
        if self.target is not None and self.target.observations:  # travels from xdist workers this way too
            report.user_properties.append((_OBSERVATIONS_PROPERTY, dict(self.target.observations)))
        # Keep pytest's own outcome truthful for plain pytest users and JUnit consumers.
        if result.verdict in (Verdict.PASS, Verdict.PASS_NONSTRICT):
            report.outcome = "passed"
            report.longrepr = None
            if result.verdict is Verdict.PASS_NONSTRICT:
                report.sections.append(("gws verdict", f"PASS-NONSTRICT ({requirement.keyword} not met): {result.message}"))
        elif result.verdict is Verdict.NOT_APPLICABLE:
            report.outcome = "skipped"
            report.longrepr = (str(item.path), item.location[1] or 0, f"NOT-APPLICABLE: {result.message}")
        else:
            report.outcome = "failed"
            report.longrepr = f"{result.verdict.value} [{requirement.id}] {result.message}"


_RECORDER = pytest.StashKey[Recorder]()
_REQUIREMENT = pytest.StashKey[Requirement]()
_SETUP_SECONDS = pytest.StashKey[float]()
_RESULT_PROPERTY = "gws_result"
_TEARDOWN_PROPERTY = "gws_teardown"
_OBSERVATIONS_PROPERTY = "gws_observations"



def _summarise(timings: dict[str, list[float]]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for name, values in timings.items():
        ordered = sorted(values)
        summary[name] = {
            "count": len(values),
            "max_ms": round(ordered[-1] * 1000, 3),
            "median_ms": round(ordered[len(ordered) // 2] * 1000, 3),
            "total_ms": round(sum(values) * 1000, 3),
        }
    return summary


@dataclass(frozen=True)
class _Running:
    """The check pytest is running: where its coroutines record, what they may touch."""

    recorder: Recorder
    claims: frozenset[str]


async def _as_part_of(check: _Running | None, coro: Coroutine[Any, Any, T]) -> T:
    """`coro` run as part of `check` (None: outside any check, the harness's own work)."""
    if check is None:
        return await coro
    with recording_into(check.recorder), claims.claiming(check.claims):
        return await coro


def _has_line_number(entry: TracebackEntry) -> bool:
    try:
        entry.lineno
    except TypeError:  # tb_lineno None
        return False
    return True
