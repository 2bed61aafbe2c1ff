"""Which operations an email allows in each state (the wire contract's capability table)."""

from __future__ import annotations

from conformance.reference.email.behaviour import EmailBehaviour
from conformance.reference.email.model import Email, EmailType, State

_USER_DATA = ("AttachUserData", "UpdateUserData", "DeleteUserData", "SetDisposition")

_CAPABILITIES: dict[tuple[State, EmailType], tuple[str, ...]] = {
    (State.INVITED, EmailType.INBOUND): ("Accept", "Reject"),
    (State.PROCESSING, EmailType.INBOUND): ("Reply", "ReplyAll", "Transfer", *_USER_DATA, "Complete"),
    (State.COMPOSING, EmailType.OUTBOUND): ("Save", "Send", "Cancel", *_USER_DATA),
}

# Not advertised as capabilities (docs/positions.md#capabilities), yet only meaningful on a draft.
_COMPOSING_ONLY = frozenset({"AddAttachment", "RemoveAttachment"})


def capabilities(email: Email, behaviour: EmailBehaviour) -> tuple[str, ...]:
    """The operations valid on `email` now, as the server enforces them."""
    names = _CAPABILITIES.get((email.state, email.email_type), ())
    if not behaviour.update_user_data_supported:
        names = tuple(n for n in names if n != "UpdateUserData")
    if behaviour.processing_inbound_takes_save_and_send and (email.state, email.email_type) == (State.PROCESSING, EmailType.INBOUND):
        names = (*names, "Save", "Send")  # the EmailResource sample's Processing email lists them
    return names


def advertised_capabilities(email: Email, behaviour: EmailBehaviour) -> list[str]:
    """The `capabilities` field of the email resource."""
    if behaviour.invitations_advertise_accept_only and email.state is State.INVITED:
        return ["Accept"]
    refused = sorted(op for where, op in behaviour.advertised_despite_state if where is email.state)
    advertised = [*capabilities(email, behaviour), *refused]
    if behaviour.capabilities_reverse_alphabetical:
        advertised.sort(reverse=True)
    return advertised


def permits(email: Email, operation: str, behaviour: EmailBehaviour) -> bool:
    if (email.state, operation) in behaviour.taken_despite_state:
        return True
    if operation == "RemoveAttachment" and behaviour.remove_attachment_refused_when_nothing_attached and not email.attachments:
        return False  # nothing to remove: refused as not valid now, before any parameter is read
    if operation in _COMPOSING_ONLY:
        return email.state is State.COMPOSING
    return operation in capabilities(email, behaviour)
