"""A Hypothesis state machine that drives a target through generated sequences of operations.

Two agents receive invitations and operate on each other's and their own emails; the
lifecycle model predicts every answer and notification (conformance.steps.tracked). A
failing sequence is shrunk by Hypothesis; the CheckFailed raised from its last (minimal)
replay carries the numbered steps, worded for a person to replay against the target.
"""

from __future__ import annotations

import os
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.errors import Flaky, InvalidDefinition
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, multiple, rule, run_state_machine_as_test

from conformance.deployment import Deployment
from conformance.errors import Blocked, CheckFailed
from conformance.oracle import Coverage, State, create_params, declared
from conformance.steps.preconditions import require_accepted
from conformance.steps.requests import send_create
from conformance.steps.tracked import Tracked, perform, step_failed
from conformance.target import AgentHandle, invite
from conformance.verify.lifecycle import advertised, draft_created, new_email_notification

T = TypeVar("T")

# Small by default: each step is a real request to the target (and often a notification).
# A deeper exploration is one environment variable away (e.g. GWS_CONFORMANCE_SEQUENCES=200).
MAX_EXAMPLES = int(os.environ.get("GWS_CONFORMANCE_SEQUENCES", "8"))
STEPS_PER_EXAMPLE = int(os.environ.get("GWS_CONFORMANCE_SEQUENCE_STEPS", "10"))

# What one step does: its owner sends an operation the email advertises, or one it does not;
# the other agent sends any operation; or a new email comes (an invitation, a created draft).
ADVERTISED, NOT_ADVERTISED, BY_OTHER_AGENT = "advertised", "not advertised", "by the other agent"
NEW_INVITATION, NEW_DRAFT = "new invitation", "new draft"


class Runner(Protocol):
    """Awaits a coroutine on the harness loop, returning its result (SuitePlugin.run)."""

    def __call__(self, coro: Coroutine[Any, Any, T], /) -> T: ...


@dataclass
class Drive:
    """What the machine needs from the run: the agents, a way to await on its loop."""

    run: Runner
    agents: tuple[AgentHandle, AgentHandle]
    coverage: Coverage
    operations: list[str]
    blocked: Blocked | None = None  # a precondition failed: the remaining steps are skipped
    examples: int = 0
    steps_run: int = 0

    def other(self, agent: AgentHandle) -> AgentHandle:
        return self.agents[1] if agent is self.agents[0] else self.agents[0]


def machine_for(drive: Drive) -> type[RuleBasedStateMachine]:
    """The state machine class over `drive` (Hypothesis instantiates it once per example)."""

    # One rule whose argument picks the action, so that operating on emails (the point) is drawn
    # more often than making new ones. Hypothesis tries the simplest sequence first and shrinks
    # towards it: the owner of the first invitation sends the first operation it does not
    # advertise (Complete), the most basic probe of the capabilities contract.
    actions = [NOT_ADVERTISED, ADVERTISED, ADVERTISED, BY_OTHER_AGENT, NEW_INVITATION]
    deployment = drive.agents[0].profile.deployment
    if drive.agents[0].profile.declares("create") and deployment.outbound_queue is not None:
        actions.append(NEW_DRAFT)

    class LifecycleMachine(RuleBasedStateMachine):
        emails = Bundle("emails")

        def __init__(self) -> None:
            super().__init__()
            self.steps: list[str] = []
            drive.examples += 1

        def _do(self, description: str, coro: Coroutine[Any, Any, T]) -> T | None:
            """Run one step; None when the run is blocked."""
            if drive.blocked is not None:
                coro.close()
                return None
            self.steps.append(description)
            drive.steps_run += 1
            try:
                return drive.run(coro)
            except Blocked as blocked:
                drive.blocked = blocked
                return None
            except CheckFailed as failed:
                raise step_failed(failed, self.steps) from None

        def _label(self) -> str:
            return f"E{sum(1 for s in self.steps if ' -> E' in s) + 1}"

        def _inject(self, agent: AgentHandle) -> Any:
            label = self._label()
            email = self._do(f"inject an email addressed to {agent.label} -> {label}", _invited(agent, label))
            return multiple() if email is None else email

        def _create(self, agent: AgentHandle) -> Any:
            label = self._label()
            email = self._do(f"{agent.label} sends Create -> {label}, a draft", _created(agent, label))
            return multiple() if email is None else email

        @initialize(target=emails)
        def first_invitation(self) -> Any:
            return self._inject(drive.agents[0])

        @rule(target=emails, email=emails, action=st.sampled_from(actions), pick=st.integers(min_value=0, max_value=15))
        def step(self, email: Tracked, action: str, pick: int) -> Any:
            if action == NEW_INVITATION:
                return self._inject(drive.agents[pick % 2])
            if action == NEW_DRAFT:
                return self._create(drive.agents[pick % 2])
            owner = email.owner or drive.agents[0]
            agent = drive.other(owner) if action == BY_OTHER_AGENT else owner
            if agent.label in email.unpredictable_for:
                return multiple()  # the target may have offered it to this agent: not predictable
            candidates = _candidates(action, email, [op for op in drive.operations if op != "AddAttachment" or deployment.has_free_document(email.attached)])
            operation = candidates[pick % len(candidates)]
            label = self._label()
            description = f"{agent.label} sends {operation} on {email.describe()}"
            created = self._do(description, perform(agent, email, operation, peer=drive.other(agent), coverage=drive.coverage, what=description))
            if created is None:
                return multiple()
            created.label = label
            self.steps[-1] += f" -> {label}, a reply draft"
            return created

    return LifecycleMachine


