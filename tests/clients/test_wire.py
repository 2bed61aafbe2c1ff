import json

import httpx
import pytest

from conformance.clients.bayeux import messages as bx
from conformance.clients.bayeux.wire import LongPollingWire, WireReply, parse_batch
from conformance.errors import HarnessError
from conformance.evidence import Recorder

from .peers import closed_port_url, mock_client

pytestmark = pytest.mark.anyio

URL = "http://gws.test/api/v2/notifications"


class Target:
    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.response


def wire_for(target: Target, **kwargs) -> LongPollingWire:
    return LongPollingWire(mock_client(target), URL, actor="agent1", **kwargs)


async def test_send_posts_a_json_array_and_parses_every_reply(recorder: Recorder) -> None:
    replies = [
        {"channel": "/v2/me/emails", "data": {"messageType": "EmailStateChangeMessage"}},
        {"channel": "/meta/connect", "id": "2", "successful": True},
    ]
    target = Target(httpx.Response(200, json=replies))
    reply = await wire_for(target).send([bx.connect("2", "abc", "long-polling")], timeout=2)
    request = target.requests[0]
    assert request.method == "POST" and str(request.url) == URL
    assert request.headers["content-type"] == "application/json;charset=UTF-8"
    assert json.loads(request.content) == [{"channel": "/meta/connect", "clientId": "abc", "connectionType": "long-polling", "id": "2"}]
    assert reply.status == 200 and reply.error is None and reply.problems == [] and reply.messages == replies
    assert reply.reply_to("2") == replies[1] and reply.by_channel("/v2/me/emails") == [replies[0]]
    assert reply.meta == [replies[1]] and reply.deliveries == [replies[0]]
    assert [e.kind for e in recorder.events] == ["bayeux-out", "http", "bayeux-in"]


@pytest.mark.parametrize("echoed", ["7", 7, 7.0])
def test_reply_to_compares_ids_as_given_and_as_strings(echoed: object) -> None:
    reply = WireReply(200, {}, [{"channel": "/meta/connect", "id": echoed, "successful": True}], b"", 0, None)
    assert reply.reply_to("7") is not None and reply.reply_to(7) is not None
    assert reply.reply_to("8") is None


def test_reply_to_prefers_the_requested_channel_never_the_position() -> None:
    event = {"channel": "/v2/me/emails", "id": "3", "data": {}}
    answer = {"channel": "/meta/subscribe", "id": "3", "successful": True}
    reply = WireReply(200, {}, [event, answer], b"", 0, None)
    assert reply.reply_to("3", "/meta/subscribe") is answer
    assert reply.reply_to("3") is event


def test_reply_to_ignores_unusable_ids() -> None:
    reply = WireReply(200, {}, [{"channel": "/meta/x", "id": None}, {"channel": "/meta/x", "id": ["1"]}, {"channel": "/meta/x", "id": True}], b"", 0, None)
    assert reply.reply_to("None") is None and reply.reply_to("['1']") is None and reply.reply_to("True") is None


@pytest.mark.parametrize(
    ("body", "messages", "error", "problems"),
    [
        (b'[{"channel":"/meta/connect"}]', [{"channel": "/meta/connect"}], None, []),
        (b'{"channel":"/meta/connect"}', [{"channel": "/meta/connect"}], None, ["answer is a single JSON object, not an array (Bayeux: SHOULD be an array)"]),
        (b'[{"channel":"/a"}, 1, "x", null]', [{"channel": "/a"}], None, 3),
        (b"[]", [], None, ["answer is an empty array"]),
        (b'"hello"', [], "body is not a JSON array/object: a JSON str: '\"hello\"'", []),
        (b"<html>", [], "body is not a JSON array/object: body is not JSON", []),
        (b"", [], "body is not a JSON array/object: empty body", []),
    ],
)
def test_parse_batch_never_trusts_the_body(body: bytes, messages: list, error: str | None, problems) -> None:
    got_messages, got_error, got_problems = parse_batch(body)
    assert got_messages == messages
    assert (got_error is None) if error is None else got_error.startswith(error)
    assert len(got_problems) == problems if isinstance(problems, int) else got_problems == problems


