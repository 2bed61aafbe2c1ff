"""Load: 50 agents work 500 emails at once, over real HTTP and CometD long-polling, while the
emails are being delivered.

Every email must reach exactly one agent and produce exactly Invited, Processing, Completed
for that agent, once each, with the referenceIds of the answers: nothing lost or duplicated.
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from typing import Any

import httpx

from conformance.reference import ReferenceServer, ServerConfig
from conformance.reference.email import InboundMessage

AGENTS = 50
EMAILS = 500
DEADLINE = 60.0  # a bound, not an expectation: the run takes a few seconds


class LoadAgent:
    def __init__(self, server: ReferenceServer, number: int, done: asyncio.Event, completed: set[str]) -> None:
        self.id = f"agent{number}"
        self.server = server
        self.http = httpx.AsyncClient(base_url=server.base_url, auth=(self.id, f"password{number}"), timeout=30)
        self.events: list[dict[str, Any]] = []
        self.answers: dict[tuple[str, str], int] = {}  # (email id, operation) -> referenceId
        self.client_id = ""
        self._done = done
        self._completed = completed

    async def bayeux(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        answer = await self.http.post(self.server.cometd_url, json=messages)
        answer.raise_for_status()
        return answer.json()

    async def join(self) -> None:
        [handshake] = await self.bayeux([{"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"]}])
        self.client_id = handshake["clientId"]
        await self.bayeux([{"channel": "/meta/subscribe", "clientId": self.client_id, "subscription": "/v2/me/emails"}])
        await self.http.post("/api/v2/me", json={"operationName": "StartContactCenterSession", "channels": ["email"]})
        await self.http.post("/api/v2/me/channels/email", json={"operationName": "Ready"})

    async def operate(self, email_id: str, operation: str) -> None:
        answer = (await self.http.post(f"/api/v2/me/emails/{email_id}", json={"operationName": operation})).json()
        assert answer["statusCode"] == 0, answer
        self.answers[(email_id, operation)] = answer["referenceId"]

    async def work(self) -> None:
        """Long-poll; accept each invitation, complete each accepted email."""
        connect = {"channel": "/meta/connect", "clientId": self.client_id, "connectionType": "long-polling"}
        while not self._done.is_set():
            replies = await self.bayeux([connect])
            for event in (r for r in replies if r["channel"] == "/v2/me/emails"):
                self.events.append(event["data"])
                email = event["data"]["email"]
                if email["state"] == "Invited":
                    await self.operate(email["id"], "Accept")
                elif email["state"] == "Processing":
                    await self.operate(email["id"], "Complete")
                elif email["state"] == "Completed":
                    self._completed.add(email["id"])
                    if len(self._completed) == EMAILS:
                        self._done.set()


async def _run(server: ReferenceServer) -> tuple[list[LoadAgent], list[str]]:
    done = asyncio.Event()
    completed: set[str] = set()
    agents = [LoadAgent(server, n, done, completed) for n in range(1, AGENTS + 1)]
    try:
        await asyncio.gather(*(a.join() for a in agents))
        workers = [asyncio.create_task(a.work()) for a in agents]
        service = server.app.state.service

        async def inject(n: int) -> str:
            # Straight into the server's loop: the HTTP intake has its own tests, and here the
            # client-side HTTP cost would dominate the run.
            message = InboundMessage(from_address=f"c{n}@example.test", to=("support@example.test",), subject=f"#{n}")
            return await asyncio.to_thread(server.call, service.deliver(message))

        ids = await asyncio.gather(*(inject(n) for n in range(EMAILS)))
        await asyncio.wait_for(done.wait(), DEADLINE)
        for worker in workers:
            worker.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        return agents, ids
    finally:
        await asyncio.gather(*(a.http.aclose() for a in agents))


def test_fifty_agents_work_five_hundred_emails_without_loss_or_duplicates():
    # Long holds: a connect returns when events arrive, never merely because time passed.
    with ReferenceServer(ServerConfig(agents=_agents(), bayeux_timeout_ms=30_000)) as server:
        agents, ids = asyncio.run(_run(server))
        assert len(set(ids)) == EMAILS
        per_email: dict[str, list[tuple[str, str, int | None]]] = defaultdict(list)
        for agent in agents:
            for data in agent.events:
                per_email[data["email"]["id"]].append((agent.id, data["email"]["state"], data.get("referenceId")))
        assert set(per_email) == set(ids)
        for email_id, events in per_email.items():
            [owner] = {agent_id for agent_id, _, _ in events}
            agent = next(a for a in agents if a.id == owner)
            assert [state for _, state, _ in events] == ["Invited", "Processing", "Completed"], (email_id, events)
            assert [ref for _, _, ref in events] == [None, agent.answers[(email_id, "Accept")], agent.answers[(email_id, "Complete")]]
        load = Counter(agent_id for events in per_email.values() for agent_id, _, _ in events[:1])
        assert len(load) == AGENTS and set(load.values()) == {EMAILS // AGENTS}  # round robin
        inbound = httpx.get(server.base_url + "/reference/v1/queues/inbound").json()["emails"]
        assert inbound == []


def _agents():
    from conformance.reference.agents import default_agents

    return default_agents(AGENTS)
