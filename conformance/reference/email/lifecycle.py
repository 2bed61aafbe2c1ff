"""Which operations an email allows in each state (the wire contract's capability table)."""

from __future__ import annotations

from conformance.reference.email import faults as F
from conformance.reference.email import variants as V
from conformance.reference.email.fault_effects import extra_capabilities, permitted_despite_state
from conformance.reference.email.model import Email, EmailType, State

_USER_DATA = ("AttachUserData", "UpdateUserData", "DeleteUserData", "SetDisposition")

_CAPABILITIES: dict[tuple[State, EmailType], tuple[str, ...]] = {
    (State.INVITED, EmailType.INBOUND): ("Accept", "Reject"),
    (State.PROCESSING, EmailType.INBOUND): ("Reply", "ReplyAll", "Transfer", *_USER_DATA, "Complete"),
    (State.COMPOSING, EmailType.OUTBOUND): ("Save", "Send", "Cancel", *_USER_DATA),
}

# Not advertised as capabilities (digest 2.4), yet only meaningful on a draft.
_COMPOSING_ONLY = frozenset({"AddAttachment", "RemoveAttachment"})


def capabilities(email: Email) -> tuple[str, ...]:
    """The operations valid on `email` now, as the server enforces them."""
    return _CAPABILITIES.get((email.state, email.email_type), ())


def advertised_capabilities(email: Email, switches: frozenset[str]) -> list[str]:
    """The `capabilities` field of the email resource."""
    if F.INVITE_WRONG_CAPABILITIES in switches and email.state is State.INVITED:
        return ["Accept"]
    advertised = list(capabilities(email)) + extra_capabilities(email.state, switches)
    if V.CAPABILITIES_REORDERED in switches:
        advertised.sort(reverse=True)
    return advertised


def permits(email: Email, operation: str, switches: frozenset[str]) -> bool:
    if permitted_despite_state(email.state, operation, switches):
        return True
    if operation in _COMPOSING_ONLY:
        return email.state is State.COMPOSING
    if email.state is State.PROCESSING and (
        (operation == "Accept" and F.ACCEPT_TWICE_ALLOWED in switches)
        or (operation == "Reject" and F.REJECT_AFTER_ACCEPT_ALLOWED in switches)
    ):
        return True
    return operation in capabilities(email)
