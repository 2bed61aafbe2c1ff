"""The invariants of an agent's email notification stream (NOTIF-STREAM-*), as pure rules over
what a StreamWatch recorded: each returns the violations it finds, none raises.

Error notifications tell of a refused request, not of a change: the duplicate, lifecycle and
ownership rules leave them out; the referenceId and schema rules judge them too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from conformance import schemas
from conformance.email_resource import email_in
from conformance.oracle import OPERATIONS, State
from conformance.target.stream_watch import Request, Seen, StreamWatch

EMAIL_MESSAGE_TYPE = "EmailStateChangeMessage"
_WIRE_STATES = {state.value: state for state in State if state is not State.ENDED}
# Where an email may enter an agent's stream: offered to it, or a new draft.
_ENTRY_STATES = (State.INVITED, State.COMPOSING)
_RELEASING = ("Reject", "Transfer")  # after these, an email is no longer its agent's


@dataclass(frozen=True)
class Violation:
    rule: str
    agent: str
    check: str  # the check that was running when the notification arrived
    reason: str
    message: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"agent": self.agent, "check": self.check, "reason": self.reason, "notification": self.message}


def _violation(rule: str, watch: StreamWatch, seen: Seen, reason: str) -> Violation:
    return Violation(rule, watch.label, seen.check, reason, seen.delivery.message)


def _data(seen: Seen) -> dict[str, Any]:
    data = seen.delivery.data
    return data if isinstance(data, dict) else {}


def _email(seen: Seen) -> dict[str, Any] | None:
    return email_in(seen.delivery.data)


def _email_id(seen: Seen) -> str | None:
    email = _email(seen)
    value = email.get("id") if email is not None else None
    return value if isinstance(value, str) else None


def _reference_id(seen: Seen) -> int | None:
    value = _data(seen).get("referenceId")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _is_error(seen: Seen) -> bool:
    return _data(seen).get("notificationType") == "Error"


def _changes(watch: StreamWatch) -> Iterator[tuple[Seen, str]]:
    """The state-change notifications (not Errors) naming an email, with its id."""
    for seen in watch.seen:
        email_id = _email_id(seen)
        if email_id is not None and not _is_error(seen):
            yield seen, email_id


def _canonical(seen: Seen) -> str:
    return json.dumps(seen.delivery.data, sort_keys=True, default=str)


# --- NOTIF-STREAM-01: each state change is notified once ------------------------------------


def duplicates(watch: StreamWatch) -> list[Violation]:
    """A notification whose data repeats, byte for byte, an earlier one of the same email:

    - with an integer referenceId, anywhere on the stream (one request, one change, told twice);
    - without one, right after it (nothing else about the email in between): an invitation
      repeated, or any other notification when the email has had more of them than the agent
      sent accepted requests on it (plus the one that created it, for a new draft). Two
      identical AttachUserData are two changes even when their notifications look the same,
      and a late notification is still counted against the request that caused it.
    """
    found: list[Violation] = []
    with_reference: set[str] = set()
    last: dict[str, str] = {}  # email id -> the data of its last notification
    solicited: dict[str, int] = {}  # email id -> notifications about it a request must explain
    created: dict[str, bool] = {}  # email id -> it entered the stream as a new draft, not invited
    for seen, email_id in _changes(watch):
        canonical = _canonical(seen)
        invitation = _data(seen).get("notificationType") == "StatusChange" and (_email(seen) or {}).get("state") == State.INVITED.value
        created.setdefault(email_id, not invitation)
        if not invitation:
            solicited[email_id] = solicited.get(email_id, 0) + 1
        repeated, last[email_id] = last.get(email_id) == canonical, canonical
        if _reference_id(seen) is not None:
            if canonical in with_reference:
                found.append(_violation("duplicate", watch, seen, f"delivered again: the same data (referenceId {_reference_id(seen)}) about email {email_id}"))
            with_reference.add(canonical)
            continue
        if not repeated:
            continue
        explained = _requests_before(watch.requests, email_id, seen.delivery.received) + created[email_id]
        if invitation or solicited[email_id] > explained:
            found.append(_violation("duplicate", watch, seen, f"delivered again: the same data about email {email_id}, with no request of the agent to explain it"))
    return found


def _requests_before(requests: list[Request], email_id: str, before: float) -> int:
    return sum(1 for r in requests if r.email_id == email_id and r.sent < before)


# --- NOTIF-STREAM-02: per email, the states follow the lifecycle model -----------------------


def lifecycle(watch: StreamWatch) -> list[Violation]:
    """Per email, each state the stream shows follows from the one before by the model.

    An email enters the stream Invited or Composing. When the notification's referenceId names
    an accepted request of this agent on that email, its operation must be valid in the state
    before and lead to the state shown; otherwise some operation valid there must. After an
    operation that ends the agent's email (Reject, Transfer, Send) the wire state is undocumented
    (docs/positions.md#states): anything may follow, and an email in a terminal or unknown state
    may be offered again (Invited).
    """
    by_reference = {r.reference_id: r for r in watch.requests if r.reference_id is not None}
    found: list[Violation] = []
    current: dict[str, State | None] = {}  # None: ended, or a state the model does not know
    last: dict[str, str] = {}  # email id -> the data of its last notification
    for seen, email_id in _changes(watch):
        canonical = _canonical(seen)
        repeated = _reference_id(seen) is not None and last.get(email_id) == canonical
        last[email_id] = canonical
        if repeated:
            continue  # the same change told twice: NOTIF-STREAM-01's finding, not a transition
        email = _email(seen) or {}
        state = email.get("state")
        shown = _WIRE_STATES.get(state) if isinstance(state, str) else None
        reference_id = _reference_id(seen)
        request = by_reference.get(reference_id) if reference_id is not None else None
        operation = request.operation if request is not None and request.email_id == email_id else None
        if email_id not in current:
            if shown not in _ENTRY_STATES:
                found.append(_violation("lifecycle", watch, seen, f"email {email_id} first appears in state {email.get('state')!r}, not Invited or Composing"))
            current[email_id] = shown
            continue
        before = current[email_id]
        reason, after = _step(before, shown, operation)
        if reason is not None:
            found.append(_violation("lifecycle", watch, seen, f"email {email_id}: {reason}"))
        current[email_id] = after
    return found


def _step(before: State | None, shown: State | None, operation: str | None) -> tuple[str | None, State | None]:
    """Why `before` -> `shown` breaks the model (None when it does not), and the state after."""
    if before is None or before in (State.COMPLETED, State.CANCELED) and shown is State.INVITED:
        return None, shown  # ended or unknown: undocumented; a finished email may be offered again
    if operation is not None and operation in OPERATIONS:
        op = OPERATIONS[operation]
        if before not in op.valid_in | op.optional_in:
            return f"{operation} notified in state {before.value}, where the model does not allow it (now {_name(shown)})", shown
        after = op.after(before)
        if after is State.ENDED:
            return None, None
        if shown is not after:
            # Judged on from the model's state: the request was accepted, so that is the email's.
            return f"{operation} leads from {before.value} to {after.value}, but the notification shows {_name(shown)}", after
        return None, shown
    if shown is before:
        return None, shown
    for op in OPERATIONS.values():
        if before in op.valid_in | op.optional_in and op.after(before) in (shown, State.ENDED):
            return None, shown if op.after(before) is shown else None
    return f"no operation of the model leads from {before.value} to {_name(shown)}", shown


def _name(state: State | None) -> str:
    return state.value if state is not None else "an unknown state"


# --- NOTIF-STREAM-03: referenceId, when present, is an integer -------------------------------


def reference_ids(watch: StreamWatch) -> list[Violation]:
    found = []
    for seen in watch.seen:
        data = _data(seen)
        if "referenceId" in data and _reference_id(seen) is None:
            found.append(_violation("referenceId", watch, seen, f"referenceId is {data['referenceId']!r}, not an integer"))
    return found


# --- NOTIF-STREAM-04: valid EmailStateChangeMessage with the right messageType ---------------


def shapes(watch: StreamWatch) -> list[Violation]:
    found = []
    for seen in watch.seen:
        data = seen.delivery.data
        message_type = data.get("messageType") if isinstance(data, dict) else None
        if message_type != EMAIL_MESSAGE_TYPE:
            found.append(_violation("schema", watch, seen, f"messageType is {message_type!r}, not {EMAIL_MESSAGE_TYPE!r}"))
            continue
        problems = [p for p in schemas.errors("email-state-change-message", data) if "referenceId" not in p]
        if problems:
            found.append(_violation("schema", watch, seen, f"not a valid {EMAIL_MESSAGE_TYPE}: {problems[0]}"))
    return found


# --- NOTIF-STREAM-05: no event names another agent's email ------------------------------------


def _addressed(email: dict[str, Any], address: str) -> bool:
    fields = [email.get("from")]
    for name in ("to", "cc"):
        value = email.get(name)
        fields.extend(value if isinstance(value, list) else [value])
    return any(isinstance(f, str) and address.lower() in f.lower() for f in fields)


def others_emails(watch: StreamWatch, other: StreamWatch) -> list[Violation]:
    """Notifications on `watch` about an email that is `other`'s alone: it entered other's
    stream (Invited or Composing) addressed neither from nor to this agent (the suite routes by
    address), and other never released it (an accepted Reject or Transfer)."""
    if watch.address is None:
        return []
    released = {r.email_id for r in other.requests if r.operation in _RELEASING}
    theirs: set[str] = set()
    entered: set[str] = set()
    for seen, email_id in _changes(other):
        if email_id in entered:
            continue
        entered.add(email_id)
        email = _email(seen) or {}
        if email.get("state") in (State.INVITED.value, State.COMPOSING.value) and not _addressed(email, watch.address):
            theirs.add(email_id)
    theirs -= released
    return [
        _violation("ownership", watch, seen, f"email {email_id} is {other.label}'s (offered or created there, never addressed to {watch.label} nor released)")
        for seen, email_id in _changes(watch)
        if email_id in theirs
    ]