async def test_single_object_reply_is_parsed_and_flagged() -> None:
    target = Target(httpx.Response(200, json={"channel": "/meta/handshake", "id": "1", "successful": True}))
    reply = await wire_for(target).send([bx.handshake("1", ["long-polling"])], timeout=2)
    assert reply.error is None and reply.reply_to("1") is not None and len(reply.problems) == 1


async def test_http_error_status_is_an_error_with_the_body_still_parsed() -> None:
    target = Target(httpx.Response(401, json={"statusCode": 20, "statusMessage": "Access denied"}))
    reply = await wire_for(target).send([bx.handshake("1", ["long-polling"])], timeout=2)
    assert reply.status == 401 and reply.error == "HTTP 401" and reply.messages == [{"statusCode": 20, "statusMessage": "Access denied"}]


async def test_garbage_reply_is_an_error() -> None:
    target = Target(httpx.Response(200, content=b"<html>Internal error</html>"))
    reply = await wire_for(target).send([bx.handshake("1", ["long-polling"])], timeout=2)
    assert reply.status == 200 and reply.messages == [] and reply.error.startswith("body is not a JSON array/object")
    assert reply.raw == b"<html>Internal error</html>"


async def test_transport_failure_is_an_error() -> None:
    from conformance.clients.http import make_http_client

    async with make_http_client(closed_port_url(), "a", "b", timeout=2) as http:
        reply = await LongPollingWire(http, "/cometd", actor="a").send([bx.handshake("1", ["long-polling"])], timeout=2)
    assert reply.status is None and reply.messages == [] and reply.error.startswith("connect failed")


async def test_append_message_type_posts_a_lone_meta_message_to_its_sub_path() -> None:
    target = Target(httpx.Response(200, json=[]))
    wire = wire_for(target, append_message_type=True)
    await wire.send([bx.handshake("1", ["long-polling"])], timeout=2)
    await wire.send([bx.subscribe("2", "c", "/a"), bx.connect("3", "c", "long-polling")], timeout=2)
    assert [r.url.path for r in target.requests] == ["/api/v2/notifications/handshake", "/api/v2/notifications"]


async def test_our_malformed_batches_are_refused_unless_deliberate(recorder: Recorder) -> None:
    target = Target(httpx.Response(200, json=[]))
    wire = wire_for(target)
    with pytest.raises(HarnessError):
        await wire.send([{"channel": "no-slash", "id": "1"}], timeout=2)
    with pytest.raises(HarnessError):
        await wire.send([bx.subscribe("1", "c", "/foo/*/bar")], timeout=2)
    assert target.requests == []
    await wire.send([{"channel": "no-slash", "id": "1"}, 42], timeout=2, deliberately_invalid=True)
    assert json.loads(target.requests[0].content) == [{"channel": "no-slash", "id": "1"}, 42]
    assert any("deliberately malformed" in e.summary for e in recorder.events if e.kind == "note")


async def test_send_raw_posts_any_bytes() -> None:
    target = Target(httpx.Response(400, content=b""))
    reply = await wire_for(target).send_raw(b"message=%5B%5D", timeout=2, content_type="application/x-www-form-urlencoded")
    assert target.requests[0].content == b"message=%5B%5D"
    assert target.requests[0].headers["content-type"] == "application/x-www-form-urlencoded"
    assert reply.status == 400 and reply.error.startswith("HTTP 400")


def test_error_strings_parse_into_code_args_message() -> None:
    error = bx.parse_error("403:xj3sjd,/foo/bar:Subscription denied")
    assert (error.code, error.args, error.message, error.code_class) == (403, ("xj3sjd", "/foo/bar"), "Subscription denied", 400)
    assert bx.parse_error("402::Unknown client").args == ()
    assert bx.parse_error("Unknown client").code is None
    assert bx.parse_error({"x": 1}).code is None
    assert bx.parse_error(None) is None
