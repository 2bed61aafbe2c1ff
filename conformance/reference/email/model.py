"""The email interaction as the reference server holds it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

UserDataValue = str | int | float | bool | list[Any] | dict[str, Any] | None  # nested only under the variant nested-user-data


class State(StrEnum):
    INVITED = "Invited"
    PROCESSING = "Processing"
    COMPOSING = "Composing"
    COMPLETED = "Completed"
    CANCELED = "Canceled"


class EmailType(StrEnum):
    INBOUND = "Inbound"
    OUTBOUND = "Outbound"


@dataclass
class Attachment:
    id: str
    name: str
    size: int | float | str
    mime: str


@dataclass
class Email:
    id: str
    email_type: EmailType
    state: State
    from_address: str
    to: list[str]
    contact_id: str
    cc: list[str] = field(default_factory=list)
    bcc: list[str] = field(default_factory=list)
    reply_to: str | None = None
    subject: str = ""
    body: str = ""
    body_as_plain_text: str = ""
    mime: str = "text/html"
    user_data: dict[str, UserDataValue] = field(default_factory=dict)
    attachments: list[Attachment] = field(default_factory=list)
    parent_id: str | None = None
    received_date: str | None = None
    # The agent the email is offered to (Invited) or owned by; None while it waits in a queue.
    owner: str | None = None
    queue: str | None = None  # the queue it waits or was parked in, if any
    rejected_by: set[str] = field(default_factory=set)
    # Kept for the fault get-email-stale-state; the real state is `state`.
    previous_state: State | None = None

    def move_to(self, state: State) -> None:
        self.previous_state = self.state
        self.state = state

    def attachment(self, document_id: str) -> Attachment | None:
        return next((a for a in self.attachments if a.id == document_id), None)


@dataclass(frozen=True)
class InboundAttachment:
    name: str
    mime: str
    content: bytes


@dataclass(frozen=True)
class InboundMessage:
    """An email arriving from outside (control endpoint or SMTP), before routing."""

    from_address: str
    to: tuple[str, ...]
    cc: tuple[str, ...] = ()
    reply_to: str | None = None
    subject: str = ""
    body: str = ""
    body_as_plain_text: str = ""
    mime: str = "text/html"
    headers: tuple[tuple[str, str], ...] = ()
    attachments: tuple[InboundAttachment, ...] = ()
