"""Campaigns against a fresh embedded reference server, with or without faults."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterable

import pytest

from conformance.embedded import embedded_profile
from conformance.fuzz.run.campaign import Campaign
from conformance.fuzz.judge.findings import FuzzRun
from conformance.fuzz.settings import FuzzSettings
from conformance.reference import ReferenceServer, ServerConfig
from conformance.target import Target


def run_campaign(
    *,
    faults: Iterable[str] = (),
    variants: Iterable[str] = (),
    operations: Iterable[str] | None = None,
    settings: FuzzSettings = FuzzSettings(),
    with_ids: bool = False,
    with_chains: bool = False,
    features: frozenset[str] | None = None,
) -> FuzzRun:
    """One campaign with agents 1 and 2 of a fresh server (agent 2 receives Transfers);
    `features` replaces what the profile declares (default: every feature)."""

    async def campaign(server: ReferenceServer) -> FuzzRun:
        profile = embedded_profile(server)
        target = Target(profile if features is None else dataclasses.replace(profile, features=features))
        try:
            agent, peer = await target.agent(0), await target.agent(1)
            agent.require_ready()
            peer.require_ready()
            fuzz = Campaign(agent, settings, peer=peer, operations=operations, with_ids=with_ids, with_chains=with_chains)
            return await fuzz.run()
        finally:
            await target.close()

    with ReferenceServer(ServerConfig(faults=frozenset(faults), variants=frozenset(variants))).start() as server:
        return asyncio.run(campaign(server))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"

