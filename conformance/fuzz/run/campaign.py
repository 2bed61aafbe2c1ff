"""One fuzz campaign against the profile's target: plan, send, attribute, reduce.

Every FUZZ-* check judges the same campaign (a session fixture runs it once): each case is
judged against every requirement as it is answered, notifications are attributed after one
final wait, and the first findings of each requirement are shrunk to a minimal request.
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from conformance.errors import Blocked
from conformance.fuzz.plan.cases import FuzzCase, Stream
from conformance.fuzz.plan.chains import CHAINS, Chain, ChainRunner
from conformance.fuzz.plan.curated import boundary_cases, violation_cases
from conformance.fuzz.run.execute import STOPPED_ANSWERING, Exchange, Executor, private_recorder, unexplained
from conformance.fuzz.judge.findings import Finding, FuzzRun, Stats
from conformance.fuzz.plan.generate import fuzzed_ids, schemathesis_cases
from conformance.fuzz.judge.answer import UNCHANGED, Violation
from conformance.fuzz.plan.operation_needs import OPERATIONS, FuzzedOperation, operation
from conformance.fuzz.plan.pinning import Pins
from conformance.fuzz.run.reduce import MAX_ATTEMPTS, Reducer
from conformance.fuzz.run.provisioning import Provisioner
from conformance.fuzz.judge.after_refusals import blamable, refused_then_notified
from conformance.fuzz.settings import FuzzSettings
from conformance.target import AgentHandle
from conformance.target.owed import email_of
from conformance.steps.requests import param_context

MAX_REDUCED_PER_REQUIREMENT = 3  # findings shrunk per requirement (the first of each operation)
MAX_KEPT_PER_REQUIREMENT = 10  # findings listed per requirement
# Shrinking runs after exploration; a target slow enough to use the whole time budget still
# gets this long to shrink what it broke.
REDUCTION_GRACE_S = 20.0
CHAIN_REDUCTION_ATTEMPTS = 15


@dataclass
class Plan:
    cases: dict[str, list[FuzzCase]]  # operation -> its cases, in sending order
    positive: dict[str, list[Any]]  # operation -> schemathesis positive bodies (the chains' steps)
    ids: list[str]


class PlanAbandoned(Exception):
    """The run stopped (an interrupt) while the plan was being drawn."""


def build_plan(
    ops: Iterable[FuzzedOperation], chained: Iterable[FuzzedOperation], settings: FuzzSettings, abandoned: threading.Event | None = None
) -> Plan:
    """Every case of the campaign, drawn before anything is sent (pure: seed and budget only).

    `chained` operations get their positive bodies (the chains' steps) even when not fuzzed.
    Drawing runs in a thread, which nothing can cancel: once `abandoned` is set, it stops
    after the operation at hand (an interrupted run must not wait for the whole plan)."""
    cases: dict[str, list[FuzzCase]] = {}
    positive: dict[str, list[Any]] = {}
    generated: dict[str, list[FuzzCase]] = {}

    def go_on() -> None:
        if abandoned is not None and abandoned.is_set():
            raise PlanAbandoned()

    for op in {**{o.name: o for o in chained}, **{o.name: o for o in ops}}.values():
        go_on()
        generated[op.name] = schemathesis_cases(op, Stream.VALID, settings.examples, settings.seed_for(op.name, "positive"))
        positive[op.name] = [c.body for c in generated[op.name]]
    for op in ops:
        go_on()
        negative = schemathesis_cases(op, Stream.WILD, settings.examples, settings.seed_for(op.name, "negative"))
        cases[op.name] = [*boundary_cases(op), *generated[op.name], *violation_cases(op), *negative]
    return Plan(cases, positive, fuzzed_ids(settings.examples, settings.seed_for("ids")))


@dataclass
class _Failure:
    violation: Violation
    exchange: Exchange
    retry: Callable[[FuzzCase], Awaitable[Exchange]]  # re-sends a candidate the same way
    context: str | None = None


class Campaign:
    def __init__(
        self,
        agent: AgentHandle,
        settings: FuzzSettings,
        *,
        peer: AgentHandle | None = None,
        operations: Iterable[str] | None = None,
        with_ids: bool = True,
        with_chains: bool = True,
    ) -> None:
        """`operations` narrows the campaign to some operations (each one's cases do not depend
        on the others', so a narrowed campaign sends exactly what the full one sends for them);
        the fuzzed ids and the link chains come on top when asked for."""
        profile = agent.profile
        self.agent = agent
        self.settings = settings
        self.pins = Pins(
            profile.base_url, peer.account.user_uri if peer is not None else None, param_context(agent, profile).agent_address, profile.deployment
        )
        self.provisioner = Provisioner(agent, self.pins)
        self.executor = Executor(agent, self.provisioner, self.pins)
        self.stats = Stats()
        wanted = set(operations) if operations is not None else None
        declared = []
        for op in OPERATIONS:
            if op.feature is not None and not profile.declares(op.feature):
                self.stats.skipped[op.name] = f"feature {op.feature!r} not declared"
            elif lacks := self.pins.lacks(op):
                self.stats.skipped[op.name] = lacks
            else:
                declared.append(op)
        self.ops = [op for op in declared if wanted is None or op.name in wanted]
        self.chains = [chain for chain in CHAINS if with_chains and all(step.operation in {op.name for op in declared} for step in chain.steps)]
        self.stats.operations = [op.name for op in self.ops]
        self.with_ids = with_ids
        self.failures: dict[str, list[_Failure]] = {}
        self.totals: dict[str, int] = {}

    # -- bookkeeping ----------------------------------------------------------------------

    def _plain_retry(self, requirement: str) -> Callable[[FuzzCase], Awaitable[Exchange]]:
        watch = requirement == UNCHANGED

        async def retry(case: FuzzCase) -> Exchange:
            return await self.executor.run(case, watch=watch)

        return retry

    # -- running --------------------------------------------------------------------------

    async def run(self) -> FuzzRun:
        with private_recorder():  # thousands of exchanges: no check's evidence
            return await self._run()

    async def _run(self) -> FuzzRun:
        started = time.monotonic()
        deadline = started + self.settings.time_budget
        chained = [operation(step.operation) for chain in self.chains for step in chain.steps]
        abandoned = threading.Event()
        try:
            plan = await asyncio.to_thread(build_plan, self.ops, chained, self.settings, abandoned)
        finally:
            abandoned.set()  # cancelled (the run is stopping): the drawing thread ends soon too
        self.stats.generation_seconds = time.monotonic() - started
        # The link chains first: a few requests, and the only stimulus of FUZZ-STATEFUL-01, which a
        # budget spent on single operations against a slow target would otherwise leave unsent.
        await self._walk_chains(plan, deadline)
        for op in self.ops:
            await self._fuzz_operation(op, plan.cases[op.name], deadline)
        if self.with_ids:
            await self._fuzz_ids(plan.ids, deadline)
        await self._attribute_notifications()
        findings = await self._reduce(max(deadline, time.monotonic()) + REDUCTION_GRACE_S)
        self.stats.fuzzed_requests = self.executor.fuzzed
        self.stats.harness_requests = self.provisioner.requests
        self.stats.seconds = time.monotonic() - started
        return FuzzRun(self.settings, self.stats, findings, Counter(self.totals))

    async def _why_blocked(self, blocked: Blocked) -> str:
        """What stopped a part of the campaign; first of all that the target answers nothing any
        more, when a step failed because it died (whichever step happened to notice)."""
        why = f"{blocked.step}: {blocked.reason}"
        if blocked.step != STOPPED_ANSWERING:
            silent = await self.executor.silence()
            if silent is not None:
                return f"{STOPPED_ANSWERING} (GET /api/v2/me: {silent}); {why}"
        return why

    def _out_of_time(self, deadline: float) -> bool:
        if time.monotonic() >= deadline:
            self.stats.budget_exhausted = True
        return self.stats.budget_exhausted

    async def _fuzz_operation(self, op: FuzzedOperation, cases: list[FuzzCase], deadline: float) -> None:
        for case in cases:
            if self._out_of_time(deadline):
                return
            try:
                exchange = await self.executor.run(case)
            except Blocked as blocked:
                self.stats.blocked[op.name] = await self._why_blocked(blocked)
                return
            self.stats.cases[case.stream.value] += 1
            for violation in exchange.violations:
                self._record_one(violation, exchange)

    def _record_one(
        self, violation: Violation, exchange: Exchange, context: str | None = None, retry: Callable[[FuzzCase], Awaitable[Exchange]] | None = None
    ) -> None:
        self.totals[violation.requirement] = self.totals.get(violation.requirement, 0) + 1
        kept = self.failures.setdefault(violation.requirement, [])
        if len(kept) < MAX_KEPT_PER_REQUIREMENT:
            kept.append(_Failure(violation, exchange, retry or self._plain_retry(violation.requirement), context))

    async def _fuzz_ids(self, ids: list[str], deadline: float) -> None:
        known = {str(email.get("id")) for d in self.agent.inbox.all() if (email := email_of(d)) is not None}
        accept = operation("Accept")
        for email_id in ids:
            if email_id in known:
                continue
            for case in (
                FuzzCase(accept, Stream.IDS, None, f"GET of the fuzzed id {email_id!r}", method="GET", email_id=email_id),
                FuzzCase(accept, Stream.IDS, {"operationName": "Accept"}, f"Accept on the fuzzed id {email_id!r}", email_id=email_id),
            ):
                if self._out_of_time(deadline):
                    return
                try:
                    exchange = await self.executor.run(case)
                except Blocked as blocked:
                    self.stats.blocked["fuzzed ids"] = await self._why_blocked(blocked)
                    return
                self.stats.cases[case.stream.value] += 1
                for violation in exchange.violations:
                    self._record_one(violation, exchange)

    async def _walk_chains(self, plan: Plan, deadline: float) -> None:
        runner = ChainRunner(self.executor)
        per_chain = max(1, self.settings.examples // 3)
        for chain in self.chains:
            names = [step.operation for step in chain.steps]
            for number in range(per_chain):
                if self._out_of_time(deadline):
                    return
                bodies = [plan.positive[name][(number + i) % len(plan.positive[name])] for i, name in enumerate(names)]
                try:
                    walked = await runner.run(chain, bodies)
                except Blocked as blocked:
                    self.stats.blocked[chain.name] = await self._why_blocked(blocked)
                    return
                self.stats.chains += 1
                for index, step in enumerate(walked.steps):
                    retry = self._chain_retry(runner, chain, bodies[:index])
                    for violation in step.exchange.violations:
                        self._record_one(violation, step.exchange, walked.describe(), retry)
                if walked.failed is not None:
                    break  # the next walks of this chain would most likely fail the same way

    def _chain_retry(self, runner: ChainRunner, chain: Chain, before: list[Any]) -> Callable[[FuzzCase], Awaitable[Exchange]]:
        async def retry(case: FuzzCase) -> Exchange:
            walked = await runner.run(chain, [*before, case.body])
            last = walked.steps[-1]
            if len(walked.steps) == len(before) + 1:
                return last.exchange
            return dataclasses.replace(last.exchange, violations=[])  # failed earlier: not this finding

        return retry

    async def _attribute_notifications(self) -> None:
        """Wait the target's negative window once, then blame refusals that were followed by news."""
        resources = self.executor.resources
        owed = self.agent.owed
        if any(sent.refused for resource in resources for sent in resource.sent):
            # Returns at once when something arrives that the scan will blame anyway.
            window = self.agent.timing.negative_window()
            await owed.quiet(blamable(resources, owed.explains), window=window, since=self.agent.inbox.mark())
        for sent, delivery in refused_then_notified(resources, self.agent.inbox, owed.explains, self.executor.sent_marks):
            exchange: Exchange = sent.exchange
            violation = unexplained(delivery)
            exchange.violations.append(violation)
            self._record_one(violation, exchange)

    async def _reduce(self, deadline: float) -> dict[str, list[Finding]]:
        findings: dict[str, list[Finding]] = {}
        # One request often breaks several requirements (a 500 on valid data): shrink it once.
        shrunk: dict[int, tuple[Exchange, int]] = {}
        for requirement, failures in self.failures.items():
            reduced_operations: set[str] = set()
            for failure in failures:
                name = failure.exchange.case.op.name
                exchange, attempts = failure.exchange, 0
                if name not in reduced_operations and len(reduced_operations) < MAX_REDUCED_PER_REQUIREMENT:
                    reduced_operations.add(name)
                    exchange, attempts = await self._shrunk(failure, requirement, deadline, shrunk)
                violation = next((v for v in exchange.violations if v.requirement == requirement), failure.violation)
                findings.setdefault(requirement, []).append(Finding(violation, exchange, failure.exchange.case.label, attempts, failure.context))
        return findings

    async def _shrunk(self, failure: _Failure, requirement: str, deadline: float, shrunk: dict[int, tuple[Exchange, int]]) -> tuple[Exchange, int]:
        earlier = shrunk.get(id(failure.exchange))
        if earlier is not None and any(v.requirement == requirement for v in earlier[0].violations):
            return earlier
        # A chain retry walks every step before the failing one, notification waits included.
        attempts = CHAIN_REDUCTION_ATTEMPTS if failure.context else MAX_ATTEMPTS
        reducer = Reducer(failure.retry, self.executor.judgement, deadline, max_attempts=attempts)
        try:
            _, exchange = await reducer.reduce(failure.exchange.case, failure.exchange, requirement)
        except Blocked:
            exchange = failure.exchange
        shrunk[id(failure.exchange)] = (exchange, reducer.attempts)
        return exchange, reducer.attempts
