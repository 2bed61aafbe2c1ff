"""Valid parameters for every operation the model drives (the request schemas accept them).

Queue names and document ids are the suite's own: the public pages document no way to list
queues or upload a document, so a target needs these names configured (see the catalog
positions of Complete, Transfer, Send and AddAttachment).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

PARKING_QUEUE = "gwsct-parking"  # Complete/Transfer with queueName: a queue that just holds emails
OUTBOUND_QUEUE = "gwsct-outbound"  # Send's queueName
CUSTOMER = "customer@example.test"
USER_DATA = {"GwsctText": "conformance", "GwsctNumber": 123456789}  # a string and an integer, as in the sample
DISPOSITION_KEY = "GwsctDisposition"
DISPOSITION = "Resolved"


def queue_uri(base_url: str) -> str:
    """An absolute queue URI as Reply and Create expect (the Reply page: http://host:8080/api/v2/queues/{uuid})."""
    return f"{base_url.rstrip('/')}/api/v2/queues/{OUTBOUND_QUEUE}"


def new_document_id() -> str:
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


def valid_params(operation: str, ctx: ParamContext) -> dict[str, Any]:
    """The parameters (besides operationName) of a well-formed `operation` request."""
    if operation == "Transfer":
        return {"userUri": ctx.peer_user_uri} if ctx.peer_user_uri else {"queueName": PARKING_QUEUE}
    if operation in ("Reply", "ReplyAll"):
        return {"queueUri": queue_uri(ctx.base_url), "bodyAsPlainText": "Thank you.", "body": "<p>Thank you.</p>"}
    if operation == "Save":
        return {"email": draft_fields(ctx.agent_address)}
    if operation == "Send":
        return {"queueName": OUTBOUND_QUEUE, "email": draft_fields(ctx.agent_address)}
    if operation == "AttachUserData":
        return {"userData": dict(USER_DATA)}
    if operation == "DeleteUserData":
        return {"keys": list(ctx.user_data_keys[:1] or USER_DATA)[:1]}
    if operation == "SetDisposition":
        return {"disposition": DISPOSITION, "dispositionKey": DISPOSITION_KEY}
    if operation == "AddAttachment":
        return {"documentId": new_document_id(), "name": "note.txt", "size": 12, "mime": "text/plain"}
    if operation == "RemoveAttachment":
        return {"documentId": ctx.attached[0] if ctx.attached else new_document_id()}
    return {}


def create_params(base_url: str, **extra: Any) -> dict[str, Any]:
    """Create's parameters (it posts to the collection): queueUri is required (docs/positions.md#create-queue-uri)."""
    return {"queueUri": queue_uri(base_url), **extra}
