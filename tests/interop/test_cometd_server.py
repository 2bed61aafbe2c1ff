"""tests/interop/cometd_server.js, the launcher of CometD's Node.js server that the interop
runs of the Bayeux section target: what it promises in its header."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.interop

HANDSHAKE = [{"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"], "id": "1"}]


def test_cometd_server_serves_its_mount_and_sub_paths_then_exits_with_stdin(cometd_server_process) -> None:
    process = cometd_server_process
    ready = process.expect(lambda r: "port" in r, timeout=10)
    assert ready == {"port": ready["port"], "mount": "/cometd", "timeout": 2, "maxInterval": 3}
    base = f"http://127.0.0.1:{ready['port']}"
    with httpx.Client(timeout=5) as http:
        for path in ("/cometd", "/cometd/handshake"):  # CometD clients append the message type
            answer = http.post(base + path, json=HANDSHAKE)
            assert answer.status_code == 200, answer.text
            reply = answer.json()[0]
            assert reply["successful"] is True and reply["advice"]["timeout"] == 2000, reply
        assert http.post(base + "/elsewhere", json=HANDSHAKE).status_code == 404
    assert process.proc.stdin is not None
    process.proc.stdin.close()
    assert process.wait() == 0
