"""Bugs that hide in values no hand-written check sends, as the fuzz-only faults (`faults.py`,
fuzz_only=True) switch them on through `EmailBehaviour` fields.

Each function here is called where the healthy server decides the behaviour and does nothing
unless its field says otherwise. The two that shape refusals are read by `rest/answers.py`.
"""

from __future__ import annotations

from typing import Any

from conformance.reference.email.behaviour import EmailBehaviour
from conformance.reference.email.errors import OperationError, StatusCode
from conformance.reference.email.model import Email, State
from conformance.reference.email.params import Params


def _crash(what: str) -> OperationError:
    return OperationError(StatusCode.INTERNAL_ERROR, f"Internal error while storing {what}", http_status=500)


def save_lar_string_read_as_boolean(params: Params, behaviour: EmailBehaviour) -> bool:
    """saveLAR "true"/"false" taken as given, read by truthiness ("false" counts as true)."""
    return behaviour.accept_reads_save_lar_strings and params.raw("saveLAR") in ("true", "false")


def queue_name(params: Params, behaviour: EmailBehaviour) -> str | None:
    """Complete's queueName; a number is taken as its text when the behaviour says so."""
    value = params.raw("queueName")
    if behaviour.complete_takes_number_as_queue_name and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return params.string("queueName", nonempty=True)


def check_subject_length(params: Params, behaviour: EmailBehaviour) -> None:
    """Save and Send fail on a subject longer than the store's column, when it has a limit."""
    limit = behaviour.stored_subject_max_length
    draft = params.raw("email")
    subject = draft.get("subject") if isinstance(draft, dict) else None
    if limit is not None and isinstance(subject, str) and len(subject) > limit:
        raise _crash("the subject")


def check_user_data_keys(user_data: dict[str, Any], behaviour: EmailBehaviour) -> None:
    """AttachUserData fails on a key that is not ASCII."""
    if behaviour.non_ascii_user_data_key_crashes and not all(key.isascii() for key in user_data):
        raise _crash("a user data key")


def merge_scalar_pairs_first(email: Email, params: Params, behaviour: EmailBehaviour) -> None:
    """AttachUserData stores the pairs it can before it validates the rest (and then refuses)."""
    pairs = params.raw("userData")
    if behaviour.attach_user_data_stores_scalars_before_validating and isinstance(pairs, dict):
        email.user_data.update({k: v for k, v in pairs.items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)})


def state_after_save(email: Email, behaviour: EmailBehaviour) -> None:
    """Save moves the draft out of Composing, so the Send that should follow is refused."""
    if not behaviour.save_keeps_draft_composing:
        email.move_to(State.PROCESSING)
