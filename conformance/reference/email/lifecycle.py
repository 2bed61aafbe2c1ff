"""Which operations an email allows in each state (the wire contract's capability table)."""

from __future__ import annotations

from conformance.reference.email.faults import EmailFault as F
from conformance.reference.email.variants import AnswerShape, ContentChoice
from conformance.reference.email.fault_effects import extra_capabilities, permitted_despite_state
from conformance.reference.email.model import Email, EmailType, State

_USER_DATA = ("AttachUserData", "UpdateUserData", "DeleteUserData", "SetDisposition")

_CAPABILITIES: dict[tuple[State, EmailType], tuple[str, ...]] = {
    (State.INVITED, EmailType.INBOUND): ("Accept", "Reject"),
    (State.PROCESSING, EmailType.INBOUND): ("Reply", "ReplyAll", "Transfer", *_USER_DATA, "Complete"),
    (State.COMPOSING, EmailType.OUTBOUND): ("Save", "Send", "Cancel", *_USER_DATA),
}

# Not advertised as capabilities (docs/positions.md#capabilities), yet only meaningful on a draft.
_COMPOSING_ONLY = frozenset({"AddAttachment", "RemoveAttachment"})


def capabilities(email: Email, switches: frozenset[str]) -> tuple[str, ...]:
    """The operations valid on `email` now, as the server enforces them."""
    names = _CAPABILITIES.get((email.state, email.email_type), ())
    if ContentChoice.UPDATE_USER_DATA_UNSUPPORTED in switches:
        names = tuple(n for n in names if n != "UpdateUserData")
    if ContentChoice.MIXED_CAPABILITIES in switches and (email.state, email.email_type) == (State.PROCESSING, EmailType.INBOUND):
        names = (*names, "Save", "Send")  # the EmailResource sample's Processing email lists them
    return names


def advertised_capabilities(email: Email, switches: frozenset[str]) -> list[str]:
    """The `capabilities` field of the email resource."""
    if F.INVITE_WRONG_CAPABILITIES in switches and email.state is State.INVITED:
        return ["Accept"]
    advertised = list(capabilities(email, switches)) + extra_capabilities(email.state, switches)
    if AnswerShape.CAPABILITIES_REORDERED in switches:
        advertised.sort(reverse=True)
    return advertised


def permits(email: Email, operation: str, switches: frozenset[str]) -> bool:
    if permitted_despite_state(email.state, operation, switches):
        return True
    if operation == "RemoveAttachment" and ContentChoice.CAPABILITIES_CHECKED_FIRST in switches and not email.attachments:
        return False  # nothing to remove: refused as not valid now, before any parameter is read
    if operation in _COMPOSING_ONLY:
        return email.state is State.COMPOSING
    if email.state is State.PROCESSING and (
        (operation == "Accept" and F.ACCEPT_TWICE_ALLOWED in switches)
        or (operation == "Reject" and F.REJECT_AFTER_ACCEPT_ALLOWED in switches)
    ):
        return True
    return operation in capabilities(email, switches)
