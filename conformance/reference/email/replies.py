"""How Reply and ReplyAll build the outbound email from the inbound one (docs/positions.md#reply-link-and-addresses)."""

from __future__ import annotations

import html
from dataclasses import dataclass

from conformance.reference.email.model import Email

DEFAULT_SUBJECT_PREFIX = "Re: "
DEFAULT_INDENT = ">"


@dataclass(frozen=True)
class ReplyText:
    subject_prefix: str = DEFAULT_SUBJECT_PREFIX
    quote_original: bool = False
    reply_to_start_line: str = ""
    indent_character: str = DEFAULT_INDENT
    body: str = ""
    body_as_plain_text: str = ""


@dataclass(frozen=True)
class ReplyFields:
    from_address: str
    to: list[str]
    cc: list[str]
    subject: str
    body: str
    body_as_plain_text: str


def reply_fields(original: Email, text: ReplyText, *, reply_all: bool) -> ReplyFields:
    """To = Reply-To (or From); From = the original's first To; CC = the original's CC on ReplyAll.

    The body is what the agent gave, followed, with quoteOriginal, by the start line and the
    original plain text with each line prefixed by indentCharacter.
    """
    plain, body = text.body_as_plain_text, text.body
    if text.quote_original:
        quoted = [text.reply_to_start_line] if text.reply_to_start_line else []
        quoted += [f"{text.indent_character}{line}" for line in original.body_as_plain_text.splitlines()]
        plain = "\n".join(([plain] if plain else []) + quoted)
        body += "".join(f"<div>{html.escape(line)}</div>" for line in quoted)
    return ReplyFields(
        from_address=original.to[0] if original.to else "",
        to=[original.reply_to or original.from_address],
        cc=list(original.cc) if reply_all else [],
        subject=text.subject_prefix + original.subject,
        body=body,
        body_as_plain_text=plain,
    )
