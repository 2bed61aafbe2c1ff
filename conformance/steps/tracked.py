"""Emails the lifecycle model tracks: a fresh one in a given state, and an operation performed
on one, judged by what the model predicts follows.

The model predicts, from the email's state and advertised capabilities, whether the request
must be accepted or refused, and for an accepted one the notification it must cause. Every
step is recorded in the run's transition coverage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conformance.errors import CheckFailed
from conformance.evidence import current_recorder
from conformance.oracle import OPERATIONS, Coverage, Expected, State, Step, expected_outcome, valid_params
from conformance.oracle.params import USER_DATA
from conformance.steps.reach import email_in
from conformance.steps.requests import param_context, send
from conformance.target import AgentHandle
from conformance.verify.answers import success_answer
from conformance.verify.lifecycle import advertised, draft_created, new_email_notification, transition
from conformance.verify.notifications import email_notification, offered_to
from conformance.verify.refusal import refusal


@dataclass
class Tracked:
    """An email as the model believes it is: whose, in which state, advertising what."""

    id: str
    owner: AgentHandle | None  # None: it left every agent the model drives
    state: State
    capabilities: list[str]
    label: str = "E"
    attached: list[str] = field(default_factory=list)
    user_data_keys: list[str] = field(default_factory=list)
    # Agents whose requests the model cannot predict: after Reject the target offers the
    # email to some other Ready agent, which may be one of ours.
    unpredictable_for: set[str] = field(default_factory=set)

    def describe(self) -> str:
        owner = self.owner.label if self.owner is not None else "nobody"
        return f"{self.label} ({self.state.value}, {owner}'s, advertising {self.capabilities})"


async def perform(
    actor: AgentHandle,
    email: Tracked,
    operation: str,
    *,
    peer: AgentHandle | None,
    coverage: Coverage,
    what: str,
) -> Tracked | None:
    """`actor` sends `operation` on `email` with valid parameters; judge the answer and, when the
    model expects success, the notification; update `email` as the notification shows it.
    Returns the new draft of an accepted Reply or ReplyAll.

    `peer` is the other agent: Transfer goes to it by userUri when the profile names one.
    """
    op = OPERATIONS[operation]
    features = actor.profile.features
    by_owner = email.owner is actor
    expected = expected_outcome(email.state, op, email.capabilities) if by_owner else Expected.REFUSED
    if operation == "RemoveAttachment" and not email.attached:
        expected = Expected.REFUSED  # nothing to remove: the model sends a documentId never attached
    ctx = param_context(actor, actor.profile, peer=peer, attached=tuple(email.attached), user_data_keys=tuple(email.user_data_keys))
    params = valid_params(operation, ctx)
    peer_mark = peer.inbox.mark() if peer is not None else 0
    before = email.state
    sent = await send(actor, email.id, operation, **params)
    step = Step(before, operation, expected, by_owner)
    coverage.record(step)
    current_recorder().note("model", f"{what}: {step.label()}")
    if expected is Expected.REFUSED:
        await refusal(sent, what=what)
        return None
    success_answer(sent.reply, what)
    if op.creates_draft:
        delivery = await new_email_notification(sent, what=what)
        draft_created(delivery, features, after=what)
        return Tracked(delivery.data["email"]["id"], actor, State.COMPOSING, advertised(delivery))
    delivery = await email_notification(sent, what=what)
    email.state = transition(delivery, before, operation, features)
    email.capabilities = advertised(delivery)
    _remember(email, operation, params)
    if operation == "Transfer" and "userUri" in params and peer is not None:
        invitation = await offered_to(peer, email.id, since=peer_mark, what=f"{what} (to {peer.label})")
        email.owner, email.state, email.capabilities = peer, State.INVITED, advertised(invitation)
    elif operation == "Reject":
        email.owner = None
        email.unpredictable_for = {peer.label} if peer is not None else set()
    elif email.state is State.ENDED:
        email.owner = None
    return None


async def fresh(agent: AgentHandle, state: State, *, label: str = "E") -> Tracked:
    """A new email of `agent` in `state`, as the model tracks it (BLOCKED if a step to get there fails)."""
    email = await email_in(agent, state)
    return Tracked(email.id, agent, state, advertised(email.delivery), label)


def _remember(email: Tracked, operation: str, params: dict[str, Any]) -> None:
    """What later requests on `email` need to know about its content."""
    if operation == "AddAttachment":
        email.attached.append(params["documentId"])
    elif operation == "RemoveAttachment":
        email.attached.remove(params["documentId"])
    elif operation == "AttachUserData":
        email.user_data_keys = [*dict.fromkeys([*email.user_data_keys, *USER_DATA])]
    elif operation == "DeleteUserData":
        email.user_data_keys = [k for k in email.user_data_keys if k not in params["keys"]]


def step_failed(failure: CheckFailed, steps: list[str]) -> CheckFailed:
    """`failure` with the numbered steps that led to it, for a person to replay."""
    replay = "\n".join(f"  {n}. {s}" for n, s in enumerate(steps, 1))
    return CheckFailed(f"{failure.message}\nsteps to replay:\n{replay}", expected=failure.expected, observed={"steps": steps, "observed": failure.observed})
