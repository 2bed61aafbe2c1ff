"""Inbound emails through the control endpoint (JSON, RFC 822) and the SMTP listener."""

from __future__ import annotations

import base64
import smtplib
from pathlib import Path

import httpx
import pytest

from conformance.reference.email.errors import OperationError
from conformance.reference.intake.inbound import from_json, from_rfc822

EMAILS = Path(__file__).resolve().parents[2] / "fixtures" / "emails"


def inbound_queue(server):
    return httpx.get(server.base_url + "/reference/v1/queues/inbound").json()["emails"]


def test_json_intake_with_headers_and_attachment(server):
    answer = httpx.post(
        server.base_url + "/reference/v1/inbound",
        json={
            "from": "pat@example.test",
            "to": ["support@example.test"],
            "reply_to": None,
            "subject": "Hi",
            "bodyAsPlainText": "a < b",
            "headers": {"X-Priority": "1"},
            "attachments": [{"name": "n.txt", "mime": "text/plain", "content_base64": base64.b64encode(b"12345").decode()}],
        },
    )
    assert answer.status_code == 202
    [email] = inbound_queue(server)
    assert email["id"] == answer.json()["id"]
    assert email["body"] == "a &lt; b" and email["bodyAsPlainText"] == "a < b"
    assert email["userData"]["Header_X-Priority"] == "1"
    assert [(a["name"], a["size"], a["mime"]) for a in email["attachments"]] == [("n.txt", 5, "text/plain")]
    assert email["userData"]["_AttachmentsSize"] == "5"


def test_rfc822_intake_reads_headers_bodies_and_attachments(server):
    raw = (EMAILS / "with-attachment.eml").read_bytes()
    answer = httpx.post(server.base_url + "/reference/v1/inbound", content=raw, headers={"content-type": "message/rfc822"})
    assert answer.status_code == 202
    [email] = inbound_queue(server)
    assert (email["from"], email["to"], email["cc"]) == ("pat.customer@example.test", ["support@example.test"], ["partner@example.test"])
    assert email["subject"] == "Invoice dispute"
    assert email["body"].startswith("<p>The invoice is <b>wrong</b>") and email["bodyAsPlainText"].startswith("The invoice is wrong.")
    assert [(a["name"], a["size"], a["mime"]) for a in email["attachments"]] == [("invoice-42.pdf", 84, "application/pdf")]
    user_data = email["userData"]
    assert user_data["Header_Message-ID"] == "<attach-0001@example.test>"
    assert user_data["FromAddress"] == "pat.customer@example.test" and user_data["Mailbox"] == "support@example.test"
    assert user_data["Subject"] == "Invoice dispute" and user_data["_ContainsAttachment"] == "true"


@pytest.mark.parametrize(
    ("content", "content_type", "status", "code"),
    [
        (b'{"to": ["a@example.test"]}', "application/json", 400, 1),
        (b'{"from": "x@example.test", "to": ["a@example.test"], "headers": "X-A: 1"}', "application/json", 400, 10),
        (b"[1, 2]", "application/json", 400, 10),
        (b"{nope", "application/json", 400, 10),
        (b'{"from": "x@example.test", "to": ["a@example.test"], "attachments": [{"name": "a", "content_base64": "%%%"}]}', "application/json", 400, 10),
        (b"Subject: no addresses\n\nbody", "message/rfc822", 400, 1),
        (b"from=x", "application/x-www-form-urlencoded", 415, 10),
    ],
)
def test_bad_inbound_requests_are_refused(server, content, content_type, status, code):
    answer = httpx.post(server.base_url + "/reference/v1/inbound", content=content, headers={"content-type": content_type})
    assert (answer.status_code, answer.json()["statusCode"]) == (status, code)
    assert inbound_queue(server) == []


def test_smtp_delivery_becomes_an_invitation(make_server, make_agent):
    server = make_server(smtp_port=0)
    agent = make_agent(server, 1).onboard()
    with smtplib.SMTP("127.0.0.1", server.smtp_port, timeout=5) as smtp:
        smtp.sendmail("bounce@example.test", ["agent1@reference.gws.test"], (EMAILS / "plain.eml").read_bytes())
    email = agent.invitation()
    assert (email["from"], email["to"], email["subject"]) == ("pat.customer@example.test", ["agent1@reference.gws.test"], "Where is my order?")
    assert "order 4711" in email["bodyAsPlainText"] and email["userData"]["Header_Date"].startswith("Tue, 11 Mar 2014")


def test_smtp_envelope_stands_in_for_missing_headers_and_garbage_is_refused(make_server):
    server = make_server(smtp_port=0)
    with smtplib.SMTP("127.0.0.1", server.smtp_port, timeout=5) as smtp:
        smtp.sendmail("env@example.test", ["support@example.test"], b"Subject: bare\r\n\r\nno address headers\r\n")
        with pytest.raises(smtplib.SMTPDataError) as refused:
            smtp.sendmail("", ["support@example.test"], b"Subject: nobody\r\n\r\nno sender at all\r\n")
    assert refused.value.smtp_code == 554
    [email] = inbound_queue(server)
    assert (email["from"], email["to"], email["subject"]) == ("env@example.test", ["support@example.test"], "bare")


def test_rfc822_parser_survives_hostile_input():
    for raw in (b"", b"\xff\xfe\x00garbage", b"From: \x00\x01\n\n", b"From: a@b\nTo: <<<>>>\n\n", b"Content-Type: multipart/mixed\n\n--"):
        try:
            message = from_rfc822(raw)
        except OperationError as error:
            assert error.code in (1, 10)
        else:
            assert message.from_address and message.to


def test_json_intake_takes_comma_delimited_recipients_and_derives_bodies():
    message = from_json({"from": "a@example.test", "to": "b@example.test, c@example.test", "body": "<p>One</p><p>Two</p>"})
    assert message.to == ("b@example.test", "c@example.test")
    assert message.body_as_plain_text == "One\nTwo"
