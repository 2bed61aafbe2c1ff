"""The email resource: the JSON object GET answers and notifications carry."""

from __future__ import annotations

from typing import Any

from conformance.reference.email.behaviour import EmailBehaviour
from conformance.reference.email.extra import attachment_with_extra_members, resource_with_extra_members
from conformance.reference.email.lifecycle import advertised_capabilities
from conformance.reference.email.model import Email, EmailType, State


def email_uri(base_url: str, email_id: str, behaviour: EmailBehaviour) -> str:
    """The resource's uri (under interaction-server-ids, the notification samples' form: docs/positions.md#resource-uri)."""
    return f"{base_url}{behaviour.email_uri_path}/{email_id}"


def render(email: Email, base_url: str, behaviour: EmailBehaviour, *, ended: bool = False) -> dict[str, Any]:
    """A snapshot of `email` (later changes do not alter it).

    `ended` presents it as Completed with no capabilities: what an agent losing the email
    (Reject, Transfer) sees, whatever state the email goes on in for others.
    """
    uri = email_uri(base_url, email.id, behaviour)
    resource: dict[str, Any] = {
        "id": email.id,
        "state": str(State.COMPLETED if ended else email.state),
        "capabilities": [] if ended else advertised_capabilities(email, behaviour),
        "uri": uri,
        "emailType": str(email.email_type),
        "from": email.from_address,
        "to": list(email.to),
        "cc": list(email.cc),
        "bcc": list(email.bcc),
        "subject": email.subject,
        "body": email.body,
        "bodyAsPlainText": email.body_as_plain_text,
        "mime": email.mime,
        "userData": dict(email.user_data),
        "attachments": [
            attachment_with_extra_members(
                {"id": a.id, "name": a.name, "size": a.size, "mime": a.mime, "uri": f"{uri}/attachments/{a.id}"},
                behaviour.extra_members,
            )
            for a in email.attachments
        ],
        "contactId": email.contact_id,
    }
    if email.email_type is EmailType.OUTBOUND and email.parent_id is not None and behaviour.resources_carry_parent_id:
        resource["parentId"] = email.parent_id
    if email.received_date is not None:
        resource["receivedDate"] = email.received_date
    return resource_with_extra_members(resource, behaviour.extra_members)
