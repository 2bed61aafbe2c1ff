"""The faye and CometD JS clients against the reference hub (and faye_server.js)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.interop

CLIENTS = ["faye", "cometd"]
TRANSPORTS = ["long-polling", "websocket"]
CHANNELS = ["/v2/me/emails", "/v2/me/*", "/v2/me/**"]
EMAIL = {"messageType": "EmailStateChangeMessage", "notificationType": "StatusChange", "id": "00001aB"}


def _connect_types(process) -> set[str]:
    return {r["connectionType"] for r in process.records if r.get("event") == "connect"}


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("client", CLIENTS)
def test_js_client_receives_a_hub_event(hub, js_client, client: str, transport: str, channel: str) -> None:
    process = js_client(client=client, url=hub.url, transport=transport, channel=channel)
    process.event("subscribed")
    # Another agent's event on the same channel must not reach this client.
    hub.publish("agent2", "/v2/me/emails", {"for": "agent2"})
    assert hub.publish("agent1", "/v2/me/emails", EMAIL) == 1
    message = process.event("message")
    assert message == {"event": "message", "channel": "/v2/me/emails", "data": EMAIL}
    assert process.event("done")["received"] == 1
    assert process.wait() == 0
    types = _connect_types(process)
    if transport == "websocket":
        assert "websocket" in types, process.describe()
    else:
        assert types == {"long-polling"}, process.describe()


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("client", CLIENTS)
def test_js_client_rehandshakes_after_the_server_forgets_it(hub, js_client, client: str, transport: str) -> None:
    process = js_client(client=client, url=hub.url, transport=transport, channel="/v2/me/*")
    process.event("subscribed")
    assert hub.call(hub.hub.drop_sessions()) == 1
    # 402::Unknown client + reconnect=handshake: the client handshakes and subscribes again.
    process.expect(lambda r: r.get("event") == "handshake" and r["successful"])
    process.event("subscribed")
    assert hub.publish("agent1", "/v2/me/emails", EMAIL) == 1
    assert process.event("message")["data"] == EMAIL
    assert process.wait() == 0


def test_js_client_with_wrong_credentials_is_denied(hub, js_client) -> None:
    process = js_client(client="cometd", url=hub.url, transport="long-polling", channel="/v2/me/emails",
                        password="wrong", timeout=5)
    assert process.expect(lambda r: r.get("event") == "handshake")["successful"] is False
    assert hub.hub.session_count() == 0


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("client", CLIENTS)
def test_js_client_against_the_faye_server(faye_server, js_client, client: str, transport: str) -> None:
    process = js_client(client=client, url=faye_server.url, transport=transport, channel="/v2/me/**")
    process.event("subscribed")
    faye_server.publish("/v2/me/emails", EMAIL)
    assert process.event("message") == {"event": "message", "channel": "/v2/me/emails", "data": EMAIL}
    assert process.wait() == 0
    if transport == "websocket":
        assert "websocket" in _connect_types(process), process.describe()
