"""An arriving message becomes an inbound email with Interaction Server-style user data."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timezone

from conformance.reference.email.model import Attachment, Email, EmailType, InboundMessage, State, UserDataValue


def contact_id_for(address: str) -> str:
    """A stable contact id per customer address, as UCS would keep one contact per customer."""
    return hashlib.sha256(address.strip().lower().encode("utf-8")).hexdigest()[:16].upper()


def received_date(now: datetime) -> str:
    """The format of public Genesys samples: 2016-03-15 23:38:42.000+0000."""
    return now.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3] + "+0000"


def inbound_email(email_id: str, message: InboundMessage, now: datetime) -> Email:
    contact_id = contact_id_for(message.from_address)
    attachments = [
        Attachment(id=secrets.token_hex(8).upper(), name=a.name, size=len(a.content), mime=a.mime)
        for a in message.attachments
    ]
    user_data: dict[str, UserDataValue] = {}
    for name, value in message.headers:
        key = f"Header_{name}"
        user_data[key] = f"{user_data[key]}, {value}" if key in user_data else value
    user_data.update(
        {
            "FromAddress": message.from_address,
            "Subject": message.subject,
            "Mailbox": message.to[0] if message.to else "",
            "ContactId": contact_id,
            "_ContainsAttachment": "true" if attachments else "false",
            "_AttachmentsSize": str(sum(len(a.content) for a in message.attachments)),
            "_AttachmentFileNames": ",".join(a.name for a in attachments),
        }
    )
    return Email(
        id=email_id,
        email_type=EmailType.INBOUND,
        state=State.INVITED,
        from_address=message.from_address,
        to=list(message.to),
        cc=list(message.cc),
        reply_to=message.reply_to,
        subject=message.subject,
        body=message.body,
        body_as_plain_text=message.body_as_plain_text,
        mime=message.mime,
        user_data=user_data,
        attachments=attachments,
        contact_id=contact_id,
        received_date=received_date(now),
    )
