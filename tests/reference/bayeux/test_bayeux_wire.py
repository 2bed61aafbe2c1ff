"""Decoding long-polling bodies: JSON array or object, any charset, or form-encoded message=."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from conformance.reference.bayeux.wire import BadRequest, decode_body, decode_frame

CONNECT = {"channel": "/meta/connect", "clientId": "x", "connectionType": "long-polling"}


def test_array_and_single_object() -> None:
    assert decode_body(json.dumps([CONNECT, CONNECT]).encode(), "application/json") == [CONNECT, CONNECT]
    assert decode_body(json.dumps(CONNECT).encode(), "application/json;charset=UTF-8") == [CONNECT]


def test_declared_charset_is_used() -> None:
    body = json.dumps({"channel": "/service/x", "data": "caf\u00e9"}, ensure_ascii=False).encode("latin-1")
    assert decode_body(body, "application/json; charset=ISO-8859-1")[0]["data"] == "caf\u00e9"


def test_missing_content_type_reads_json() -> None:
    assert decode_body(json.dumps([CONNECT]).encode(), "") == [CONNECT]


def test_form_encoded_messages() -> None:
    body = urlencode([("message", json.dumps(CONNECT)), ("message", json.dumps([CONNECT, CONNECT]))]).encode()
    assert decode_body(body, "application/x-www-form-urlencoded") == [CONNECT] * 3


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"", "application/json"),
        (b"{not json", "application/json"),
        (b"42", "application/json"),
        (b'"text"', "application/json"),
        (b"\xff\xfe\xfa", "application/json"),
        (b"[]", "application/json; charset=no-such-charset"),
        (b"other=1", "application/x-www-form-urlencoded"),
        (b"message=%7Bbad", "application/x-www-form-urlencoded"),
        (b"[" * 100_000, "application/json"),
    ],
)
def test_bad_bodies(body: bytes, content_type: str) -> None:
    with pytest.raises(BadRequest):
        decode_body(body, content_type)


def test_frames() -> None:
    assert decode_frame(json.dumps(CONNECT)) == [CONNECT]
    with pytest.raises(BadRequest):
        decode_frame("nope")
