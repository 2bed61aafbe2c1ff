"""The operations the fuzzer drives, and what each needs of the target before it can be sent:
the lifecycle model's operations (oracle/operations.py), plus the two the model does not judge."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from conformance.oracle import operations as model
from conformance.oracle.states import State

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


# The state the fuzzer brings an email into for an operation valid in several: the earliest.
_PREFERRED = (Need.INVITED, Need.PROCESSING, Need.COMPOSING)


def _fuzzed(op: model.Operation) -> FuzzedOperation:
    """The lifecycle model's operation as the fuzzer drives it."""
    needs = Need.ATTACHED if op.name == "RemoveAttachment" else next(n for n in _PREFERRED if State(n.value) in op.valid_in)
    # RemoveAttachment leaves its draft in Composing, but without the attachment a next case needs.
    return FuzzedOperation(op.name, needs, op.feature, keeps_state=op.next_state is None and needs is not Need.ATTACHED)


OPERATIONS: tuple[FuzzedOperation, ...] = (
    *(_fuzzed(op) for op in model.OPERATIONS.values()),
    # Advertised, but without an email page (model.UNDOCUMENTED): fuzzed for robustness only,
    # the expectation of a schema-valid body left undecided (expectations.py).
    FuzzedOperation("UpdateUserData", Need.PROCESSING, "user-data", keeps_state=True),
    # Posts to the collection, so it has no state in the model.
    FuzzedOperation("Create", Need.NONE, "create", keeps_state=True),
)

BY_NAME = {op.name: op for op in OPERATIONS}


def operation(name: str) -> FuzzedOperation:
    try:
        return BY_NAME[name]
    except KeyError:
        raise ValueError(f"no fuzzed operation {name!r}; known: {', '.join(BY_NAME)}") from None
