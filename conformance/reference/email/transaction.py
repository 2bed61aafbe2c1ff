"""One request's work on the email state, under the service lock.

Operations mutate emails through a Transaction, which collects the notifications they cause;
the service publishes them, in order, once the operation succeeded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance.reference.config import ServerConfig
from conformance.reference.email.behaviour import EmailBehaviour
from conformance.reference.email.errors import OperationError
from conformance.reference.email.model import Email, EmailType, State
from conformance.reference.email.notifications import (
    Notification,
    NotificationType,
    email_notification,
    error_notification,
    shape_invitation,
)
from conformance.reference.email.resource import render
from conformance.reference.email.routing import INBOUND_QUEUE, Router
from conformance.reference.email.store import EmailStore


@dataclass
class Transaction:
    config: ServerConfig
    behaviour: EmailBehaviour
    base_url: str
    store: EmailStore
    router: Router
    agent_id: str | None  # None: no agent acts (an email arriving)
    reference_id: int | None  # None: no request to link notifications to
    outbox: list[Notification] = field(default_factory=list)

    def notification(self, email: Email, notification_type: NotificationType, *, ended: bool = False) -> Notification:
        """What the acting agent is told about `email` (not yet queued for publishing)."""
        assert self.agent_id is not None
        resource = render(email, self.base_url, self.behaviour, ended=ended)
        return email_notification(self.agent_id, resource, notification_type, self.reference_id, self.behaviour)

    def notify(self, email: Email, notification_type: NotificationType, *, ended: bool = False) -> None:
        self.outbox.append(self.notification(email, notification_type, ended=ended))

    def error_notification(self, email: Email, error: OperationError) -> Notification:
        """The Error notification of a refused request (variant async-refusals); the email
        resource only when it is the acting agent's ("when available": docs/positions.md#error-notification)."""
        assert self.agent_id is not None
        resource = render(email, self.base_url, self.behaviour) if email.owner == self.agent_id else None
        return error_notification(self.agent_id, email.id, resource, int(error.code), error.message, self.reference_id, self.behaviour)

    def invite(self, email: Email, agent_id: str) -> None:
        """Offer `email` to `agent_id`: an Invited StatusChange that no request of theirs caused."""
        self.store.dequeue(email)
        email.owner = agent_id
        if email.state is not State.INVITED:
            email.move_to(State.INVITED)
        resource = render(email, self.base_url, self.behaviour)
        invitation = email_notification(agent_id, resource, NotificationType.STATUS_CHANGE, None, self.behaviour)
        self.outbox.append(shape_invitation(invitation, self.behaviour))

    def offer(self, email: Email) -> None:
        """Route an inbound email to a Ready agent that has not rejected it, else hold it.

        Agents the email is addressed to (To, then Cc) come first: the suite relies on it to
        reach a chosen second agent when several suites share one server.
        """
        agent_id = self.router.choose([*email.to, *email.cc], exclude=email.rejected_by)
        if agent_id is not None:
            self.invite(email, agent_id)
            return
        email.owner = None
        if email.state is not State.INVITED:
            email.move_to(State.INVITED)
        if email.queue != INBOUND_QUEUE:
            self.store.enqueue(email, INBOUND_QUEUE)

    def place(self, email: Email, queue: str) -> None:
        """Put `email` in a queue: the inbound queue routes inbound emails, any other parks."""
        if queue == INBOUND_QUEUE and email.email_type is EmailType.INBOUND:
            self.offer(email)
        else:
            self.store.enqueue(email, queue)

    def route_waiting(self) -> None:
        """Offer every email waiting in the inbound queue (an agent became Ready)."""
        for email in self.store.queued(INBOUND_QUEUE):
            if email.email_type is EmailType.INBOUND:
                self.offer(email)
