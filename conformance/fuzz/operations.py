"""The operations the fuzzer drives, and what each needs of the target before it can be sent."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

EMAILS_PATH = "/api/v2/me/emails"
EMAIL_PATH = "/api/v2/me/emails/{id}"


class Need(StrEnum):
    """The email an operation acts on (the precondition its operation page states)."""

    NONE = "none"  # Create posts to the collection
    INVITED = "Invited"
    PROCESSING = "Processing"
    COMPOSING = "Composing"
    ATTACHED = "Composing with an attachment"  # RemoveAttachment needs a document to remove

    @property
    def state(self) -> str | None:
        return {Need.NONE: None, Need.ATTACHED: "Composing"}.get(self, self.value)


@dataclass(frozen=True)
class FuzzedOperation:
    name: str  # operationName
    needs: Need
    feature: str | None  # the profile feature a target declares to support it (None: always)
    # After it succeeds, the email is still in the state `needs` (it may serve the next case).
    keeps_state: bool

    @property
    def collection(self) -> bool:
        return self.needs is Need.NONE

    @property
    def path(self) -> str:
        """The OpenAPI path template it posts to."""
        return EMAILS_PATH if self.collection else EMAIL_PATH

    @property
    def schema_name(self) -> str:
        """Our JSON Schema for the whole request body (it dispatches on operationName)."""
        return "email-create-request" if self.collection else "email-operation-request"


OPERATIONS: tuple[FuzzedOperation, ...] = (
    FuzzedOperation("Accept", Need.INVITED, None, keeps_state=False),
    FuzzedOperation("Reject", Need.INVITED, None, keeps_state=False),
    FuzzedOperation("Complete", Need.PROCESSING, None, keeps_state=False),
    FuzzedOperation("Transfer", Need.PROCESSING, "transfer", keeps_state=False),
    FuzzedOperation("Reply", Need.PROCESSING, "reply", keeps_state=True),
    FuzzedOperation("ReplyAll", Need.PROCESSING, "reply", keeps_state=True),
    FuzzedOperation("Save", Need.COMPOSING, "save-send", keeps_state=True),
    FuzzedOperation("Send", Need.COMPOSING, "save-send", keeps_state=False),
    FuzzedOperation("Cancel", Need.COMPOSING, "cancel", keeps_state=False),
    FuzzedOperation("AttachUserData", Need.PROCESSING, "user-data", keeps_state=True),
    FuzzedOperation("UpdateUserData", Need.PROCESSING, "user-data", keeps_state=True),
    FuzzedOperation("DeleteUserData", Need.PROCESSING, "user-data", keeps_state=True),
    FuzzedOperation("SetDisposition", Need.PROCESSING, "disposition", keeps_state=True),
    FuzzedOperation("AddAttachment", Need.COMPOSING, "attachments", keeps_state=True),
    FuzzedOperation("RemoveAttachment", Need.ATTACHED, "attachments", keeps_state=False),
    FuzzedOperation("Create", Need.NONE, "create", keeps_state=True),
)

BY_NAME = {op.name: op for op in OPERATIONS}


def operation(name: str) -> FuzzedOperation:
    try:
        return BY_NAME[name]
    except KeyError:
        raise ValueError(f"no fuzzed operation {name!r}; known: {', '.join(BY_NAME)}") from None
