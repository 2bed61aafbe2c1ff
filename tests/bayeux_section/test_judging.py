"""The Bayeux verify helpers judge by id and code class, never by position or error text."""

from __future__ import annotations

import json

import pytest

from conformance.clients.bayeux.wire import WireReply
from conformance.errors import Blocked, CheckFailed
from conformance.verify import bayeux as judge

CONNECT = {"channel": "/meta/connect", "clientId": "abc", "connectionType": "long-polling", "id": "7"}


def reply(*messages: dict, status: int | None = 200, error: str | None = None) -> WireReply:
    return WireReply(status, {}, list(messages), json.dumps(list(messages)).encode(), 0.01, error)


@pytest.mark.parametrize(
    "error",
    ["402::Unknown client", "401:abc:Unknown client", "402::unknown_session", "403:abc,/foo:denied"],
)
def test_refusals_are_judged_by_code_class(error: str) -> None:
    judge.refused_with_class(reply({"channel": "/meta/connect", "id": "7", "successful": False, "error": error}), CONNECT, "c")


@pytest.mark.parametrize(
    "answer, reason",
    [
        ({"channel": "/meta/connect", "id": "7", "successful": True}, "not refused"),
        ({"channel": "/meta/connect", "id": "7", "successful": False, "error": "Unknown client"}, "code:args:message"),
        ({"channel": "/meta/connect", "id": "7", "successful": False, "error": "500::oops"}, "code 500"),
        ({"channel": "/meta/connect", "id": "8", "successful": False, "error": "402::x"}, "no /meta/connect reply with id"),
    ],
)
def test_refusals_that_do_not_count(answer: dict, reason: str) -> None:
    with pytest.raises(CheckFailed, match=reason):
        judge.refused_with_class(reply(answer), CONNECT, "c")


def test_replies_are_found_by_id_whatever_their_position_and_id_type() -> None:
    event = {"channel": "/v2/me/emails", "data": {}}
    answer = {"id": 7, "channel": "/meta/connect", "successful": True}
    assert judge.meta_successful(reply(event, answer), CONNECT, "c") is answer
    judge.id_echoed(reply(answer, event), dict(CONNECT, id=7.0), "c")
    with pytest.raises(CheckFailed, match="does not carry the request's id"):
        judge.id_echoed(reply({"channel": "/meta/connect", "successful": True}), CONNECT, "c")


def test_advice_nested_per_transport_overrides_the_top_level() -> None:
    answer = {"advice": {"reconnect": "retry", "long-polling": {"reconnect": "handshake"}}}
    judge.advises_reconnect(answer, "long-polling", "handshake", "r")
    with pytest.raises(CheckFailed):
        judge.advises_reconnect(answer, "websocket", "handshake", "r")


@pytest.mark.parametrize(
    "advice, ok",
    [
        ({"reconnect": "retry", "interval": 0, "timeout": 30000}, True),
        ({}, True),
        ({"reconnect": "again"}, False),
        ({"timeout": "30000"}, False),
        ({"timeout": -1}, False),
        ("retry", False),
    ],
)
def test_advice_shape(advice: object, ok: bool) -> None:
    answer = {"channel": "/meta/handshake", "advice": advice}
    if ok:
        judge.well_formed_advice(answer, "h")
    else:
        with pytest.raises(CheckFailed):
            judge.well_formed_advice(answer, "h")


def test_batch_needs_one_reply_per_message_on_its_channel() -> None:
    batch = [dict(CONNECT, id="1"), {"channel": "/meta/disconnect", "clientId": "abc", "id": "2"}]
    judge.one_reply_each(reply({"channel": "/meta/disconnect", "id": 2}, {"channel": "/meta/connect", "id": "1"}), batch, "b")
    with pytest.raises(CheckFailed, match="0 /meta/disconnect replies"):
        judge.one_reply_each(reply({"channel": "/meta/connect", "id": "1"}, {"channel": "/meta/connect", "id": "2"}), batch, "b")


HANDSHAKE = {"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"], "id": "1"}


def test_a_refused_handshake_is_an_http_4xx_or_successful_false() -> None:
    judge.upgrade_refused(403, "h")  # the WebSocket upgrade was refused
    judge.no_session(reply(status=401, error="HTTP 401"), HANDSHAKE, "h")
    judge.no_session(reply({"channel": "/meta/handshake", "id": "1", "successful": False, "error": "403::Handshake denied"}), HANDSHAKE, "h")
    with pytest.raises(CheckFailed, match="got a session"):
        judge.no_session(reply({"channel": "/meta/handshake", "successful": True, "clientId": "x"}), HANDSHAKE, "h")


