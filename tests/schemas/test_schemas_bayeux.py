"""The Bayeux schemas: the channel, pattern, clientId and version grammars, and the fields each
meta message must carry per direction (https://docs.cometd.org/current/reference/#_bayeux_protocol_elements
to #_bayeux_meta_message, examples from the Bayeux 1.0 text)."""

from __future__ import annotations

from typing import Any

import pytest

from conformance import schemas

CLIENT_ID = "Un1q31d3nt1f13r"

# (schema, message): the specification's own examples and the shapes CometD 3 and faye send.
VALID: list[tuple[str, dict[str, Any]]] = [
    ("bayeux-handshake-request", {"channel": "/meta/handshake", "version": "1.0", "minimumVersion": "1.0beta",
                                  "supportedConnectionTypes": ["long-polling", "callback-polling", "iframe"]}),
    ("bayeux-handshake-request", {"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["websocket", "long-polling"],
                                  "advice": {"timeout": 60000, "interval": 0}, "id": "1"}),
    ("bayeux-handshake-reply", {"channel": "/meta/handshake", "version": "1.0", "minimumVersion": "1.0beta",
                                "supportedConnectionTypes": ["long-polling", "callback-polling"], "clientId": CLIENT_ID,
                                "successful": True, "authSuccessful": True, "advice": {"reconnect": "retry"}}),
    ("bayeux-handshake-reply", {"channel": "/meta/handshake", "version": "1.0", "minimumVersion": "1.0beta",
                                "supportedConnectionTypes": ["long-polling", "callback-polling"], "successful": False,
                                "error": "Authentication failed", "advice": {"reconnect": "none"}}),
    ("bayeux-handshake-reply", {"channel": "/meta/handshake", "successful": False, "error": "403::Handshake denied",
                                "advice": {"reconnect": "none"}, "id": 1}),
    ("bayeux-connect-request", {"channel": "/meta/connect", "clientId": CLIENT_ID, "connectionType": "long-polling"}),
    ("bayeux-connect-request", {"channel": "/meta/connect", "clientId": CLIENT_ID, "connectionType": "long-polling",
                                "advice": {"timeout": 0}, "id": "2"}),
    ("bayeux-connect-reply", {"channel": "/meta/connect", "successful": True, "error": "", "clientId": CLIENT_ID,
                              "advice": {"reconnect": "retry"}}),
    ("bayeux-connect-reply", {"channel": "/meta/connect", "successful": False, "error": "402::Unknown client",
                              "advice": {"reconnect": "handshake", "interval": 0}}),
    ("bayeux-subscribe-request", {"channel": "/meta/subscribe", "clientId": CLIENT_ID, "subscription": "/foo/**"}),
    ("bayeux-subscribe-request", {"channel": "/meta/subscribe", "clientId": CLIENT_ID, "subscription": ["/v2/me/emails", "/v2/me/channels"]}),
    ("bayeux-subscribe-reply", {"channel": "/meta/subscribe", "clientId": CLIENT_ID, "subscription": "/foo/**",
                                "successful": True, "error": ""}),
    ("bayeux-subscribe-reply", {"channel": "/meta/subscribe", "clientId": CLIENT_ID, "subscription": "/bar/baz",
                                "successful": False, "error": "403:/bar/baz:Permission Denied"}),
    ("bayeux-unsubscribe-request", {"channel": "/meta/unsubscribe", "clientId": CLIENT_ID, "subscription": "/foo/**"}),
    ("bayeux-unsubscribe-reply", {"channel": "/meta/unsubscribe", "clientId": CLIENT_ID, "subscription": "/foo/**", "successful": True}),
    ("bayeux-disconnect-request", {"channel": "/meta/disconnect", "clientId": CLIENT_ID}),
    ("bayeux-disconnect-reply", {"channel": "/meta/disconnect", "successful": True}),
    ("bayeux-delivery", {"channel": "/v2/me/emails", "data": {"messageType": "EmailStateChangeMessage"}}),
    ("bayeux-delivery", {"channel": "/some/name", "data": None, "id": 7}),
    ("bayeux-delivery", {"channel": "/foo-bar/(foobar)", "data": [1, 2], "ext": {"ack": 3}}),
]

