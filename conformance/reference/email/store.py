"""Every email the server knows, and the queues emails wait or are parked in."""

from __future__ import annotations

import secrets
import string

from conformance.reference.email.behaviour import EmailBehaviour
from conformance.reference.email.model import Email

_ALPHANUMERICS = string.digits + string.ascii_uppercase


class EmailStore:
    def __init__(self, behaviour: EmailBehaviour) -> None:
        self._emails: dict[str, Email] = {}
        self._queues: dict[str, dict[str, None]] = {}  # name -> ids in arrival order
        self._behaviour = behaviour

    def new_id(self) -> str:
        """A fresh id of 16 upper-case alphanumerics: hex digits by default; with the variant
        interaction-server-ids, the whole alphabet after a fixed prefix, like 01QG9WAK37H38024."""
        while True:
            if self._behaviour.email_ids == "interaction-server":
                email_id = "01QG" + "".join(secrets.choice(_ALPHANUMERICS) for _ in range(12))
            else:
                email_id = secrets.token_hex(8).upper()
            if email_id not in self._emails:
                return email_id

    def add(self, email: Email) -> None:
        self._emails[email.id] = email

    def get(self, email_id: str) -> Email | None:
        return self._emails.get(email_id)

    def owned_by(self, agent_id: str) -> list[Email]:
        return [e for e in self._emails.values() if e.owner == agent_id]

    def enqueue(self, email: Email, queue: str) -> None:
        self.dequeue(email)
        self._queues.setdefault(queue, {})[email.id] = None
        email.queue = queue

    def dequeue(self, email: Email) -> None:
        if email.queue is not None:
            self._queues.get(email.queue, {}).pop(email.id, None)
            email.queue = None

    def queued(self, queue: str) -> list[Email]:
        return [self._emails[i] for i in self._queues.get(queue, {})]

    def __len__(self) -> int:
        return len(self._emails)
