"""/meta/disconnect and session expiry: https://docs.cometd.org/current/reference/#_bayeux_meta_disconnect"""

from __future__ import annotations

import pytest

from conformance.profile import TargetProfile
from conformance.suites import requirement
from conformance.suites.bayeux.client import LONG_POLLING, BayeuxClient, stay_silent
from conformance.suites.bayeux.conftest import TRANSPORTS
from conformance.suites.bayeux.kit import BayeuxKit
from conformance.verify import bayeux as judge


async def _probe(client: BayeuxClient, what: str) -> None:
    """A connect with the old clientId, over long-polling (faye closes a socket on disconnect)."""
    message = client.connect_message(advice={"timeout": 0})
    message["connectionType"] = LONG_POLLING
    reply = await client.wire.send([message], timeout=client.hold_bound())
    judge.refused_with_class(reply, message, what)


@requirement("BAYEUX-DISCONNECT-01")
@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_clientid_unknown_after_disconnect(bayeux: BayeuxKit, transport: str) -> None:
    """Handshake, first connect, /meta/disconnect; then a /meta/connect with the same clientId."""
    client = await bayeux.opened(0, transport=transport)
    sent = await client.ask(client.disconnect_message())
    judge.meta_successful(sent.reply, sent.message, "the disconnect")
    await _probe(client, "a connect with the clientId of the disconnected session")


@requirement("BAYEUX-DISCONNECT-02")
@pytest.mark.long_running  # waits out the session expiry
async def test_session_expires_without_connects(bayeux: BayeuxKit, profile: TargetProfile) -> None:
    """Handshake, first connect, then silence for [timeouts] bayeux_expiry; then a /meta/connect with the clientId."""
    client = await bayeux.opened(0)
    await stay_silent(profile.timeouts.bayeux_expiry)
    await _probe(client, f"a connect with the clientId of a session silent for {profile.timeouts.bayeux_expiry:g} s")