def _candidates(action: str, email: Tracked, operations: list[str]) -> list[str]:
    """The operations `action` picks from, in the model's order (never empty)."""
    if action == ADVERTISED:
        chosen = [op for op in operations if op in email.capabilities]
    elif action == NOT_ADVERTISED:
        chosen = [op for op in operations if op not in email.capabilities]
    else:
        chosen = operations
    return chosen or operations


async def _invited(agent: AgentHandle, label: str) -> Tracked:
    invitation = await invite(agent)
    return Tracked(invitation.id, agent, State.INVITED, advertised(invitation.delivery), label)


async def _created(agent: AgentHandle, label: str) -> Tracked:
    sent = await send_create(agent, **create_params(agent.profile.base_url, agent.profile.deployment))
    require_accepted(sent.reply, "Create")
    delivery = await new_email_notification(sent, what="Create")
    draft_created(delivery, agent.profile.features, after="Create")
    return Tracked(delivery.data["email"]["id"], agent, State.COMPOSING, advertised(delivery), label)


def explore(drive: Drive, *, max_examples: int = MAX_EXAMPLES, steps: int = STEPS_PER_EXAMPLE) -> None:
    """Run the generated sequences; raises the (shrunk) CheckFailed, or Blocked."""
    try:
        _run_machine(drive, max_examples, steps)
    except (InvalidDefinition, Flaky):
        # A first invitation that was blocked leaves no email for any rule; a step blocked midway
        # (the deployment sent an email elsewhere) makes a replay draw differently, which
        # Hypothesis calls flaky. Either way the block is the verdict.
        if drive.blocked is None:
            raise
    if drive.blocked is not None:
        raise drive.blocked


def _run_machine(drive: Drive, max_examples: int, steps: int) -> None:
    run_state_machine_as_test(
        machine_for(drive),
        settings=settings(
            max_examples=max_examples,
            stateful_step_count=steps,
            derandomize=True,
            database=None,
            deadline=None,
            print_blob=False,
            report_multiple_bugs=False,
            suppress_health_check=list(HealthCheck),
            phases=(Phase.explicit, Phase.generate, Phase.shrink),
        ),
    )


def judged_operations(features: frozenset[str], deployment: Deployment) -> list[str]:
    """The operations the machine draws from, in the order Hypothesis shrinks towards: those
    declared whose queues and documents the profile names."""
    lacking = set()
    if deployment.outbound_queue is None:
        lacking |= {"Send", "Reply", "ReplyAll"}  # queueName, queueUri
    if not deployment.document_ids:
        lacking.add("AddAttachment")
    if deployment.parking_queue is None:
        lacking.add("Transfer")  # by queueName whenever an agent has no user_uri
    return [op.name for op in declared(features) if op.name not in lacking]
