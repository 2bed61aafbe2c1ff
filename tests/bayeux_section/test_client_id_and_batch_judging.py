"""The clientId and handshake-batch judges: what passes as random and unique, what a batched
handshake may answer, and what counts as the batched disconnect being processed."""

from __future__ import annotations

import json
import random
import secrets
import string

import pytest

from conformance.clients.bayeux.wire import WireReply
from conformance.errors import Blocked, CheckFailed
from conformance.verify import client_ids, handshake_batch

DISCONNECT = {"channel": "/meta/disconnect", "clientId": "s1", "id": "9"}
CONNECT = {"channel": "/meta/connect", "clientId": "s1", "connectionType": "long-polling", "id": "10"}


def reply(*messages: dict, status: int | None = 200, error: str | None = None) -> WireReply:
    return WireReply(status, {}, list(messages), json.dumps(list(messages)).encode() if messages else b"", 0.01, error)


def _base36(value: int) -> str:
    digits = ""
    while value:
        value, digit = divmod(value, 36)
        digits = (string.digits + string.ascii_lowercase)[digit] + digits
    return digits or "0"


def _cometd_java_id(counter: int, rng: random.Random) -> str:
    """As CometD 3.1's ServerSessionImpl: random 63-bit numbers in base 36 until 20 characters,
    the counter in base 36 in front."""
    tail = ""
    while len(tail) < 20:
        tail += _base36(rng.getrandbits(63))
    return _base36(counter) + tail


def _faye_id(rng: random.Random) -> str:
    return "".join(rng.choice(string.digits + string.ascii_lowercase) for _ in range(31))


@pytest.mark.parametrize(
    "make",
    [
        lambda n, rng: secrets.token_hex(16),  # the reference server
        lambda n, rng: secrets.token_hex(20),  # cometd-nodejs-server
        lambda n, rng: _faye_id(rng),
        lambda n, rng: _cometd_java_id(n + 1, rng),
        lambda n, rng: _cometd_java_id(n + 1000, rng),  # a counter prefix shared by every id
        lambda n, rng: "node7-" + secrets.token_urlsafe(22),
    ],
    ids=["hex-128", "hex-160", "faye", "cometd-java", "cometd-java-late", "node-prefix-base64"],
)
def test_random_ids_pass(make) -> None:
    rng = random.Random(7)
    for _ in range(50):  # never a false FAIL, however the draw falls
        ids = [make(n, rng) for n in range(8)]
        client_ids.distinct(ids, "ids")
        client_ids.unguessable(ids, "ids")


@pytest.mark.parametrize(
    "ids",
    [
        [f"{n:032x}" for n in range(1, 9)],  # a zero-padded counter as long as 128 bits in hex
        [f"{0xA3F0C1D2E3F4A5B6C7D8E9F0A1B2C3 + n:032x}" for n in range(8)],  # a counter from a random start
        [f"1701234567{n:03d}-srv" for n in range(8)],  # a timestamp
        [secrets.token_hex(8) for _ in range(8)],  # random, but 64 bits
        ["same"] * 8,
    ],
    ids=["counter", "counter-random-start", "timestamp", "64-bits", "one-id"],
)
def test_guessable_ids_fail(ids: list[str]) -> None:
    with pytest.raises(CheckFailed, match="random bits"):
        client_ids.unguessable(ids, "ids")


def test_a_repeated_id_fails_distinct() -> None:
    with pytest.raises(CheckFailed, match="1 clientId"):
        client_ids.distinct(["a1", "b2", "a1"], "ids")


@pytest.mark.parametrize(
    "answer",
    [
        reply({"channel": "/meta/handshake", "successful": True, "clientId": "s2"}),
        reply(status=500, error="HTTP 500"),  # CometD: the request refused as a protocol violation
        reply({"channel": "/meta/disconnect", "id": "9", "successful": False, "error": "402::Unknown client"}),
    ],
    ids=["handshake-alone", "http-500", "disconnect-refused"],
)
def test_batched_disconnect_ignored(answer: WireReply) -> None:
    handshake_batch.disconnect_not_answered(answer, DISCONNECT, "batch")


def test_batched_disconnect_answered_successful_fails() -> None:
    answer = reply({"channel": "/meta/handshake", "successful": True}, {"channel": "/meta/disconnect", "id": "9", "successful": True})
    with pytest.raises(CheckFailed, match="was processed"):
        handshake_batch.disconnect_not_answered(answer, DISCONNECT, "batch")


def test_batch_without_answer_blocks() -> None:
    with pytest.raises(Blocked):
        handshake_batch.disconnect_not_answered(reply(status=None, error="connection refused"), DISCONNECT, "batch")


def test_session_gone_after_the_batch_fails() -> None:
    gone = reply({"channel": "/meta/connect", "id": "10", "successful": False, "error": "402::Unknown client"})
    with pytest.raises(CheckFailed, match="is gone"):
        handshake_batch.session_alive(gone, CONNECT, "s1", "connect")
    handshake_batch.session_alive(reply({"channel": "/meta/connect", "id": "10", "successful": True}), CONNECT, "s1", "connect")
