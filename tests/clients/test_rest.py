import json

import httpx
import pytest

from conformance.clients.http import make_http_client
from conformance.clients.jsonbody import parse_json
from conformance.clients.rest import GwsRestClient, RestReply, request_schema
from conformance.errors import HarnessError
from conformance.evidence import Recorder

from .peers import closed_port_url, mock_client

pytestmark = pytest.mark.anyio


class Target:
    """Records each request; answers with a scripted response."""

    def __init__(self, response: httpx.Response | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self.response = response or httpx.Response(200, json={"statusCode": 0, "referenceId": 7})

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.response

    @property
    def last_json(self) -> object:
        return json.loads(self.requests[-1].content)


async def rest_with(target: Target) -> GwsRestClient:
    return GwsRestClient(mock_client(target), actor="agent1")


async def test_session_setup_requests_follow_the_gws_api() -> None:
    target = Target()
    rest = await rest_with(target)
    await rest.get_me()
    await rest.start_contact_center_session()
    await rest.set_channel_state()
    await rest.set_channel_state("email", "NotReady")
    await rest.end_contact_center_session()
    lines = [(r.method, r.url.path, json.loads(r.content) if r.content else None) for r in target.requests]
    assert lines == [
        ("GET", "/api/v2/me", None),
        ("POST", "/api/v2/me", {"operationName": "StartContactCenterSession", "channels": ["email"]}),
        ("POST", "/api/v2/me/channels/email", {"operationName": "Ready"}),
        ("POST", "/api/v2/me/channels/email", {"operationName": "NotReady"}),
        ("POST", "/api/v2/me", {"operationName": "EndContactCenterSession"}),
    ]
    assert all(r.headers.get("content-type") == "application/json" for r in target.requests if r.method == "POST")


async def test_email_requests_follow_the_gws_api() -> None:
    target = Target()
    rest = await rest_with(target)
    await rest.list_emails()
    await rest.get_email("0000Na9B26EF003M")
    await rest.email_operation("0000Na9B26EF003M", "Accept", saveLAR=True)
    await rest.create_email(queueUri="http://gws.test/api/v2/queues/q1")
    assert [(r.method, r.url.raw_path.decode()) for r in target.requests] == [
        ("GET", "/api/v2/me/emails?fields=*"),
        ("GET", "/api/v2/me/emails/0000Na9B26EF003M"),
        ("POST", "/api/v2/me/emails/0000Na9B26EF003M"),
        ("POST", "/api/v2/me/emails"),
    ]
    assert json.loads(target.requests[2].content) == {"operationName": "Accept", "saveLAR": True}
    assert json.loads(target.requests[3].content) == {"operationName": "Create", "queueUri": "http://gws.test/api/v2/queues/q1"}


@pytest.mark.parametrize(("email_id", "path"), [("a/b?c", "/api/v2/me/emails/a%2Fb%3Fc"), ("..", "/api/v2/me/emails/%2E%2E")])
async def test_ids_from_the_target_cannot_change_the_route(email_id: str, path: str) -> None:
    target = Target()
    await (await rest_with(target)).get_email(email_id)
    assert target.requests[0].url.raw_path.decode() == path


async def test_our_invalid_requests_are_refused_before_sending() -> None:
    target = Target()
    rest = await rest_with(target)
    with pytest.raises(HarnessError, match="saveLAR"):
        await rest.email_operation("e1", "Accept", saveLAR="yes")
    with pytest.raises(HarnessError):
        await rest.email_operation("e1", "NoSuchOperation")
    with pytest.raises(HarnessError):
        await rest.create_email()  # queueUri is required
    assert target.requests == []


async def test_deliberately_invalid_requests_are_sent_and_noted(recorder: Recorder) -> None:
    target = Target()
    rest = await rest_with(target)
    await rest.email_operation("e1", "Accept", deliberately_invalid=True, saveLAR="yes")
    await rest.email_operation("e1", None, saveLAR=True)
    assert target.requests[0].content == b'{"operationName": "Accept", "saveLAR": "yes"}'
    assert json.loads(target.requests[1].content) == {"saveLAR": True}
    notes = [e.summary for e in recorder.events if e.kind == "note"]
    assert len(notes) == 2 and all("deliberately malformed" in n for n in notes)


async def test_raw_sends_any_bytes_and_headers() -> None:
    target = Target()
    rest = await rest_with(target)
    await rest.raw("POST", "/api/v2/me/emails/e1", content=b"{not json", headers={"Content-Type": "text/plain"})
    await rest.raw("POST", "/api/v2/me/emails/e1", json={"operationName": "Accept", "saveLAR": float("nan")})
    assert target.requests[0].content == b"{not json" and target.requests[0].headers["content-type"] == "text/plain"
    assert target.requests[1].content == b'{"operationName": "Accept", "saveLAR": NaN}'


async def test_raw_validate_checks_the_routes_schema() -> None:
    rest = await rest_with(Target())
    with pytest.raises(HarnessError):
        await rest.raw("POST", "/api/v2/me/channels/email", json={"operationName": 5}, validate=True)


async def test_raw_without_auth_sends_no_credentials(recorder: Recorder) -> None:
    target = Target(httpx.Response(401, json={"statusCode": 20, "statusMessage": "Access denied"}))
    reply = await (await rest_with(target)).raw("GET", "/api/v2/me", auth=False)
    assert "authorization" not in target.requests[0].headers
    assert reply.status == 401 and reply.status_code == 20 and reply.status_message == "Access denied" and not reply.ok
    assert any("without credentials" in e.summary for e in recorder.events if e.kind == "note")


def test_request_schema_by_route() -> None:
    assert request_schema("POST", "/api/v2/me") == "me-operation-request"
    assert request_schema("POST", "/api/v2/me/channels/email") == "channel-operation-request"
    assert request_schema("POST", "/api/v2/me/emails") == "email-create-request"
    assert request_schema("POST", "/api/v2/me/emails/e1") == "email-operation-request"
    assert request_schema("GET", "/api/v2/me/emails/e1") is None
    assert request_schema("POST", "/api/v2/me/emails/e1/attachments") is None


async def test_success_reply_is_typed() -> None:
    reply = await (await rest_with(Target())).get_me()
    assert reply.ok and reply.status == 200 and reply.status_code == 0
    assert reply.json == {"statusCode": 0, "referenceId": 7} and reply.json_error is None
    assert reply.content_type == "application/json" and not reply.is_empty
    assert reply.url == "http://gws.test/api/v2/me" and reply.method == "GET"
    assert reply.elapsed >= 0 and reply.started > 0


@pytest.mark.parametrize(
    ("body", "json_error_start"),
    [
        (b"<html>oops</html>", "body is not JSON"),
        (b'{"statusCode": NaN}', "body is not JSON"),
        (b"\xef\xbb\xbf{}", "body starts with a UTF-8 byte-order mark"),
        (b'{"statusCode": "\xff"}', "body is not valid UTF-8"),
        (b'{"statusCode": 0', "body is not JSON"),
        (b"[" * 100_000, "body is not"),
    ],
)
async def test_garbage_bodies_become_json_errors(body: bytes, json_error_start: str) -> None:
    reply = await (await rest_with(Target(httpx.Response(200, content=body)))).get_me()
    assert reply.json is None and reply.json_error is not None and reply.json_error.startswith(json_error_start)
    assert reply.status_code is None and reply.body == body and reply.ok


async def test_empty_body_is_empty_not_a_json_error() -> None:
    reply = await (await rest_with(Target(httpx.Response(200)))).email_operation("e1", "Accept")
    assert reply.is_empty and reply.json is None and reply.json_error is None and reply.ok
    assert reply.summary() == "HTTP 200, empty body"


@pytest.mark.parametrize("value", ["0", True, 0.0, None, [0]])
async def test_status_code_must_be_a_json_integer(value: object) -> None:
    reply = await (await rest_with(Target(httpx.Response(200, json={"statusCode": value, "statusMessage": 3})))).get_me()
    assert reply.status_code is None and reply.status_message is None


async def test_non_object_json_has_no_status_code() -> None:
    reply = await (await rest_with(Target(httpx.Response(200, json=[{"statusCode": 0}])))).get_me()
    assert reply.json == [{"statusCode": 0}] and reply.status_code is None


async def test_transport_errors_come_back_as_replies() -> None:
    async with make_http_client(closed_port_url(), "agent1", "password1", timeout=2) as http:
        reply = await GwsRestClient(http, actor="agent1").email_operation("e1", "Accept")
    assert reply.status is None and reply.error is not None and not reply.ok and reply.json is None
    assert reply.summary().startswith("no HTTP answer (connect failed")


def test_parse_json_accepts_valid_documents() -> None:
    assert parse_json(b' {"a": [1, 2.5, null, true]} ') == ({"a": [1, 2.5, None, True]}, None)
    assert parse_json(b"") == (None, "empty body")


def test_reply_summary_shows_garbage() -> None:
    reply = RestReply("GET", "u", 502, {}, b"Bad Gateway", None, "body is not JSON (Expecting value at line 1 column 1)", None, 0.1, 0.0)
    assert reply.summary() == "HTTP 502, body is not JSON (Expecting value at line 1 column 1): 'Bad Gateway'"


async def test_a_body_that_cannot_be_json_is_our_error() -> None:
    with pytest.raises(HarnessError):
        await (await rest_with(Target())).raw("POST", "/api/v2/me", json={"x": object()})
