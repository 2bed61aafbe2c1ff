"""Emails in the state an operation needs, provisioned through the profile and reused.

Invitations come from `conformance.target.invite` (the profile's injector); Processing
emails are accepted invitations; drafts come from Create, or from Reply when the target
does not declare Create. An email keeps serving cases while it stays in the state they
need (a refused request, or one that keeps the state, such as Save or AttachUserData).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from conformance.clients.bayeux.inbox import Delivery, Predicate
from conformance.clients.rest import RestReply
from conformance.errors import Blocked
from conformance.fuzz.operations import Need
from conformance.fuzz.pinning import Pins
from conformance.steps.preconditions import require_accepted, require_notification
from conformance.target import AgentHandle, Invitation, invite
from conformance.target.owed import email_of, matched_email, reference_id_of
from conformance.target.sent import Sent

# The fields of an email a refused request must leave as they were.
STABLE_FIELDS = ("state", "capabilities", "userData", "from", "to", "cc", "bcc", "subject", "body", "bodyAsPlainText", "mime", "attachments")


@dataclass
class FuzzedRequest:
    """One fuzzed request on a resource, for attributing notifications afterwards."""

    mark: int  # the agent's inbox position just before it was sent
    refused: bool
    exchange: Any  # the Exchange (kept opaque here: resources do not judge)


@dataclass
class Resource:
    need: Need
    id: str | None  # None: the collection (Create)
    snapshot: dict[str, Any] | None = None  # STABLE_FIELDS as GET last showed them
    document_id: str | None = None  # ATTACHED: the document RemoveAttachment may remove
    sent: list[FuzzedRequest] = field(default_factory=list)


def stable_view(reply: RestReply, email_id: str) -> dict[str, Any] | None:
    """The stable fields of a GET /api/v2/me/emails/{id} answer; None when it shows no email."""
    email = reply.json.get("email") if isinstance(reply.json, dict) and reply.status_code == 0 else None
    if not isinstance(email, dict) or email.get("id") != email_id:
        return None
    view = {name: email.get(name) for name in STABLE_FIELDS}
    if isinstance(view["capabilities"], list):
        view["capabilities"] = sorted(map(str, view["capabilities"]))
    return view


def new_email_announcement(reply: RestReply, known: set[str], *, state: str | None = "Composing") -> Predicate:
    """A notification announcing a new email caused by `reply` (by referenceId, or an id none of
    `known`), in `state` (None: any state)."""
    reference_id = reference_id_of(reply)

    def matches(delivery: Delivery) -> bool:
        email = email_of(delivery)
        if email is None or (state is not None and email.get("state") != state) or not isinstance(email.get("id"), str):
            return False
        if reference_id is not None:
            return isinstance(delivery.data, dict) and delivery.data.get("referenceId") == reference_id
        return email["id"] not in known

    return matches


def announces_draft(known: set[str]) -> Predicate:
    """A notification about a Composing email none of `known` (a draft someone just made)."""

    def matches(delivery: Delivery) -> bool:
        email = email_of(delivery)
        return email is not None and email.get("state") == "Composing" and email.get("id") not in known

    return matches


class Provisioner:
    def __init__(self, agent: AgentHandle, pins: Pins, *, can_create: bool, can_reply: bool, observe_latency: Callable[[float], None]) -> None:
        """`observe_latency` learns how fast the target notifies (it sizes the negative window)."""
        self.agent = agent
        self.observe_latency = observe_latency
        self.pins = pins
        self.can_create = can_create
        self.can_reply = can_reply
        self.requests = 0  # harness requests sent to provision and to read back

    def known_ids(self) -> set[str]:
        found = set()
        for delivery in self.agent.inbox.all():
            email = email_of(delivery)
            if email is not None and isinstance(email.get("id"), str):
                found.add(email["id"])
        return found

    async def snapshot(self, resource: Resource) -> None:
        assert resource.id is not None
        self.requests += 1
        reply = await self.agent.rest.get_email(resource.id)
        if reply.error:  # a GET that cannot be carried out shows neither a change nor its absence
            raise Blocked(f"GET /api/v2/me/emails/{resource.id} (what the email looks like)", f"no HTTP answer ({reply.error})")
        resource.snapshot = stable_view(reply, resource.id)

    async def provide(self, need: Need) -> Resource:
        """A fresh email in state `need` (Blocked when the target cannot give one)."""
        if need is Need.NONE:
            return Resource(need, None)
        if need is Need.INVITED:
            resource = Resource(need, (await self._invitation()).id)
        elif need is Need.PROCESSING:
            resource = Resource(need, await self._accepted())
        elif need is Need.COMPOSING:
            resource = Resource(need, await self._draft())
        else:
            draft = await self._draft()
            resource = Resource(need, draft, document_id=await self._attach(draft))
        await self.snapshot(resource)
        return resource

    def _note(self, reply: RestReply, step: str) -> None:
        self.requests += 1
        require_accepted(reply, step)

    async def _invitation(self) -> Invitation:
        self.requests += 1  # the injection
        return await invite(self.agent, subject="Fuzz")

    async def _accepted(self) -> str:
        invitation = await self._invitation()
        since = self.agent.inbox.mark()
        reply = await self.agent.rest.email_operation(invitation.id, "Accept")
        self._note(reply, "fuzz precondition: Accept")
        delivery = await require_notification(Sent(self.agent, invitation.id, reply, since), step="fuzz precondition: Accept", state="Processing")
        self.observe_latency(max(0.0, delivery.received - reply.started - reply.elapsed))
        return invitation.id

    async def _draft(self) -> str:
        if self.can_create:
            since, known = self.agent.inbox.mark(), self.known_ids()
            reply = await self.agent.rest.create_email(queueUri=self.pins.queue_uri)
            step = "fuzz precondition: Create"
        elif self.can_reply:
            original = await self._accepted()
            since, known = self.agent.inbox.mark(), self.known_ids()
            reply = await self.agent.rest.email_operation(original, "Reply")
            step = "fuzz precondition: Reply"
        else:
            raise Blocked("fuzz precondition: a draft", "the profile declares neither create nor reply")
        self._note(reply, step)
        timeout = self.agent.profile.timeouts.notification
        delivery = await self.agent.inbox.wait_for(new_email_announcement(reply, known), timeout=timeout, since=since)
        if delivery is None:
            raise Blocked(step, f"no notification of a new Composing email within {timeout:g} s")
        email_id: str = matched_email(delivery)["id"]  # new_email_announcement checked it is a string
        return email_id

    async def _attach(self, draft: str) -> str:
        document_id = self.pins.free_document()
        since = self.agent.inbox.mark()
        reply = await self.agent.rest.email_operation(draft, "AddAttachment", documentId=document_id, name="gwsct.txt", size=5, mime="text/plain")
        self._note(reply, "fuzz precondition: AddAttachment")
        await require_notification(Sent(self.agent, draft, reply, since), step="fuzz precondition: AddAttachment", state="Composing")
        return document_id
