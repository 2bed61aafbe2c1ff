"""What the fuzz-only fault switches do: bugs that hide in values no hand-written check sends.

Declared in `faults.py` (fuzz_only=True); each function here is called by a one-line hook
where the healthy server decides the behaviour, and does nothing unless its fault is on. The two
that shape refusals set fields of `EmailBehaviour`, read by `rest/answers.py`.
"""

from __future__ import annotations

from typing import Any

from conformance.reference.email.faults import EmailFault as F
from conformance.reference.email.errors import OperationError, StatusCode
from conformance.reference.email.model import Email, State
from conformance.reference.email.params import Params

SUBJECT_COLUMN = 255  # the faulty store's subject column


def _crash(what: str) -> OperationError:
    return OperationError(StatusCode.INTERNAL_ERROR, f"Internal error while storing {what}", http_status=500)


def save_lar_string_read_as_boolean(params: Params, switches: frozenset[str]) -> bool:
    """saveLAR "true"/"false" taken as given, read by truthiness ("false" counts as true)."""
    return F.FUZZ_SAVELAR_STRING_TRUTHY in switches and params.raw("saveLAR") in ("true", "false")


def queue_name(params: Params, switches: frozenset[str]) -> str | None:
    """Complete's queueName; a number is taken as its text under the fault."""
    value = params.raw("queueName")
    if F.FUZZ_QUEUENAME_NUMBER_ACCEPTED in switches and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return params.string("queueName", nonempty=True)


def check_subject_length(params: Params, switches: frozenset[str]) -> None:
    """Save and Send fail on a subject longer than the faulty store's column."""
    draft = params.raw("email")
    subject = draft.get("subject") if isinstance(draft, dict) else None
    if F.FUZZ_LONG_SUBJECT_500 in switches and isinstance(subject, str) and len(subject) > SUBJECT_COLUMN:
        raise _crash("the subject")


def check_user_data_keys(user_data: dict[str, Any], switches: frozenset[str]) -> None:
    """AttachUserData fails on a key that is not ASCII."""
    if F.FUZZ_NON_ASCII_KEY_500 in switches and not all(key.isascii() for key in user_data):
        raise _crash("a user data key")


def merge_scalar_pairs_first(email: Email, params: Params, switches: frozenset[str]) -> None:
    """AttachUserData stores the pairs it can before it validates the rest (and then refuses)."""
    pairs = params.raw("userData")
    if F.FUZZ_REFUSED_USERDATA_APPLIED in switches and isinstance(pairs, dict):
        email.user_data.update({k: v for k, v in pairs.items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)})


def state_after_save(email: Email, switches: frozenset[str]) -> None:
    """Save moves the draft out of Composing, so the Send that should follow is refused."""
    if F.FUZZ_SAVE_LEAVES_COMPOSING in switches:
        email.move_to(State.PROCESSING)
