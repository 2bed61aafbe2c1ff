"""Judging the invitation notification itself (EMAIL-INVITE-01)."""

from __future__ import annotations

from conformance.errors import CheckFailed
from conformance.oracle.capabilities import required
from conformance.oracle.states import State
from conformance.target import Invitation
from conformance.target.invitation_shape import MESSAGE_TYPE, NOTIFICATION_TYPE, SCHEMA, invitation_defects


def well_formed_invitation(invitation: Invitation, features: frozenset[str]) -> None:
    """State Invited, the capabilities the model gives Invited (in any order), notificationType
    StatusChange, messageType EmailStateChangeMessage, valid against the schema."""
    defects = invitation_defects(invitation.delivery, features)
    if defects:
        raise CheckFailed(
            f"the invitation is malformed: {'; '.join(defects)}",
            expected={
                "messageType": MESSAGE_TYPE,
                "notificationType": NOTIFICATION_TYPE,
                "email.state": State.INVITED.value,
                "email.capabilities": f"{required(State.INVITED, features)}, in any order, and nothing the model forbids in Invited",
                "schema": SCHEMA,
            },
            observed=invitation.delivery.message,
        )
