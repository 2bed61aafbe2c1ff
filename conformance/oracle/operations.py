"""Every Email API operation the model judges: where it is valid, what it causes (its operation page).

`valid_in` is the documented precondition: a target declaring the operation's feature must
advertise it there. `optional_in` is weaker evidence (a sample only): a target may advertise it
there, and then must accept it. `governed` operations follow the capabilities contract (not
advertised means refused); Save, AddAttachment and RemoveAttachment are performed in the
samples on drafts whose capabilities never list them, so their absence proves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from conformance.oracle.states import State

STATUS_CHANGE = "StatusChange"
PROPERTIES_UPDATED = "PropertiesUpdated"
EMAIL_SAVED = "EmailSaved"
ATTACHMENT_ADDED = "AttachmentAdded"
ATTACHMENT_REMOVED = "AttachmentRemoved"


@dataclass(frozen=True)
class Operation:
    name: str
    feature: str | None  # the profile feature a target must declare; None: every target
    valid_in: frozenset[State]
    notification: str  # notificationType of the notification it causes
    next_state: State | None = None  # None: the email keeps its state
    optional_in: frozenset[State] = frozenset()
    governed: bool = True
    creates_draft: bool = False  # Reply/ReplyAll: the notification describes a new outbound email

    def after(self, state: State) -> State:
        return self.next_state or state


_P, _C, _I = State.PROCESSING, State.COMPOSING, State.INVITED


def _in(*states: State) -> frozenset[State]:
    return frozenset(states)


OPERATIONS: dict[str, Operation] = {
    op.name: op
    for op in (
        Operation("Accept", None, _in(_I), STATUS_CHANGE, next_state=State.PROCESSING),
        Operation("Reject", None, _in(_I), STATUS_CHANGE, next_state=State.ENDED),
        Operation("Complete", None, _in(_P), STATUS_CHANGE, next_state=State.COMPLETED),
        Operation("Transfer", "transfer", _in(_P), STATUS_CHANGE, next_state=State.ENDED, optional_in=_in(_C)),
        Operation("Reply", "reply", _in(_P), STATUS_CHANGE, creates_draft=True),
        Operation("ReplyAll", "reply", _in(_P), STATUS_CHANGE, creates_draft=True),
        # The EmailResource sample's Processing email advertises Save and Send (docs/positions.md#capabilities).
        Operation("Save", "save-send", _in(_C), EMAIL_SAVED, governed=False, optional_in=_in(_P)),
        Operation("Send", "save-send", _in(_C), STATUS_CHANGE, next_state=State.ENDED, optional_in=_in(_P)),
        Operation("Cancel", "cancel", _in(_C), STATUS_CHANGE, next_state=State.CANCELED),
        Operation("AttachUserData", "user-data", _in(_P, _C), PROPERTIES_UPDATED),
        Operation("DeleteUserData", "user-data", _in(_P, _C), PROPERTIES_UPDATED),
        Operation("SetDisposition", "disposition", _in(_P, _C), PROPERTIES_UPDATED, optional_in=_in(_I)),
        Operation("AddAttachment", "attachments", _in(_C), ATTACHMENT_ADDED, governed=False),
        Operation("RemoveAttachment", "attachments", _in(_C), ATTACHMENT_REMOVED, governed=False),
    )
}

# Advertised in capabilities, but with no email operation page: their parameters are
# undocumented, so the model cannot drive them and does not judge them (docs/positions.md#capabilities).
UNDOCUMENTED = ("UpdateUserData", "AddComment", "SetInFocus")


def declared(features: frozenset[str]) -> list[Operation]:
    """The operations a target with these profile features must implement."""
    return [op for op in OPERATIONS.values() if op.feature is None or op.feature in features]
