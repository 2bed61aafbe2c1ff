"""The clients against the real reference server (uvicorn on 127.0.0.1, free port), over
long-polling and websocket: the path every feature check takes."""

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import pytest

from conformance.clients.bayeux import messages as bx
from conformance.clients.bayeux.inbox import Delivery
from conformance.clients.bayeux.session import BayeuxSession
from conformance.clients.http import make_http_client
from conformance.clients.rest import GwsRestClient

reference = pytest.importorskip("conformance.reference.server", reason="the reference server is not in this checkout")

pytestmark = pytest.mark.anyio

EMAILS = "/v2/me/emails"
CHANNELS = "/v2/me/channels"
WAIT = 5.0  # bound on every wait for a notification


@pytest.fixture(scope="module")
def server() -> Iterator["reference.ReferenceServer"]:
    from conformance.reference.config import ServerConfig

    with reference.ReferenceServer(ServerConfig(bayeux_timeout_ms=10_000)) as running:
        yield running


@asynccontextmanager
async def agent(server, number: int, transport: str) -> AsyncIterator[tuple[GwsRestClient, BayeuxSession]]:
    async with make_http_client(server.base_url, f"agent{number}", f"password{number}", timeout=5) as http:
        rest = GwsRestClient(http, actor=f"agent{number}")
        session = BayeuxSession(http, server.cometd_url, actor=f"agent{number}", transport=transport)
        try:
            yield rest, session
        finally:
            await session.close()
            await rest.end_contact_center_session()


async def get_ready(rest: GwsRestClient, session: BayeuxSession) -> None:
    assert (await rest.get_me()).status_code == 0
    assert session.client_id is None
    handshake = await session.handshake(timeout=WAIT)
    assert handshake.error is None and session.client_id
    await session.start()
    subscribed = await session.subscribe([EMAILS, CHANNELS], timeout=WAIT)
    assert subscribed.error is None and session.subscriptions == {EMAILS, CHANNELS}
    assert (await rest.start_contact_center_session()).status_code == 0
    mark = session.inbox.mark()
    assert (await rest.set_channel_state("email", "Ready")).status_code == 0
    ready = await session.inbox.wait_for(lambda d: d.channel == CHANNELS, timeout=WAIT, since=mark)
    assert ready is not None and ready.data["messageType"] == "ChannelStateChangeMessageV2"


def invitation_with(subject: str):
    def matches(delivery: Delivery) -> bool:
        if delivery.channel != EMAILS:
            return False
        email = delivery.data["email"]
        return email["state"] == "Invited" and email["subject"] == subject

    return matches


async def invite(server, session: BayeuxSession, number: int, subject: str) -> Delivery:
    mark = session.inbox.mark()
    await asyncio.to_thread(server.inject, to=[f"agent{number}@reference.gws.test"], subject=subject)
    delivery = await session.inbox.wait_for(invitation_with(subject), timeout=WAIT, since=mark)
    assert delivery is not None, f"no invitation; failures: {session.failures}"
    return delivery


@pytest.mark.parametrize(("transport", "number"), [("long-polling", 1), ("websocket", 2)])
async def test_an_agent_receives_an_invitation_and_the_accept_notification(server, transport: str, number: int) -> None:
    async with agent(server, number, transport) as (rest, session):
        await get_ready(rest, session)
        invitation = await invite(server, session, number, f"hello over {transport}")
        email = invitation.data["email"]
        assert email["capabilities"] == ["Accept", "Reject"] and "referenceId" not in invitation.data

        mark = session.inbox.mark()
        accepted = await rest.email_operation(email["id"], "Accept", saveLAR=False)
        assert accepted.ok and accepted.status_code == 0 and isinstance(accepted.json["referenceId"], int)
        notification = await session.inbox.wait_for(
            lambda d: d.channel == EMAILS and d.data.get("referenceId") == accepted.json["referenceId"], timeout=WAIT, since=mark
        )
        assert notification is not None and notification.data["email"]["state"] == "Processing"
        assert session.connected.is_set() and session.failures == []

        one = await rest.get_email(email["id"])
        assert one.json["email"]["id"] == email["id"] and one.json["email"]["state"] == "Processing"
        listed = await rest.list_emails()
        assert email["id"] in [e["id"] for e in listed.json["emails"]]


@pytest.mark.parametrize(("transport", "number"), [("long-polling", 3), ("websocket", 4)])
async def test_the_session_re_handshakes_and_re_subscribes_after_the_server_drops_it(server, transport: str, number: int) -> None:
    async with agent(server, number, transport) as (rest, session):
        await get_ready(rest, session)
        dropped = session.client_id
        # As on a server restart or a session expiry: the next connect gets 402 + reconnect=handshake.
        hub = server.app.state.hub
        assert await asyncio.to_thread(server.call, hub.drop_sessions(f"agent{number}")) == 1

        assert await session.wait_until(lambda s: s.client_id not in (None, dropped) and s.connected.is_set(), timeout=WAIT), session.failures
        assert any(f.startswith("connect: 402") for f in session.failures), session.failures
        assert session.subscriptions == {EMAILS, CHANNELS}
        await invite(server, session, number, f"after re-handshake over {transport}")


@pytest.mark.parametrize(("transport", "number"), [("long-polling", 5), ("websocket", 6)])
async def test_close_releases_a_held_connect_promptly(server, transport: str, number: int) -> None:
    async with agent(server, number, transport) as (rest, session):
        await session.start()
        assert await session.wait_until(lambda s: s.connects >= 1 and s.connected.is_set(), timeout=WAIT)
        started = time.monotonic()
        await session.close()
        assert time.monotonic() - started < 3  # the server holds connects for 10 s
        assert not session.connected.is_set()


@pytest.mark.parametrize(("transport", "number"), [("long-polling", 7), ("websocket", 8)])
async def test_disconnect_ends_the_session_at_the_server(server, transport: str, number: int) -> None:
    async with agent(server, number, transport) as (rest, session):
        await session.start()
        assert await session.wait_until(lambda s: s.connected.is_set(), timeout=WAIT)
        client_id = session.client_id
        reply = await session.disconnect(timeout=WAIT)
        assert reply.by_channel(bx.DISCONNECT)[0]["successful"] is True
        probe = await session.wire.send([bx.connect("p1", client_id, "long-polling")], timeout=WAIT)
        refused = probe.reply_to("p1", bx.CONNECT)
        assert refused["successful"] is False and bx.parse_error(refused["error"]).code_class == 400
        assert refused["advice"]["reconnect"] == "handshake"
