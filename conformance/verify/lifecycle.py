"""Judging notifications and refusals against the executable lifecycle model."""

from __future__ import annotations

from conformance.clients.bayeux.inbox import Delivery, Predicate
from conformance.errors import CheckFailed
from conformance.evidence import current_recorder
from conformance.oracle import OPERATIONS, State, judge_capabilities, wire_name
from conformance.target import AgentHandle
from conformance.target.agent import EMAILS_CHANNEL
from conformance.target.owed import email_of, reference_id_of
from conformance.target.sent import Sent
from conformance.verify.notifications import EMAIL_MESSAGE_TYPE, listened_throughout, no_notification_about
from conformance.verify.resources import email_field, email_resource, fetched_state


def advertised(delivery: Delivery) -> list[str]:
    """The capabilities of a notification's email; CheckFailed unless an array of strings."""
    capabilities = email_resource(delivery).get("capabilities")
    if not isinstance(capabilities, list) or not all(isinstance(c, str) for c in capabilities):
        raise CheckFailed("email.capabilities is not an array of strings", expected="array of operation names", observed=capabilities)
    return capabilities


def note_once(text: str) -> None:
    """An INFO note of the model in the current check's evidence, not repeated."""
    recorder = current_recorder()
    if not any(event.kind == "note" and event.summary == text for event in recorder.events):
        recorder.note("model", text)


def capabilities_match(delivery: Delivery, state: State, features: frozenset[str], *, after: str) -> None:
    """The advertised set holds what the model requires in `state` and nothing it forbids."""
    names = advertised(delivery)
    judgement = judge_capabilities(state, names, features)
    if judgement.not_judged:
        note_once(f"not judged (no documented parameters, or feature not declared): {', '.join(judgement.not_judged)} advertised in {state.value}")
    if judgement.ok:
        return
    problems = []
    if judgement.missing:
        problems.append(f"lack {', '.join(judgement.missing)}")
    if judgement.unexpected:
        problems.append(f"offer {', '.join(judgement.unexpected)}")
    raise CheckFailed(
        f"after {after} the capabilities in state {state.value} {' and '.join(problems)}",
        expected={"state": state.value, "must include": judgement.missing or "(all present)", "must not include": judgement.unexpected or "(none present)"},
        observed=names,
    )


def state_is(delivery: Delivery, state: State) -> None:
    """email.state is the model's `state` (not asserted for ENDED: undocumented, docs/positions.md#states)."""
    name = wire_name(state)
    if name is not None:
        email_field(delivery, "email.state", name)


def transition(delivery: Delivery, before: State, operation: str, features: frozenset[str]) -> State:
    """The notification of `operation` in `before`: its messageType and notificationType, the
    model's next state and the capabilities of that state. Returns the next state."""
    op = OPERATIONS[operation]
    email_field(delivery, "messageType", EMAIL_MESSAGE_TYPE)
    email_field(delivery, "notificationType", op.notification)
    after = op.after(before)
    state_is(delivery, after)
    capabilities_match(delivery, after, features, after=operation)
    return after


def draft_created(delivery: Delivery, features: frozenset[str], *, after: str) -> None:
    """A StatusChange describing a new outbound email in Composing with a draft's capabilities."""
    email_field(delivery, "notificationType", "StatusChange")
    state_is(delivery, State.COMPOSING)
    capabilities_match(delivery, State.COMPOSING, features, after=after)


def _known_ids(agent: AgentHandle, since: int) -> set[str]:
    known = set()
    for delivery in agent.inbox.all()[:since]:
        email = email_of(delivery)
        if email is not None and isinstance(email.get("id"), str):
            known.add(email["id"])
    return known


def caused_new_email(sent: Sent) -> Predicate:
    """Predicate: the notification of the new email `sent` (Create, Reply, ReplyAll) caused."""
    return _new_email(sent, _known_ids(sent.agent, sent.since), sent.email_id)


def _new_email(sent: Sent, known: set[str], parent_id: str | None) -> Predicate:
    """Predicate: a notification about an email not seen before `sent`, caused by `sent`.

    Caused by: the answer's referenceId when it has one; else (docs/positions.md#reference-id:
    correlate by email id, notificationType and timing) the first email new on the stream after
    the request that is not an invitation. parentId is not used: no resource sample shows it
    (docs/positions.md#reply-link-and-addresses).
    """
    reference_id = reference_id_of(sent.reply)

    def matches(delivery: Delivery) -> bool:
        email = email_of(delivery)
        if email is None or email.get("id") in known or email.get("id") == parent_id:
            return False
        if reference_id is not None:
            return isinstance(delivery.data, dict) and delivery.data.get("referenceId") == reference_id
        return email.get("state") != State.INVITED.value

    return matches


async def new_email_notification(sent: Sent, *, what: str) -> Delivery:
    """The notification, on /v2/me/emails, of the new email `sent` created (Reply, ReplyAll, Create)."""
    agent = sent.agent
    timeout = agent.profile.timeouts.notification
    # When the timeout already ran out once (sent.new_email_overdue), only what arrived meanwhile counts.
    delivery = await agent.inbox.wait_for(caused_new_email(sent), timeout=0.0 if sent.new_email_overdue else timeout, since=sent.since)
    if delivery is None:
        raise CheckFailed(
            f"no notification of a new email reached {agent.label} within {timeout:g} s after {what}",
            expected=f"an EmailStateChangeMessage on {EMAILS_CHANNEL} describing a new email",
            observed=[d.message for d in agent.inbox.since(sent.since)][:5],
        )
    agent.timing.observe_latency(max(0.0, delivery.received - sent.reply.started - sent.reply.elapsed))
    if delivery.channel != EMAILS_CHANNEL:
        raise CheckFailed(f"the notification of {what} arrived on {delivery.channel}, not {EMAILS_CHANNEL}", expected=EMAILS_CHANNEL, observed=delivery.message)
    return delivery


async def no_new_email(sent: Sent, *, what: str) -> None:
    """No notification of a new draft reaches the sender within the target's negative window, but
    those of the agent's accepted requests (awaited first)."""
    agent, parent_id = sent.agent, sent.email_id
    window = agent.timing.negative_window()
    known = _known_ids(agent, sent.since)

    def new_draft(delivery: Delivery) -> bool:
        email = email_of(delivery)
        return email is not None and email.get("id") not in known and email.get("id") != parent_id and email.get("state") == State.COMPOSING.value

    # Any new email counts, whoever's. While this watches, no check running beside it sends a
    # request that creates one (steps/requests.py sends those under the same lock), and the
    # emails those sent before created are explained by their requests.
    async with agent.creating:
        offending = await agent.owed.quiet(new_draft, window=window, since=sent.since)
    if offending is not None:
        raise CheckFailed(f"{what} must create nothing, yet {agent.label} was notified of a new email", expected=f"no new email within {window:.2f} s", observed=offending.message)
    listened_throughout(agent.bayeux, agent.label, what)


async def unchanged(agent: AgentHandle, email_id: str, *, state: State, since: int, what: str, errors: bool = False) -> None:
    """After refused requests: no notification about the email (Errors telling the refusals
    aside, unless `errors`), and GET shows it still in `state`."""
    await no_notification_about(agent, email_id, since=since, what=what, errors=errors)
    fetched_state(await agent.rest.get_email(email_id), email_id, state.value, after=what)
