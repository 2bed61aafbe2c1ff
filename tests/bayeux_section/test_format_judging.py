"""The format judges of BAYEUX-CHANNEL-* and BAYEUX-MESSAGE-*: versions compared by element,
bare objects noticed, advice types, the error grammar, refusals at the HTTP level."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conformance.clients.bayeux.wire import WireReply, parse_batch
from conformance.errors import Blocked, CheckFailed
from conformance.verify import bayeux_format as shape

SUBSCRIBE = {"channel": "/meta/subscribe", "clientId": "abc", "subscription": "/foo/*/bar", "id": "3"}
PUBLISH = {"channel": "/foo/*", "clientId": "abc", "data": {}, "id": "4"}


def answer(raw: bytes, status: int | None = 200) -> WireReply:
    messages, error, problems = parse_batch(raw)
    return WireReply(status, {}, messages, raw, 0.01, error, problems)


@pytest.mark.parametrize("version", ["1.0", "1.00", "01.0"])
def test_version_1_0_by_element(version: str) -> None:
    shape.negotiated_version({"version": version}, "1.0", "h")


@pytest.mark.parametrize("version", ["2.0", "1.1", "1", "1.0beta", "", None, 1.0])
def test_other_versions_fail(version: Any) -> None:
    with pytest.raises(CheckFailed):
        shape.negotiated_version({"version": version}, "1.0", "h")


def test_bare_object_is_named() -> None:
    array, bare = answer(b'[{"channel": "/meta/connect"}]'), answer(b'{"channel": "/meta/connect"}')
    shape.arrays_only([("the connect", array)], "body")
    with pytest.raises(CheckFailed, match="answered the connect"):
        shape.arrays_only([("the handshake", array), ("the connect", bare)], "body")


@pytest.mark.parametrize(
    "advice",
    [
        None,
        {"reconnect": "retry", "interval": 0, "timeout": 30000},
        {"reconnect": "none", "interval": -1},
        {"interval": 1000.0},
        {"reconnect": "handshake", "long-polling": {"timeout": 5000}},
    ],
)
def test_well_formed_connect_advice(advice: Any) -> None:
    shape.well_formed_connect_advice({} if advice is None else {"advice": advice}, "c")


@pytest.mark.parametrize(
    "advice",
    [
        "retry",
        {"reconnect": "later"},
        {"interval": 0.5},
        {"interval": "0"},
        {"timeout": -1},
        {"timeout": True},
        {"long-polling": {"interval": 2.5}},
    ],
)
def test_malformed_connect_advice(advice: Any) -> None:
    with pytest.raises(CheckFailed):
        shape.well_formed_connect_advice({"advice": advice}, "c")


def test_error_format_judges_refusals_only() -> None:
    shape.error_format([("a", {"successful": False, "error": "402::Unknown client"}), ("b", {"successful": True, "error": "free"})])
    shape.error_format([("a", {"successful": False})])  # the error field is optional
    with pytest.raises(CheckFailed, match="code:args:message"):
        shape.error_format([("a", {"successful": False, "error": "Unknown client"})])
    with pytest.raises(Blocked):
        shape.error_format([("a", {"successful": True})])


def test_invalid_pattern_refusals() -> None:
    refused = {"channel": "/meta/subscribe", "id": "3", "successful": False, "error": "405:/foo/*/bar:Invalid channel"}
    shape.subscription_not_granted(answer(json.dumps([refused]).encode()), SUBSCRIBE, "s")
    shape.subscription_not_granted(answer(b"", status=500), SUBSCRIBE, "s")
    with pytest.raises(CheckFailed, match="not refused"):
        shape.subscription_not_granted(answer(json.dumps([{**refused, "successful": True}]).encode()), SUBSCRIBE, "s")
    with pytest.raises(Blocked):
        shape.subscription_not_granted(answer(b"", status=200), SUBSCRIBE, "s")


def test_wildcard_publish_refusals() -> None:
    ack = {"channel": "/foo/*", "id": "4", "successful": False, "error": "405:/foo/*:Invalid channel"}
    shape.publish_refused(answer(json.dumps([ack]).encode()), PUBLISH, "p")
    with pytest.raises(CheckFailed):
        shape.publish_refused(answer(json.dumps([{**ack, "successful": True}]).encode()), PUBLISH, "p")
    with pytest.raises(Blocked):
        shape.publish_refused(answer(b"[]"), PUBLISH, "p")