@pytest.mark.parametrize(
    "answer, step",
    [
        (WireReply(None, {}, [], b"", 0.5, "timeout: no complete answer within 0.5 s"), "reach the target"),
        (WireReply(None, {}, [], b"", 0.0, "connect failed: All connection attempts failed"), "reach the target"),
        (WireReply(200, {}, [], b"{garbage[", 0.01, "body is not a JSON array/object: body is not JSON"), "read the answer"),
        (WireReply(500, {}, [], b"oops", 0.01, "HTTP 500: body is not a JSON array/object"), "read the answer"),
        (reply(status=200), "read the answer"),  # an empty array: no handshake reply at all
    ],
    ids=["timeout", "refused-connection", "garbage", "http-500", "no-reply"],
)
def test_silence_or_garbage_is_not_a_refused_handshake(answer: WireReply, step: str) -> None:
    with pytest.raises(Blocked) as blocked:
        judge.no_session(answer, HANDSHAKE, "h")
    assert blocked.value.step == step


def test_a_websocket_upgrade_answered_otherwise_than_4xx_is_no_refusal() -> None:
    for status in (200, 302, 500):
        with pytest.raises(Blocked, match=f"HTTP {status}"):
            judge.upgrade_refused(status, "h")


def test_an_unanswered_meta_message_blocks_positive_and_negative_judgements() -> None:
    silent = WireReply(None, {}, [], b"", 0.3, "protocol error: Server disconnected without sending a response.")
    for judgement in (judge.meta_successful, judge.refused_with_class, judge.not_successful, judge.answer_to):
        with pytest.raises(Blocked, match="no answer"):
            judgement(silent, CONNECT, "c")


def test_not_successful_accepts_an_http_refusal() -> None:
    judge.not_successful(reply(status=400, error="HTTP 400"), CONNECT, "c")
    with pytest.raises(CheckFailed, match="without an error string"):
        judge.not_successful(reply({"channel": "/meta/connect", "id": "7", "successful": False}), CONNECT, "c")


@pytest.mark.parametrize("elapsed, ok", [(1.0, True), (3.0, True), (0.4, False), (6.1, False)])
def test_hold_tolerance(elapsed: float, ok: bool) -> None:
    if ok:
        judge.held_about(elapsed, 2.0, "hold")
    else:
        with pytest.raises(CheckFailed):
            judge.held_about(elapsed, 2.0, "hold")


def test_foreign_client_ids_and_envelopes() -> None:
    judge.no_foreign_client_id({"channel": "/a", "data": 1, "clientId": "mine"}, "mine", "e")
    with pytest.raises(CheckFailed, match="another client's clientId"):
        judge.no_foreign_client_id({"channel": "/a", "data": 1, "clientId": "theirs"}, "mine", "e")
    judge.event_envelope({"channel": "/a", "data": None}, "/a", "e")
    with pytest.raises(CheckFailed, match="carries no data"):
        judge.event_envelope({"channel": "/a"}, "/a", "e")


def test_a_released_connect_may_be_answered_by_cometds_http_error() -> None:
    answer = {"channel": "/meta/connect", "id": "7", "successful": True}
    assert judge.released(reply(answer), CONNECT, "c") is answer
    for status in (408, 500):  # CometD 3.1; later CometD and cometd-nodejs-server
        assert judge.released(WireReply(status, {}, [], b"", 0.01, f"HTTP {status}"), CONNECT, "c") is None
    with pytest.raises(Blocked, match="no answer"):  # no answer at all: not a release, and no verdict
        judge.released(WireReply(None, {}, [], b"", 0.01, "connection reset"), CONNECT, "c")
    with pytest.raises(CheckFailed, match="no /meta/connect reply with id"):  # a Bayeux body is judged as such
        judge.released(reply({"channel": "/meta/connect", "id": "8", "successful": False, "error": "500::x"}, status=500), CONNECT, "c")


@pytest.mark.parametrize(
    "answer, reason",
    [
        ({"channel": "/meta/connect", "id": "7"}, "carries no boolean successful"),
        ({"channel": "/meta/connect", "id": "7", "successful": "false"}, "carries no boolean successful"),
        ({"channel": "/meta/connect", "id": "8", "successful": True}, "no /meta/connect reply with id"),  # the other connect's
    ],
)
def test_a_released_connect_reply_is_its_own_and_says_successful(answer: dict, reason: str) -> None:
    with pytest.raises(CheckFailed, match=reason):
        judge.released(reply(answer), CONNECT, "c")


def test_a_released_connect_may_say_it_failed() -> None:
    """Whether a replaced connect succeeded is the server's choice: CometD answers it with an error."""
    answer = {"channel": "/meta/connect", "id": "7", "successful": False, "error": "409::replaced"}
    assert judge.released(reply(answer), CONNECT, "c") is answer


def test_each_handshake_gets_a_newly_generated_client_id() -> None:
    def handshake(message_id: str, client_id: str) -> tuple[WireReply, dict]:
        sent = {"channel": "/meta/handshake", "id": message_id}
        return reply({"channel": "/meta/handshake", "id": message_id, "successful": True, "clientId": client_id}), sent

    judge.newly_generated_client_ids([handshake("1", "a"), handshake("2", "b")], "h")
    with pytest.raises(CheckFailed, match="1 distinct clientId"):
        judge.newly_generated_client_ids([handshake("1", "a"), handshake("2", "a")], "h")
    with pytest.raises(CheckFailed, match="carries no clientId"):
        judge.newly_generated_client_ids([handshake("1", "a"), handshake("2", "")], "h")
