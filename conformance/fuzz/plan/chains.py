"""Stateful runs: operations chained as the OpenAPI links chain them, with fuzzed bodies.

Accept -> Complete follows the link CompleteAfterAccept; Save -> Send follows SendAfterSave
(whose `email` is the Save request's). Reply -> Save cannot be a link, since the draft's id
arrives only in the Reply notification (the document says so): the chain takes it from
there, as a client must. Every step must be accepted and notified in the state the next
step needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conformance.clients.bayeux.inbox import Delivery
from conformance.clients.outcome import Outcome, answer_outcome
from conformance.clients.rest import RestReply
from conformance.errors import HarnessError
from conformance.fuzz.plan import openapi
from conformance.fuzz.plan.cases import FuzzCase, Stream
from conformance.fuzz.run.execute import Exchange, Executor, email_path
from conformance.fuzz.judge.expectations import Expect, judge
from conformance.fuzz.judge.answer import STATEFUL, VALID, Violation, answer_violations
from conformance.fuzz.plan.operation_needs import Need, operation
from conformance.fuzz.plan.pinning import pin
from conformance.fuzz.run.provisioning import new_email_announcement
from conformance.target.owed import email_of, matched_email
from conformance.verify.error_shape import looks_like_error
from conformance.verify.notifications import caused_by


@dataclass(frozen=True)
class Step:
    operation: str
    link: str | None = None  # the OpenAPI link that leads here from the previous step
    announces_email: bool = False  # its notification announces a new email, the next steps act on it (Reply)
    then_state: str | None = None  # the state its notification must show (None: any)


@dataclass(frozen=True)
class Chain:
    name: str
    steps: tuple[Step, ...]
    features: tuple[str, ...] = ()


CHAINS = (
    Chain("Accept -> Complete", (Step("Accept", then_state="Processing"), Step("Complete", link="CompleteAfterAccept"))),
    Chain(
        "Accept -> Reply -> Save -> Send",
        (
            Step("Accept", then_state="Processing"),
            Step("Reply", announces_email=True, then_state="Composing"),
            Step("Save", then_state="Composing"),  # on the draft the Reply notification announced
            Step("Send", link="SendAfterSave"),
        ),
        features=("reply", "save-send"),
    ),
)


def _pointer(document: Any, pointer: str) -> Any:
    for token in pointer.strip("/").split("/") if pointer.strip("/") else ():
        token = token.replace("~1", "/").replace("~0", "~")
        document = document[int(token)] if isinstance(document, list) else document[token]
    return document


def _linked_value(expression: Any, previous_body: Any, previous_reply: RestReply | None) -> Any:
    """A link's runtime expression, evaluated on the previous step (constants stay)."""
    if not isinstance(expression, str) or not expression.startswith("$"):
        return expression
    source, _, pointer = expression.partition("#")
    if source == "$request.body":
        return _pointer(previous_body, pointer)
    if source == "$response.body" and previous_reply is not None:
        return _pointer(previous_reply.json, pointer)
    raise HarnessError(f"link expression {expression!r} is not supported by the fuzzer")


def _check_links() -> None:
    for chain in CHAINS:
        for step in chain.steps:
            if step.link is None:
                continue
            link = openapi.links().get(step.link)
            if link is None or link.get("requestBody", {}).get("operationName") != step.operation:
                raise HarnessError(f"chain {chain.name}: the OpenAPI document has no link {step.link} to {step.operation}")
            if link.get("parameters", {}).get("id") != "$request.path.id":
                raise HarnessError(f"chain {chain.name}: link {step.link} no longer keeps the email id")


@dataclass
class StepRun:
    step: Step
    exchange: Exchange


@dataclass
class ChainRun:
    chain: Chain
    bodies: list[Any]  # the generated body of each step, before links and pins
    steps: list[StepRun] = field(default_factory=list)

    @property
    def failed(self) -> StepRun | None:
        return next((s for s in self.steps if s.exchange.violations), None)

    def describe(self) -> str:
        done = " ".join(f"{s.step.operation}({'ok' if not s.exchange.violations else 'failed'})" for s in self.steps)
        return f"{self.chain.name}: {done}"


class ChainRunner:
    def __init__(self, executor: Executor) -> None:
        _check_links()
        self.executor = executor
        self.agent = executor.agent

    async def run(self, chain: Chain, bodies: list[Any]) -> ChainRun:
        """Walk `chain` on a fresh invitation, the i-th step sending bodies[i] (plus its link's values)."""
        run = ChainRun(chain, list(bodies))
        email_id = (await self.executor.provisioner.provide(Need.INVITED)).id
        assert email_id is not None
        previous_body: Any = None
        previous_reply: RestReply | None = None
        for step, generated in zip(chain.steps, bodies):
            op = operation(step.operation)
            case = FuzzCase(op, Stream.VALID, generated, f"{chain.name}, step {step.operation}")
            body = pin(case, generated, self.executor.pins, None)
            if step.link is not None:
                body = {**body, **{k: _linked_value(v, previous_body, previous_reply) for k, v in openapi.links()[step.link]["requestBody"].items()}}
            since = self.agent.inbox.mark()
            reply, event = await self.executor.send(case, body, email_path(email_id))
            judgement = judge(op, body)
            exchange = Exchange(case.with_body(body), body, judgement, Expect.ACCEPT, email_id, None, reply, event)
            exchange.violations = [_as_stateful(v, chain, step) for v in answer_violations(reply, Expect.ACCEPT)]
            step_run = StepRun(step, exchange)
            run.steps.append(step_run)
            if reply.error or answer_outcome(reply) is Outcome.REFUSED:
                return run  # an answer without the envelope may still have been taken: go on
            delivery = await self._notification(step, reply, email_id, since)
            problem = _notification_problem(step, delivery, self.agent.profile.timeouts.notification)
            if problem is not None:
                exchange.violations.append(Violation(STATEFUL, f"{chain.name}: {problem}", step.then_state or "a notification", delivery.message if delivery else None))
                return run
            assert delivery is not None  # _notification_problem reports a missing one
            if step.announces_email:
                email_id = matched_email(delivery)["id"]
            previous_body, previous_reply = body, reply
        return run

    async def _notification(self, step: Step, reply: RestReply, email_id: str, since: int) -> Delivery | None:
        timeout = self.agent.profile.timeouts.notification
        if step.announces_email:
            # Any state: a draft announced in the wrong one is a finding, not a missing notification.
            return await self.agent.inbox.wait_for(new_email_announcement(reply, {email_id}, state=None), timeout=timeout, since=since)
        return await self.agent.inbox.wait_for(caused_by(reply, email_id), timeout=timeout, since=since)


def _notification_problem(step: Step, delivery: Delivery | None, timeout: float) -> str | None:
    if delivery is None:
        return f"no notification after {step.operation} within {timeout:g} s"
    if looks_like_error(delivery):
        return f"{step.operation} was refused by an Error notification"
    state = (email_of(delivery) or {}).get("state")
    if step.then_state is not None and state != step.then_state:
        return f"after {step.operation} the email is {state!r}, not {step.then_state} as the next step needs"
    return None


def _as_stateful(violation: Violation, chain: Chain, step: Step) -> Violation:
    if violation.requirement != VALID:
        return violation
    return Violation(STATEFUL, f"{chain.name}: step {step.operation} was refused ({violation.message})", violation.expected, violation.observed)
