"""Sending one fuzzed case on an email in the right state, and judging what came back."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from conformance.clients.bayeux.inbox import Delivery
from conformance.clients.outcome import Outcome, answer_outcome
from conformance.clients.rest import RestReply
from conformance.errors import Blocked
from conformance.evidence import Recorder, recording_into, use_recorder
from conformance.evidence.recorder import Event
from conformance.fuzz.plan.cases import FuzzCase, Stream
from conformance.fuzz.judge.expectations import Expect, Judgement, judge
from conformance.fuzz.plan.jsonvalue import Body, encode, has_lone_surrogate
from conformance.fuzz.judge.answer import UNCHANGED, Violation, answer_violations
from conformance.fuzz.plan.operation_needs import EMAILS_PATH, Need
from conformance.fuzz.plan.pinning import Pins, pin
from conformance.fuzz.run.provisioning import FuzzedRequest, Provisioner, Resource, announces_draft
from conformance.target import AgentHandle
from conformance.target.owed import reference_id_of
from conformance.target.sent import Sent
from conformance.verify.notifications import about_email
from conformance.verify.refusal import judged_outcome


@dataclass
class Exchange:
    """One fuzzed request as sent, its answer, and what it broke."""

    case: FuzzCase
    body: Body  # as sent, lookups pinned
    judgement: Judgement
    expect: Expect
    email_id: str | None
    state: str | None  # the state the email was in
    reply: RestReply
    event: Event | None  # the recorded exchange: curl and evidence come from it
    violations: list[Violation] = field(default_factory=list)
    outcome: Outcome = Outcome.UNKNOWN  # accepted or refused, an Error notification included


@contextlib.contextmanager
def private_recorder() -> Iterator[Recorder]:
    """Record into a throwaway recorder: a campaign's thousands of exchanges are no check's evidence."""
    recorder = Recorder("fuzz")
    previous = use_recorder(recorder)  # what the agents' shared sessions hear meanwhile
    try:
        with recording_into(recorder):  # what the campaign's own task sends and awaits
            yield recorder
    finally:
        use_recorder(previous)


def email_path(email_id: str) -> str:
    segment = quote(email_id, safe="")
    # "." and ".." would be resolved away by URL normalisation and address another resource.
    return f"{EMAILS_PATH}/{segment.replace('.', '%2E') if set(segment) <= {'.'} else segment}"


def _why(judgement: Judgement) -> str:
    return "; ".join(judgement.enforced[:3]) or "; ".join(judgement.tolerated[:3]) or "valid"


STOPPED_ANSWERING = "fuzz: the target stopped answering"


class Executor:
    def __init__(self, agent: AgentHandle, provisioner: Provisioner, pins: Pins) -> None:
        self.agent = agent
        self.provisioner = provisioner
        self.pins = pins
        self.pool: dict[Need, list[Resource]] = {}
        self.resources: list[Resource] = []  # every resource used, for the notification scan
        self.sent_marks: list[int] = []  # inbox marks of every fuzzed request, in order
        self.fuzzed = 0

    def judgement(self, case: FuzzCase) -> Judgement:
        """What `case`'s body is once its lookups are pinned (as `run` would send it)."""
        return judge(case.op, pin(case, case.body, self.pins, "gwsct-doc"))

    # -- resources ------------------------------------------------------------------------

    async def _take(self, need: Need) -> Resource:
        waiting = self.pool.get(need)
        if waiting:
            return waiting.pop()
        resource = await self.provisioner.provide(need)
        self.resources.append(resource)
        return resource

    def _give_back(self, resource: Resource) -> None:
        self.pool.setdefault(resource.need, []).append(resource)

    # -- sending --------------------------------------------------------------------------

    async def send(self, case: FuzzCase, body: Body, path: str) -> tuple[RestReply, Event | None]:
        with private_recorder() as recorder:
            if case.method == "GET":
                reply = await self.agent.rest.raw("GET", path)
            else:
                reply = await self.agent.rest.raw(
                    case.method, path, content=encode(body), headers={"Content-Type": case.media_type}, validate=case.stream is Stream.VALID
                )
        self.fuzzed += 1
        event = next((e for e in reversed(recorder.events) if e.kind == "http" and e.detail.get("url") == reply.url), None)
        if reply.error:
            await self._require_alive(reply)
        return reply, event

    async def _require_alive(self, reply: RestReply) -> None:
        """A fuzzed request left unanswered is a finding only while the target still answers;
        when it answers nothing more, whether the request broke it or it died cannot be told
        from outside: Blocked, naming the request."""
        silent = await self.silence()
        if silent is not None:
            raise Blocked(STOPPED_ANSWERING, f"{reply.method} {reply.url} got no answer ({reply.error}), nor did GET /api/v2/me after it ({silent})")

    async def silence(self) -> str | None:
        """Why GET /api/v2/me got no answer; None when the target still answers."""
        with private_recorder():
            probe = await self.agent.rest.get_me()
        return probe.error or None

    async def run(self, case: FuzzCase, *, watch: bool = False) -> Exchange:
        """Send `case` on a resource in the state its operation needs; `watch` waits the
        target's negative window after a refusal (the reducer's proof of a late notification)."""
        if case.stream is Stream.IDS:
            return await self._run_on_id(case)
        resource = await self._take(case.op.needs)
        body = pin(case, case.body, self.pins, resource.document_id, _attached(resource.snapshot))
        judgement = judge(case.op, body)
        expect = judgement.expect(case.stream is Stream.VALID and not has_lone_surrogate(body))
        known = self.provisioner.known_ids() if watch and resource.id is None else set()
        mark = self.agent.inbox.mark()
        self.sent_marks.append(mark)
        reply, event = await self.send(case, body, EMAILS_PATH if resource.id is None else email_path(resource.id))
        exchange = Exchange(case, body, judgement, expect, resource.id, case.op.needs.state, reply, event)
        taken = answer_outcome(reply)
        if taken is Outcome.ACCEPTED and expect is not Expect.EITHER:
            # Refused after all when an Error notification follows (verify.refusal); for
            # "either" requests nothing hangs on it, and the wait is saved.
            taken = (await judged_outcome(Sent(self.agent, resource.id, reply, mark))).outcome
        exchange.outcome = taken
        exchange.violations = answer_violations(reply, expect, why=_why(judgement), taken=taken)
        resource.sent.append(FuzzedRequest(mark, taken is Outcome.REFUSED, exchange))
        if resource.id is None:
            if taken is Outcome.REFUSED and watch:
                await self._watch(exchange, announces_draft(known), mark)
            self._give_back(resource)
        elif taken is Outcome.REFUSED:
            await self._after_refusal(resource, exchange, mark, watch)
        elif taken is Outcome.ACCEPTED:
            await self._after_success(resource, exchange)
        # UNKNOWN: what became of the email is anyone's guess; later cases get a fresh one.
        return exchange

    async def _watch(self, exchange: Exchange, predicate: Callable[[Delivery], bool], mark: int) -> None:
        delivery = await self.agent.owed.quiet(predicate, window=self.agent.timing.negative_window(), since=mark)
        if delivery is not None:
            exchange.violations.append(unexplained(delivery))

    async def _after_refusal(self, resource: Resource, exchange: Exchange, mark: int, watch: bool) -> None:
        assert resource.id is not None
        before = resource.snapshot
        await self.provisioner.snapshot(resource)
        if before is not None and resource.snapshot != before:
            changed = {k: {"before": before.get(k), "after": (resource.snapshot or {}).get(k)} for k in before if (resource.snapshot or {}).get(k) != before.get(k)}
            exchange.violations.append(
                Violation(UNCHANGED, f"the refused request changed the email: GET shows a different {', '.join(changed) or 'answer'}", "the same resource", changed or None)
            )
            return  # no longer in a known state: not reused
        if watch:
            await self._watch(exchange, about_email(resource.id, errors=False), mark)
        self._give_back(resource)

    async def _after_success(self, resource: Resource, exchange: Exchange) -> None:
        assert resource.id is not None
        if not exchange.case.op.keeps_state:
            return  # the email moved on; later cases get a fresh one
        if reference_id_of(exchange.reply) is None:
            # Without a referenceId, let this success's own notification in before the snapshot
            # and the next request on the email, so that what it changed is not taken for theirs.
            await self.agent.owed.settle()
        await self.provisioner.snapshot(resource)
        snapshot = resource.snapshot or {}
        if snapshot.get("state") != resource.need.state or (resource.document_id is not None and resource.document_id not in _attached(snapshot)):
            return
        if self.pins.deployment.document_ids and not self.pins.deployment.has_free_document(_attached(snapshot)):
            return  # it holds every document of the profile: AddAttachment could add none
        self._give_back(resource)

    async def _run_on_id(self, case: FuzzCase) -> Exchange:
        assert case.email_id is not None
        mark = self.agent.inbox.mark()
        self.sent_marks.append(mark)
        reply, event = await self.send(case, case.body, email_path(case.email_id))
        judgement = Judgement((), ())
        exchange = Exchange(case, case.body, judgement, Expect.EITHER, case.email_id, None, reply, event, outcome=answer_outcome(reply))
        answer_schema = "get-email-response" if case.method == "GET" else "response-envelope"
        exchange.violations = answer_violations(reply, Expect.EITHER, answer_schema=answer_schema)
        return exchange


def _attached(snapshot: dict[str, Any] | None) -> tuple[str, ...]:
    """The document ids an email's last GET showed attached."""
    attachments = (snapshot or {}).get("attachments")
    if not isinstance(attachments, list):
        return ()
    return tuple(a["id"] for a in attachments if isinstance(a, dict) and isinstance(a.get("id"), str))


def unexplained(delivery: Delivery) -> Violation:
    data = delivery.data if isinstance(delivery.data, dict) else {}
    return Violation(
        UNCHANGED,
        f"a notification ({data.get('notificationType')!r}) about the email followed the refused request",
        "no notification",
        delivery.message,
    )
