"""The judges of what a notification and a reply's body must hold: the envelope with the
message the pages print, and the quote in the body (not in bodyAsPlainText)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance.clients.bayeux.inbox import Delivery
from conformance.errors import CheckFailed
from conformance.verify.envelopes import printed_message
from conformance.verify.quoting import original_lines, reply_quote

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "notifications"
CHANNELS = "/v2/me/channels"


def _delivery(message: dict) -> Delivery:
    channel = message.get("channel")
    return Delivery(message, channel if isinstance(channel, str) else None, message.get("data"), 0.0, 0)


def test_the_ready_fixture_is_a_channel_state_change_message() -> None:
    data = json.loads((FIXTURES / "channel-ready.json").read_text())
    printed_message(_delivery({"channel": CHANNELS, "data": data}), channel=CHANNELS, schema="channel-state-change-message", what="m")


@pytest.mark.parametrize(
    "message, reason",
    [
        ({"channel": CHANNELS, "data": {"messageType": "ChannelStateChangeMessage"}}, "not a channel-state-change-message"),
        ({"channel": CHANNELS, "data": {"notice": "Ready"}}, "not a channel-state-change-message"),
        ({"channel": CHANNELS, "data": json.dumps({"messageType": "ChannelStateChangeMessageV2"})}, "data is not an object"),
        ({"channel": "/v2/me/emails", "data": {"messageType": "ChannelStateChangeMessageV2"}}, "not /v2/me/channels"),
        ({"data": {"messageType": "ChannelStateChangeMessageV2"}}, "names channel None"),
    ],
)
def test_anything_else_on_the_channel_is_not_the_message(message: dict, reason: str) -> None:
    with pytest.raises(CheckFailed, match=reason):
        printed_message(_delivery(message), channel=CHANNELS, schema="channel-state-change-message", what="m")


def test_nothing_arrived() -> None:
    with pytest.raises(CheckFailed, match="never arrived"):
        printed_message(None, channel=CHANNELS, schema="channel-state-change-message", what="m")


ORIGINAL = ["Hello,", "my order is late."]


def _quoted_html(lines: list[str]) -> str:
    return "".join(f"<div>{line.replace('>', '&gt;')}</div>" for line in lines)


def test_the_quote_is_judged_in_body() -> None:
    body = _quoted_html(["Thanks.", "The customer wrote:", *(f">{line}" for line in ORIGINAL)])
    reply_quote({"body": body, "bodyAsPlainText": ""}, ORIGINAL, quoting=True, start_line="The customer wrote:", indent=">", where="r")
    reply_quote({"body": "<div>Thanks.</div>"}, ORIGINAL, quoting=False, start_line="The customer wrote:", indent=">", where="r")


def test_a_quote_in_bodyasplaintext_only_does_not_count() -> None:
    plain = "\n".join(["The customer wrote:", *(f">{line}" for line in ORIGINAL)])
    with pytest.raises(CheckFailed, match="body does not quote the original"):
        reply_quote({"body": "<div>Thanks.</div>", "bodyAsPlainText": plain}, ORIGINAL, quoting=True, start_line="The customer wrote:", indent=">", where="r")


def test_an_unwanted_quote_in_body_fails() -> None:
    with pytest.raises(CheckFailed, match="holds the original text"):
        reply_quote({"body": _quoted_html([">Hello,"])}, ORIGINAL, quoting=False, start_line="x", indent=">", where="r")


def test_the_original_text_comes_from_plain_text_else_body() -> None:
    assert original_lines({"bodyAsPlainText": " a \n\n b"}, "f") == ["a", "b"]
    assert original_lines({"bodyAsPlainText": "", "body": "<p>a</p><p>b &amp; c</p>"}, "f") == ["a", "b & c"]
    assert original_lines({}, "f") == ["f"]
