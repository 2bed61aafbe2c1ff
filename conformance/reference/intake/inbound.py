"""Inbound emails from outside: a JSON description or a raw RFC 822 message."""

from __future__ import annotations

import base64
import binascii
import html
from email import policy
from email.headerregistry import AddressHeader
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from html.parser import HTMLParser
from typing import Any

from conformance.reference.email.errors import OperationError, StatusCode
from conformance.reference.email.model import InboundAttachment, InboundMessage
from conformance.reference.email.params import Params, bad_value


def plain_to_html(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.splitlines())


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "p", "div", "li", "tr"):
            self.parts.append("\n")


def html_to_plain(markup: str) -> str:
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return "".join(collector.parts).strip()


def _bodies(body: str | None, plain: str | None) -> tuple[str, str]:
    """(HTML body, plain-text body), each derived from the other when only one is given."""
    if body is None:
        return plain_to_html(plain or ""), plain or ""
    return body, html_to_plain(body) if plain is None else plain


def from_json(value: Any) -> InboundMessage:
    """`{from, to, cc, reply_to|replyTo, subject, body, bodyAsPlainText, mime, headers, attachments}`.

    Optional fields may be null. Attachments: `[{name, mime, content_base64}]`.
    """
    if not isinstance(value, dict):
        raise OperationError(StatusCode.BAD_VALUE, "Inbound email must be a JSON object")
    params = Params({k: v for k, v in value.items() if v is not None})
    from_address = params.string("from", required=True, nonempty=True)
    to = params.addresses("to", required=True)
    cc = params.addresses("cc") or []
    reply_to = params.string("reply_to", nonempty=True) or params.string("replyTo", nonempty=True)
    subject = params.string("subject") or ""
    body, plain = _bodies(params.string("body"), params.string("bodyAsPlainText"))
    mime = params.string("mime", nonempty=True) or "text/html"
    headers = {} if value.get("headers") is None else value["headers"]
    if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
        raise bad_value("headers", "an object of strings")
    assert from_address is not None and to is not None
    return InboundMessage(
        from_address=from_address,
        to=tuple(to),
        cc=tuple(cc),
        reply_to=reply_to,
        subject=subject,
        body=body,
        body_as_plain_text=plain,
        mime=mime,
        headers=tuple(headers.items()),
        attachments=_json_attachments(value.get("attachments")),
    )


def _json_attachments(value: Any) -> tuple[InboundAttachment, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise bad_value("attachments", "an array")
    attachments = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise bad_value(f"attachments[{index}]", "an object")
        params = Params(item, f"attachments[{index}].")
        name = params.string("name", required=True, nonempty=True)
        mime = params.string("mime", nonempty=True) or "application/octet-stream"
        encoded = params.string("content_base64", required=True) or ""
        try:
            content = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            raise bad_value(f"attachments[{index}].content_base64", "base64") from None
        assert name is not None
        attachments.append(InboundAttachment(name=name, mime=mime, content=content))
    return tuple(attachments)


def _addresses(message: EmailMessage, header: str) -> list[str]:
    value = message[header]
    if not isinstance(value, AddressHeader):
        return []
    return [a.addr_spec for a in value.addresses if a.addr_spec and a.addr_spec != "<>"]


def _payload(part: EmailMessage) -> bytes:
    payload = part.get_payload(decode=True)  # bytes, or None for a multipart part
    return payload if isinstance(payload, bytes) else b""


def _text(part: MIMEPart | None) -> str | None:
    if part is None:
        return None
    content = part.get_content()
    return content if isinstance(content, str) else None


def from_rfc822(raw: bytes, *, envelope_from: str | None = None, envelope_to: tuple[str, ...] = ()) -> InboundMessage:
    """Parse a message (From, To, Cc, Reply-To, Subject, headers, bodies, attachments).

    The envelope (SMTP MAIL FROM / RCPT TO) stands in for missing From / To headers.
    """
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        assert isinstance(message, EmailMessage)
        from_addresses = _addresses(message, "From")
        to = _addresses(message, "To") or list(envelope_to)
        headers = tuple((name, str(value)) for name, value in message.items())
        body = _text(message.get_body(preferencelist=("html",)))
        plain = _text(message.get_body(preferencelist=("plain",)))
        attachments = tuple(
            InboundAttachment(
                name=part.get_filename() or "attachment",
                mime=part.get_content_type(),
                content=_payload(part),
            )
            for part in message.iter_attachments()
            if isinstance(part, EmailMessage)
        )
        reply_to = _addresses(message, "Reply-To")
        cc = _addresses(message, "Cc")
        subject = str(message.get("Subject", ""))
    except Exception as exc:  # the stdlib parser raises assorted errors on hostile input
        raise OperationError(StatusCode.BAD_VALUE, f"Unreadable message: {type(exc).__name__}") from None
    from_address = from_addresses[0] if from_addresses else envelope_from
    if not from_address:
        raise OperationError(StatusCode.MISSING_PARAMETER, "Message has no From address")
    if not to:
        raise OperationError(StatusCode.MISSING_PARAMETER, "Message has no To address")
    html_body, plain_body = _bodies(body, plain)
    return InboundMessage(
        from_address=from_address,
        to=tuple(to),
        cc=tuple(cc),
        reply_to=reply_to[0] if reply_to else None,
        subject=subject,
        body=html_body,
        body_as_plain_text=plain_body,
        headers=headers,
        attachments=attachments,
    )