# (schema, message, the start of the one error conformance.schemas reports).
INVALID: list[tuple[str, dict[str, Any], str]] = [
    ("bayeux-handshake-request", {"channel": "/meta/handshake", "supportedConnectionTypes": ["long-polling"]}, "(root): 'version' is a required property"),
    ("bayeux-handshake-request", {"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": []}, "supportedConnectionTypes: [] should be non-empty"),
    ("bayeux-handshake-request", {"channel": "/meta/connect", "version": "1.0", "supportedConnectionTypes": ["long-polling"]}, "channel: '/meta/handshake' was expected"),
    ("bayeux-handshake-reply", {"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"], "successful": True}, "(root): 'clientId' is a required property"),
    ("bayeux-handshake-reply", {"channel": "/meta/handshake", "successful": False}, "(root): 'error' is a required property"),
    ("bayeux-handshake-reply", {"channel": "/meta/handshake", "successful": False, "error": "403::Handshake denied", "clientId": CLIENT_ID}, "clientId: 'Un1q31d3nt1f13r' should not be valid"),
    ("bayeux-handshake-reply", {"channel": "/meta/handshake", "successful": "true", "error": "x"}, "successful: 'true' is not of type 'boolean'"),
    ("bayeux-handshake-reply", {"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"], "successful": True, "clientId": "a-b-c"}, "clientId: 'a-b-c' does not match"),
    ("bayeux-connect-request", {"channel": "/meta/connect", "clientId": "abc\n", "connectionType": "long-polling"}, "clientId: 'abc\\n' does not match"),
    ("bayeux-connect-request", {"channel": "/meta/connect", "clientId": CLIENT_ID}, "(root): 'connectionType' is a required property"),
    ("bayeux-connect-request", {"channel": "/meta/connect", "connectionType": "long-polling"}, "(root): 'clientId' is a required property"),
    ("bayeux-connect-reply", {"channel": "/meta/connect"}, "(root): 'successful' is a required property"),
    ("bayeux-connect-reply", {"channel": "/meta/connect", "successful": True, "advice": {"reconnect": "again"}}, "advice/reconnect: 'again' is not one of"),
    ("bayeux-connect-reply", {"channel": "/meta/connect", "successful": True, "advice": {"timeout": "30000"}}, "advice/timeout: '30000' is not of type 'integer'"),
    ("bayeux-subscribe-request", {"channel": "/meta/subscribe", "clientId": CLIENT_ID}, "(root): 'subscription' is a required property"),
    ("bayeux-subscribe-request", {"channel": "/meta/subscribe", "clientId": CLIENT_ID, "subscription": "/foo/*/bar"}, "subscription: '/foo/*/bar' is not valid under any"),
    ("bayeux-subscribe-request", {"channel": "/meta/subscribe", "clientId": CLIENT_ID, "subscription": []}, "subscription: [] is not valid under any"),
    ("bayeux-subscribe-reply", {"channel": "/meta/subscribe", "successful": False, "error": "403::subscription_missing"}, "(root): 'subscription' is a required property"),
    ("bayeux-unsubscribe-reply", {"channel": "/meta/unsubscribe", "successful": True}, "(root): 'subscription' is a required property"),
    ("bayeux-disconnect-request", {"channel": "/meta/disconnect"}, "(root): 'clientId' is a required property"),
    ("bayeux-disconnect-reply", {"channel": "/meta/disconnect", "clientId": CLIENT_ID}, "(root): 'successful' is a required property"),
    ("bayeux-delivery", {"channel": "/v2/me/emails"}, "(root): 'data' is a required property"),
    ("bayeux-delivery", {"channel": "/meta/connect", "data": {}}, "channel: '/meta/connect' should not be valid under"),
    ("bayeux-delivery", {"channel": "/v2/me/**", "data": {}}, "channel: '/v2/me/**' does not match"),
    ("bayeux-delivery", {"channel": "/v2/me/emails", "data": {}, "clientId": CLIENT_ID}, "clientId: 'Un1q31d3nt1f13r' should not be valid"),
    ("bayeux-delivery", {"channel": "/v2/me/emails", "data": {}, "id": True}, "id: True is not of type 'string', 'number'"),
    ("bayeux-message", {"data": {}}, "(root): 'channel' is a required property"),
    ("bayeux-message", {"channel": "/meta/handshake", "version": 1.0}, "version: 1.0 is not of type 'string'"),
    ("bayeux-message", {"channel": "/meta/handshake", "version": "v1"}, "version: 'v1' does not match"),
]


@pytest.mark.parametrize(("schema", "message"), VALID, ids=lambda v: v if isinstance(v, str) else None)
def test_valid_message(schema: str, message: dict[str, Any]) -> None:
    assert schemas.errors(schema, message) == []
    assert schemas.errors("bayeux-message", message) == []


@pytest.mark.parametrize(("schema", "message", "error"), INVALID, ids=lambda v: v if isinstance(v, str) and not v.startswith("(") else None)
def test_invalid_message(schema: str, message: dict[str, Any], error: str) -> None:
    problems = schemas.errors(schema, message)
    assert len(problems) == 1, problems
    assert problems[0].startswith(error), problems


@pytest.mark.parametrize(("channel", "valid"), [
    ("/foo/bar", True), ("/foo-bar/(foobar)", True), ("/v2/me/emails", True), ("/meta/connect", True),
    ("/a~b/c!d/$e@f/g_h", True), ("/v2/me/im-sessions", True),
    ("", False), ("foo", False), ("/", False), ("/foo/", False), ("//foo", False), ("/foo bar", False),
    ("/foo.bar", False), ("/foo/*", False), ("/foo/**", False), ("/f\u00f6o", False), ("/foo\n", False),
])
def test_channel_name_grammar(channel: str, valid: bool) -> None:
    assert (schemas.errors("bayeux-message", {"channel": channel}) == []) is valid


@pytest.mark.parametrize(("subscription", "valid"), [
    ("/foo/*", True), ("/foo/**", True), ("/*", True), ("/**", True), ("/v2/me/emails", True),
    (["/foo/*", "/bar"], True),
    ("/foo/*/bar", False), ("/**/foo", False), ("/foo*", False), ("/foo/***", False), ("/foo/*a", False),
    ("*", False), ("/", False), ([], False), (["/ok", "bad"], False), (5, False),
])
def test_subscription_grammar(subscription: object, valid: bool) -> None:
    message = {"channel": "/meta/subscribe", "clientId": CLIENT_ID, "subscription": subscription}
    assert (schemas.errors("bayeux-subscribe-request", message) == []) is valid


@pytest.mark.parametrize(("version", "valid"), [
    ("1.0", True), ("1", True), ("1.0beta", True), ("2.1.rc-1_x", True),
    ("", False), ("1.", False), (".1", False), ("1.-a", False), ("v1", False), ("1.0\n", False),
])
def test_version_grammar(version: str, valid: bool) -> None:
    assert (schemas.errors("bayeux-message", {"channel": "/meta/handshake", "version": version}) == []) is valid
