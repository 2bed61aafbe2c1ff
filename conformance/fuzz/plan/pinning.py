"""Lookup parameters: values that name deployment objects, held to ones the target knows.

A random queueName or userUri is schema-valid, yet a real deployment refuses it because no
such queue or user exists. In the schema-valid stream (and in the bases of the curated
violations) these members keep the names the profile gives (`conformance.deployment`, the
same queues and documents every other check uses), so that a refusal is about the fuzzed values;
schemathesis' negative stream keeps its random ones. Save and Send's addresses are held to
plausible ones too: the docs say only "addresses", so a target may refuse "gwsct" as one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from conformance.fuzz.plan.cases import FuzzCase
from conformance.fuzz.plan.fields import Path
from conformance.deployment import Deployment
from conformance.fuzz.plan.operation_needs import FuzzedOperation, Need
from conformance.oracle.params import CUSTOMER


@dataclass
class Pins:
    base_url: str
    peer_user_uri: str | None  # Transfer by userUri needs a second agent with a session
    agent_address: str = "gwsct-agent@example.test"  # Save/Send's from: the fuzzing agent's address
    deployment: Deployment = field(default_factory=Deployment)  # the profile's queues and documents

    @property
    def queue_uri(self) -> str:
        return self.deployment.queue_uri(self.base_url)

    def free_document(self, attached: Iterable[str] = ()) -> str:
        """The profile's first document not among `attached`: a replay sends the same."""
        return self.deployment.free_document(attached)

    def lacks(self, op: FuzzedOperation) -> str | None:
        """Why the campaign cannot send `op` with names the target knows (None: it can)."""
        deployment = self.deployment
        if deployment.outbound_queue is None and (op.name in ("Send", "Reply", "ReplyAll", "Create") or op.needs in (Need.COMPOSING, Need.ATTACHED)):
            return "the profile names no outbound queue ([queues].outbound): no queueUri, no draft"
        if deployment.parking_queue is None and op.name == "Transfer":
            return "the profile names no parking queue ([queues].parking)"
        if not deployment.document_ids and op.name in ("AddAttachment", "RemoveAttachment"):
            return "the profile names no document ([attachments].document_ids is empty)"
        return None


def _frozen(path: Path, case: FuzzCase) -> bool:
    return any(path[: len(f)] == f or f[: len(path)] == path for f in case.frozen)


def pin(case: FuzzCase, body: Any, pins: Pins, attached_document: str | None, attached: Iterable[str] = ()) -> Any:
    """`body` with its lookup members replaced (members of the curated violation are kept);
    `attached`: the documents the email holds, which AddAttachment must not add again."""
    if not case.pins_lookups or not isinstance(body, dict):
        return body
    pinned = dict(body)

    def replace(name: str, value: Any) -> None:
        if name in pinned and not _frozen((name,), case):
            pinned[name] = value

    name = case.op.name
    queue = pins.deployment.outbound_queue if name == "Send" else pins.deployment.parking_queue
    if queue is not None:
        replace("queueName", queue)
    elif name == "Complete" and not _frozen(("queueName",), case):
        pinned.pop("queueName", None)  # optional: without a parking queue, Complete goes nowhere
    if pins.deployment.outbound_queue is not None:
        replace("queueUri", pins.queue_uri)
    if "userUri" in pinned and not _frozen(("userUri",), case):
        if pins.peer_user_uri is not None:
            pinned["userUri"] = pins.peer_user_uri
        elif not _frozen(("queueName",), case):
            # No second agent to transfer to: the queue alternative of Transfer instead.
            del pinned["userUri"]
            pinned["queueName"] = pins.deployment.parking()
    if "parentId" in pinned and not _frozen(("parentId",), case):
        del pinned["parentId"]  # optional; a parent is one more object the target must know
    if name in ("Save", "Send") and isinstance(pinned.get("email"), dict):
        pinned["email"] = _plausible_addresses(pinned["email"], case, pins)
    if name == "AddAttachment":
        replace("documentId", pins.free_document(attached))
    elif name == "RemoveAttachment" and attached_document is not None:
        replace("documentId", attached_document)
    return pinned



def _plausible_addresses(draft: dict[str, Any], case: FuzzCase, pins: Pins) -> dict[str, Any]:
    """The draft with plausible addresses in to, from, cc and bcc (kept: the curated violation's),
    in the shape the fuzzer chose (an array, or a comma-delimited string)."""
    pinned = dict(draft)
    for name, address in (("to", CUSTOMER), ("from", pins.agent_address), ("cc", CUSTOMER), ("bcc", CUSTOMER)):
        if name not in pinned or _frozen(("email", name), case):
            continue
        value = pinned[name]
        if isinstance(value, str):
            pinned[name] = address
        elif isinstance(value, list) and value:
            pinned[name] = [address]
    return pinned
