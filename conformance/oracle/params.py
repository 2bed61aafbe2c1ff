"""Valid parameters for every operation the model drives (the request schemas accept them).

Queue names and document ids come from the profile (`conformance.deployment`): the public
pages document no way to list queues or upload a document, so a target names the ones it has
(see the catalog positions of Complete, Transfer, Send and AddAttachment).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from conformance.deployment import Deployment

CUSTOMER = "customer@example.test"
USER_DATA = {"GwsctText": "conformance", "GwsctNumber": 123456789}  # a string and an integer, as in the sample
DISPOSITION_KEY = "GwsctDisposition"
DISPOSITION = "Resolved"


def unknown_document_id() -> str:
    """A document id no email holds (RemoveAttachment of a document never attached)."""
    return f"gwsct-doc-{secrets.token_hex(4)}"


def draft_fields(agent_address: str, subject: str = "Conformance draft") -> dict[str, Any]:
    """Save/Send's nested email object, every documented field set."""
    return {
        "to": [CUSTOMER],
        "from": agent_address,
        "cc": ["cc@example.test"],
        "bcc": ["bcc@example.test"],
        "subject": subject,
        "body": "<p>Drafted by the conformance suite.</p>",
        "bodyAsPlainText": "Drafted by the conformance suite.",
        "mime": "text/html",
    }


@dataclass(frozen=True)
class ParamContext:
    base_url: str
    agent_address: str
    peer_user_uri: str | None = None  # Transfer by userUri goes there; else by queueName
    attached: tuple[str, ...] = ()  # documentIds on the email (RemoveAttachment takes the first)
    user_data_keys: tuple[str, ...] = ()  # keys DeleteUserData may remove
    deployment: Deployment = field(default_factory=Deployment)  # the profile's queues and documents


def valid_params(operation: str, ctx: ParamContext) -> dict[str, Any]:
    """The parameters (besides operationName) of a well-formed `operation` request."""
    if operation == "Transfer":
        return {"userUri": ctx.peer_user_uri} if ctx.peer_user_uri else {"queueName": ctx.deployment.parking()}
    if operation in ("Reply", "ReplyAll"):
        return {"queueUri": ctx.deployment.queue_uri(ctx.base_url), "bodyAsPlainText": "Thank you.", "body": "<p>Thank you.</p>"}
    if operation == "Save":
        return {"email": draft_fields(ctx.agent_address)}
    if operation == "Send":
        return {"queueName": ctx.deployment.outbound(), "email": draft_fields(ctx.agent_address)}
    if operation == "AttachUserData":
        return {"userData": dict(USER_DATA)}
    if operation == "DeleteUserData":
        return {"keys": list(ctx.user_data_keys[:1] or USER_DATA)[:1]}
    if operation == "SetDisposition":
        return {"disposition": DISPOSITION, "dispositionKey": DISPOSITION_KEY}
    if operation == "AddAttachment":
        return {"documentId": ctx.deployment.free_document(ctx.attached), "name": "note.txt", "size": 12, "mime": "text/plain"}
    if operation == "RemoveAttachment":
        return {"documentId": ctx.attached[0] if ctx.attached else unknown_document_id()}
    return {}


def create_params(base_url: str, deployment: Deployment, **extra: Any) -> dict[str, Any]:
    """Create's parameters (it posts to the collection): queueUri is required (docs/positions.md#create-queue-uri)."""
    return {"queueUri": deployment.queue_uri(base_url), **extra}
