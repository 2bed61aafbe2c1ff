"""Emails in the state an operation needs, provisioned through the profile and reused.

Emails come from conformance.steps.reach, as every check's do: invitations through the
profile's injector, Processing emails accepted invitations, drafts from Create, or from Reply
when the target does not declare Create. An email keeps serving cases while it stays in the
state they need (a refused request, or one that keeps the state, such as Save or AttachUserData).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conformance.clients.bayeux.inbox import Delivery, Predicate
from conformance.clients.rest import RestReply
from conformance.errors import Blocked, NotApplicable
from conformance.fuzz.plan.operation_needs import Need
from conformance.fuzz.plan.pinning import Pins
from conformance.oracle import State
from conformance.steps.reach import Email, email_in, operated
from conformance.target import AgentHandle
from conformance.target.owed import email_of, reference_id_of

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
    def __init__(self, agent: AgentHandle, pins: Pins) -> None:
        self.agent = agent
        self.pins = pins
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
        if need is Need.ATTACHED:
            draft = await self._email_in(Need.COMPOSING)
            resource = Resource(need, draft.id, document_id=await self._attach(draft))
        else:
            resource = Resource(need, (await self._email_in(need)).id)
        await self.snapshot(resource)
        return resource

    async def _email_in(self, need: Need) -> Email:
        state = {Need.INVITED: State.INVITED, Need.PROCESSING: State.PROCESSING, Need.COMPOSING: State.COMPOSING}[need]
        try:
            email = await email_in(self.agent, state, subject="Fuzz")
        except NotApplicable as not_applicable:  # one operation's cases are blocked, not the campaign
            raise Blocked(f"fuzz precondition: an email in state {state.value}", str(not_applicable)) from None
        self.requests += self._cost(need)
        return email

    def _cost(self, need: Need) -> int:
        """The harness requests steps.reach sends for an email in `need`, the injection counted."""
        if need is Need.INVITED:
            return 1
        if need is Need.PROCESSING:
            return 2  # the injection, Accept
        return 1 if self.agent.profile.declares("create") else 3  # Create; or the injection, Accept, Reply

    async def _attach(self, draft: Email) -> str:
        document_id = self.pins.free_document()
        self.requests += 1
        await operated(
            self.agent, draft, "AddAttachment", step="AddAttachment (precondition)", state="Composing", documentId=document_id, name="gwsct.txt", size=5, mime="text/plain"
        )
        return document_id
