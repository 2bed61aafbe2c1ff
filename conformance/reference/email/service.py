"""The email service: agent sessions, email operations, inbound delivery, and queries.

One asyncio lock serialises every change, so each check-and-set is atomic (two agents racing
to Accept one invitation: exactly one wins) and notifications are published in the order of
the changes that caused them. Publishing happens under the lock too: the notifier only
enqueues, it never waits on a client.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from conformance.reference.agents import AgentAccount
from conformance.reference.config import ServerConfig
from conformance.reference.email.arrival import inbound_email
from conformance.reference.email.behaviour import EmailBehaviour
from conformance.reference.email.errors import OperationError, StatusCode
from conformance.reference.email.fault_effects import distort_outbox, request_params
from conformance.reference.email.lifecycle import permits
from conformance.reference.email.model import Email, InboundMessage, State
from conformance.reference.email.notifications import EMAILS_CHANNEL, Notification, Notifier, channel_state_notification
from conformance.reference.email.operations import EMAIL_OPERATIONS, create
from conformance.reference.email.params import Params, bad_value, missing
from conformance.reference.email.resource import render
from conformance.reference.email.routing import Router
from conformance.reference.email.store import EmailStore
from conformance.reference.email.transaction import Transaction
from conformance.reference.email.variant_effects import empty_names_as_absent

EMAIL_CHANNEL = "email"
_ACTIVE = (State.INVITED, State.PROCESSING, State.COMPOSING)


@dataclass(frozen=True)
class OperationResult:
    """A performed request: its operation and the referenceId its notifications carry."""

    operation: str
    reference_id: int


def operation_name(params: Params, behaviour: EmailBehaviour) -> str:
    if not params.has("operationName"):
        if not behaviour.missing_operation_is_missing_parameter:
            raise OperationError(StatusCode.BAD_VALUE, "operationName is invalid")
        raise missing("operationName")
    name = params.string("operationName", nonempty=True)
    assert name is not None
    return name


class EmailService:
    def __init__(self, config: ServerConfig, notifier: Notifier, base_url: str) -> None:
        self._config = config
        self._notifier = notifier
        self._base_url = base_url.rstrip("/")
        self._behaviour = EmailBehaviour.of(config.switches)
        self._store = EmailStore(self._behaviour)
        self._router = Router(config.agents, config.routing)
        self._lock = asyncio.Lock()
        self._last_reference_id = 0

    @property
    def behaviour(self) -> EmailBehaviour:
        """What the active switches change, built once for the service and its REST front."""
        return self._behaviour

    def _transaction(self, agent_id: str | None, with_reference: bool) -> Transaction:
        reference_id = None
        if with_reference:
            self._last_reference_id += 1
            reference_id = self._last_reference_id
        return Transaction(self._config, self._behaviour, self._base_url, self._store, self._router, agent_id, reference_id)

    async def _commit(self, tx: Transaction) -> None:
        for notification in tx.outbox:
            for agent_id in self._recipients(notification):
                await self._notifier.publish(agent_id, notification.channel, notification.data)

    def _recipients(self, notification: Notification) -> list[str]:
        """Whose CometD sessions get `notification` (one entry per delivery)."""
        agent_id, behaviour = notification.agent_id, self._behaviour
        every_agent = [a.id for a in self._config.agents]
        if behaviour.email_events_to_every_agent:
            return every_agent
        email = notification.data.get("email")
        completed = isinstance(email, dict) and email.get("state") == str(State.COMPLETED) and "referenceId" in notification.data
        if behaviour.completion_events_leak and completed:
            return [agent_id, *(other for other in every_agent if other != agent_id)]
        if behaviour.email_events_delivered_twice and notification.channel == EMAILS_CHANNEL:
            return [agent_id, agent_id]
        return [agent_id]

    # --- POST /api/v2/me and /api/v2/me/channels/email ---------------------------------

    async def me_operation(self, agent: AgentAccount, body: Mapping[str, Any]) -> OperationResult:
        params = Params(body)
        name = operation_name(params, self._behaviour)
        if name == "StartContactCenterSession":
            channels = params.strings("channels", required=True)
            if EMAIL_CHANNEL not in (channels or ()):
                raise bad_value("channels", 'a list naming "email" (the only channel of the reference server)')
            params.string("place")
        elif name != "EndContactCenterSession":
            raise OperationError(StatusCode.BAD_VALUE, f"Unknown operationName '{name}' on /api/v2/me")
        async with self._lock:
            tx = self._transaction(agent.id, with_reference=True)
            if name == "StartContactCenterSession":
                self._router.start_session(agent.id)
            else:
                self._router.end_session(agent.id)
            await self._commit(tx)
        assert tx.reference_id is not None
        return OperationResult(name, tx.reference_id)

    async def channel_operation(self, agent: AgentAccount, body: Mapping[str, Any]) -> OperationResult:
        name = operation_name(Params(body), self._behaviour)
        if name not in ("Ready", "NotReady"):
            raise OperationError(StatusCode.BAD_VALUE, f"Unknown operationName '{name}' on the email channel")
        async with self._lock:
            if not self._router.has_session(agent.id):
                raise OperationError(StatusCode.INVALID_STATE, "No contact-center session on email: start one first")
            tx = self._transaction(agent.id, with_reference=True)
            ready = name == "Ready"
            unchanged = ready and self._router.is_ready(agent.id)
            self._router.set_ready(agent.id, ready)
            silent = unchanged and not self._behaviour.ready_on_ready_notified  # nothing changed, nothing to announce
            if not silent and not (ready and not self._behaviour.ready_notified):
                tx.outbox.append(channel_state_notification(agent.id, ready, self._behaviour))
            if ready:
                tx.route_waiting()
            await self._commit(tx)
        assert tx.reference_id is not None
        return OperationResult(name, tx.reference_id)

    # --- POST /api/v2/me/emails[/{id}] ---------------------------------------------------

    async def email_operation(self, agent: AgentAccount, email_id: str, body: Mapping[str, Any]) -> OperationResult:
        params = Params(body)
        name = operation_name(params, self._behaviour)
        params = request_params(name, empty_names_as_absent(body, self._behaviour), self._behaviour)
        operation = EMAIL_OPERATIONS.get(name)
        async with self._lock:
            tx = self._transaction(agent.id, with_reference=True)
            assert tx.reference_id is not None
            if operation is None:
                if not self._behaviour.unknown_operation_refused:
                    return OperationResult(name, tx.reference_id)
                raise OperationError(StatusCode.BAD_VALUE, f"Unknown operationName '{name}'")
            try:
                email = self._target(agent.id, email_id, name)
                if not permits(email, name, self._behaviour):
                    code = StatusCode.FORBIDDEN if self._behaviour.unadvertised_refused_as_forbidden else StatusCode.INVALID_STATE
                    raise OperationError(code, f"{name} is not valid for email {email_id} in state {email.state}")
                operation(tx, email, params)
            except OperationError as error:
                known = self._store.get(email_id)
                if not self._behaviour.refusals_notified or known is None:
                    raise
                tx.outbox = [tx.error_notification(known, error)]
                if not self._behaviour.refusals_answered_as_success:
                    await self._commit(tx)
                    raise
            distort_outbox(name, body, tx.outbox, self._behaviour)
            await self._commit(tx)
        return OperationResult(name, tx.reference_id)

    async def create_email(self, agent: AgentAccount, body: Mapping[str, Any]) -> OperationResult:
        params = Params(body)
        name = operation_name(params, self._behaviour)
        if name != "Create":
            raise OperationError(StatusCode.BAD_VALUE, f"Unknown operationName '{name}' on /api/v2/me/emails")
        params = request_params(name, empty_names_as_absent(body, self._behaviour), self._behaviour)
        async with self._lock:
            tx = self._transaction(agent.id, with_reference=True)
            create(tx, agent.address, params)
            distort_outbox(name, body, tx.outbox, self._behaviour)
            await self._commit(tx)
        assert tx.reference_id is not None
        return OperationResult(name, tx.reference_id)

    def _target(self, agent_id: str, email_id: str, operation: str) -> Email:
        """The email an operation acts on: unknown is 6, another agent's is 3."""
        behaviour = self._behaviour
        email = self._store.get(email_id)
        if email is None:
            if operation == "Accept" and not behaviour.accept_unknown_email_not_found:
                raise OperationError(StatusCode.INVALID_STATE, f"Email {email_id} cannot be accepted")
            raise self._unknown(operation, email_id)
        if email.owner == agent_id or operation in behaviour.ownership_unchecked_for:
            return email
        if operation == "Accept" and behaviour.refused_accept_still_moves and email.state is State.INVITED:
            email.move_to(State.PROCESSING)  # refused below all the same, and nobody is told
        if operation == "Accept" and (
            behaviour.accept_of_another_agents_email or (behaviour.rejecter_may_still_accept and agent_id in email.rejected_by)
        ):
            return email
        raise OperationError(StatusCode.FORBIDDEN, f"Email {email_id} is not yours")

    def _unknown(self, operation: str, email_id: str) -> OperationError:
        """The refusal of an unknown email id (`operation` "GET" for a read; Accept is decided by its caller)."""
        behaviour = self._behaviour
        found = behaviour.get_unknown_email_not_found if operation == "GET" else behaviour.unknown_email_not_found
        if operation != "Accept" and not found:
            return OperationError(StatusCode.FORBIDDEN, f"Email {email_id} is not available")
        return OperationError(StatusCode.NOT_FOUND, f"Email {email_id} not found")

    def offered_to(self, email_id: str) -> str | None:
        """The agent an email is offered to or owned by (for the fault accept-without-credentials)."""
        email = self._store.get(email_id)
        return None if email is None else email.owner

    # --- intake ----------------------------------------------------------------------------

    def new_email_id(self) -> str:
        """An id for an email that arrives later (a delayed intake answers it at once)."""
        return self._store.new_id()

    async def deliver(self, message: InboundMessage, *, email_id: str | None = None) -> str:
        """A new inbound email, offered to a Ready agent or held in the inbound queue; its id
        (`email_id` when one was given out before, by a delayed intake)."""
        async with self._lock:
            email = inbound_email(email_id or self._store.new_id(), message, datetime.now(timezone.utc))
            self._store.add(email)
            tx = self._transaction(None, with_reference=False)
            tx.offer(email)
            await self._commit(tx)
        return email.id

    # --- queries ---------------------------------------------------------------------------

    def user(self, agent: AgentAccount) -> dict[str, Any]:
        first, _, last = agent.name.partition(" ")
        channels = []
        if self._router.has_session(agent.id):
            state = "Ready" if self._router.is_ready(agent.id) else "NotReady"
            channels.append({"channel": EMAIL_CHANNEL, "userState": {"state": state}})
        return {
            "id": agent.id,
            "userName": agent.username,
            "firstName": first,
            "lastName": last,
            "emailAddress": agent.address,
            "channels": channels,
        }

    def emails(self, agent: AgentAccount) -> list[dict[str, Any]]:
        """The agent's live emails (invitations, accepted and drafts)."""
        resources = [render(e, self._base_url, self._behaviour) for e in self._store.owned_by(agent.id) if e.state in _ACTIVE]
        if not self._behaviour.list_processing_emails:
            resources = [r for r in resources if r["state"] != str(State.PROCESSING)]
        if not self._behaviour.listed_emails_have_uri:
            for resource in resources:
                del resource["uri"]
        return resources

    def email(self, agent: AgentAccount, email_id: str) -> dict[str, Any]:
        behaviour = self._behaviour
        email = self._store.get(email_id)
        if email is None:
            raise self._unknown("GET", email_id)
        if email.owner != agent.id and "GET" not in behaviour.ownership_unchecked_for:
            raise OperationError(StatusCode.FORBIDDEN, f"Email {email_id} is not yours")
        resource = render(email, self._base_url, self._behaviour)
        if not behaviour.fetched_email_has_capabilities:
            resource["capabilities"] = []
        if not behaviour.fetched_email_state_current and email.previous_state is not None:
            resource["state"] = str(email.previous_state)
        return resource

    def queue(self, name: str) -> list[dict[str, Any]]:
        return [render(e, self._base_url, self._behaviour) for e in self._store.queued(name)]
