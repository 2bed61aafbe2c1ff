"""Client IDs: https://docs.cometd.org/current/reference/#_bayeux_protocol_elements

Every check handshakes several times on one client of agent A (one HTTP session, as a browser
that opens several tabs) and disconnects what it opened.
"""

from __future__ import annotations

from conformance.clients.bayeux import messages as bx
from conformance.suites import HANDSHAKES, exclusive, requirement
from conformance.suites.bayeux.client import BayeuxClient
from conformance.suites.bayeux.kit import BayeuxKit
from conformance.verify import client_ids

HANDSHAKE_COUNT = 8
ROUNDS = 4


async def _live_sessions(client: BayeuxClient, count: int) -> list[str]:
    """`count` successful handshakes, their sessions left alive; their clientIds."""
    ids = []
    for _ in range(count):
        ids.append((await client.open())["clientId"])  # open() made sure it is a non-empty string
    return ids


async def _disconnect(client: BayeuxClient, ids: list[str]) -> None:
    """Best effort: the sessions a check opened end with it."""
    for client_id in dict.fromkeys(ids):
        await client.ask(bx.disconnect(client.next_id(), client_id))


@requirement("BAYEUX-CLIENTID-01")
@exclusive(HANDSHAKES)  # another client's handshake would take or hide the clientId it judges
async def test_client_ids_unique(bayeux: BayeuxKit) -> None:
    """Eight /meta/handshake requests of agent A, no session ended in between; compare the clientIds."""
    client = await bayeux.client(0)
    ids = await _live_sessions(client, HANDSHAKE_COUNT)
    await _disconnect(client, ids)
    client_ids.distinct(ids, "eight handshakes of live sessions")


@requirement("BAYEUX-CLIENTID-02")
@exclusive(HANDSHAKES)  # another client's handshake would take or hide the clientId it judges
async def test_client_ids_not_reused(bayeux: BayeuxKit) -> None:
    """Four rounds of /meta/handshake then /meta/disconnect of that session; compare the clientIds."""
    client = await bayeux.client(0)
    ids = []
    for _ in range(ROUNDS):
        ids.append((await client.open())["clientId"])  # open() made sure it is a non-empty string
        await client.expect_success(client.disconnect_message(), "disconnect")
    client_ids.distinct(ids, "four rounds of handshake and disconnect")


@requirement("BAYEUX-CLIENTID-03")
async def test_client_ids_unguessable(bayeux: BayeuxKit) -> None:
    """Eight /meta/handshake requests of agent A; judge how much of the clientIds varies."""
    client = await bayeux.client(0)
    ids = await _live_sessions(client, HANDSHAKE_COUNT)
    await _disconnect(client, ids)
    client_ids.unguessable(ids, "eight handshakes")
