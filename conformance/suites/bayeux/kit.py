"""Fresh Bayeux clients and listening sessions of the profile's agents, for one check.

They never touch the agents' long-lived sessions: each has its own httpx client (its own
cookies), so a check may send odd messages, drop a clientId or disconnect freely. Everything
made here is closed when the check ends.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

import httpx

from conformance.clients.bayeux.wire import why_meta_failed
from conformance.clients.bayeux.session import BayeuxSession, Transport
from conformance.clients.http import make_http_client
from conformance.clients.rest import GwsRestClient
from conformance.clients.stream_health import STREAMS, StreamHealth
from conformance.errors import Blocked, NotApplicable
from conformance.harness import claims
from conformance.profile import TargetProfile
from conformance.suites.bayeux.client import WEBSOCKET, BayeuxClient
from conformance.target import Target
from conformance.target.agent import login_failure

OWN = "own"  # the agent's credentials
NONE = "none"  # no credentials at all
WRONG = "wrong"  # the agent's username with a wrong password


class BayeuxKit:
    def __init__(self, profile: TargetProfile, target: Target) -> None:
        self.profile = profile
        self.target = target
        self.token = secrets.token_hex(4)
        self._https: list[httpx.AsyncClient] = []
        self._clients: list[BayeuxClient] = []
        self._sessions: list[BayeuxSession] = []
        self._count = 0

    @property
    def request_timeout(self) -> float:
        return self.profile.timeouts.http

    def topics(self) -> tuple[str, str]:
        """Two channels a client may subscribe to (no event needed)."""
        if self.profile.kind == "bayeux-only":
            return f"/gwsct/{self.token}/topic/a", f"/gwsct/{self.token}/topic/b"
        return "/v2/me/emails", "/v2/me/channels"

    def require_transport(self, transport: str) -> None:
        if transport == WEBSOCKET and not self.profile.declares("websocket"):
            raise NotApplicable("the target profile does not declare feature 'websocket'")

    async def _http(self, agent: int, credentials: str) -> tuple[httpx.AsyncClient, str]:
        index = agent + self.target.agent_offset  # parallel workers each own a pair of agents
        if index >= len(self.profile.agents):
            raise Blocked("agents", f"the profile lists {len(self.profile.agents)} agents; this check needs agent #{index + 1}")
        account = self.profile.agents[index]
        self._count += 1
        if credentials == NONE:
            username, password, label = None, None, f"anonymous-{self._count}"
        elif credentials == WRONG:
            username, password, label = account.username, f"gwsct-wrong-{secrets.token_hex(4)}", f"{account.label}(wrong password)-{self._count}"
        else:
            username, password, label = account.username, account.password, f"{account.label}/bayeux-{self._count}"
        http = make_http_client(self.profile.base_url, username, password, timeout=self.request_timeout)
        self._https.append(http)
        if credentials == OWN and self.profile.kind == "gws":
            # A GWS client logs in before it opens CometD: the handshake then runs in an
            # authenticated HTTP session, as the agent desktop's does.
            me = await GwsRestClient(http, actor=label).get_me()
            failure = login_failure(me)
            if failure:
                raise Blocked(f"{label}: login", failure)
        return http, label

    async def client(self, agent: int = 0, *, transport: str = "long-polling", credentials: str = OWN) -> BayeuxClient:
        """A raw client of agent A (0) or B (1) of this run, not handshaken yet."""
        self.require_transport(transport)
        http, label = await self._http(agent, credentials)
        client = BayeuxClient(http, self.profile.cometd_url, actor=label, transport=transport, request_timeout=self.request_timeout)
        self._clients.append(client)
        return client

    async def opened(self, agent: int = 0, *, transport: str = "long-polling") -> BayeuxClient:
        """A client of the agent, handshaken, its first connect answered."""
        client = await self.client(agent, transport=transport)
        await client.open()
        await client.settle()
        return client

    async def listener(
        self, agent: int, channels: Sequence[str], *, transport: Transport = "long-polling", refusable: bool = False
    ) -> BayeuxSession:
        """A session of the agent, subscribed to `channels` and connected, its connect loop
        running. A refused subscription blocks the check, or makes it NOT-APPLICABLE when the
        target may refuse it by policy (`refusable`)."""
        claims.require(claims.STREAM, f"listens on {', '.join(channels)}, which other checks' events may reach")
        self.require_transport(transport)
        http, label = await self._http(agent, OWN)
        stream = StreamHealth(label, STREAMS)  # this session's own: labels repeat from check to check
        session = BayeuxSession(
            http, self.profile.cometd_url, actor=label, transport=transport, request_timeout=self.request_timeout, health=stream
        )
        self._sessions.append(session)
        reply = await session.handshake(timeout=self.request_timeout)
        if session.client_id is None:
            raise Blocked(f"{label}: handshake", why_meta_failed(reply, session.handshake_reply, "/meta/handshake"))
        for channel in channels:
            reply = await session.subscribe(channel, timeout=self.request_timeout)
            if channel not in session.subscriptions:
                answer = next(iter(reply.by_channel("/meta/subscribe")), None)
                reason = why_meta_failed(reply, answer, "/meta/subscribe")
                if refusable and answer is not None:
                    raise NotApplicable(f"the target refuses the subscription to {channel} ({reason}); a server may by policy")
                raise Blocked(f"{label}: subscribe {channel}", reason)
        await session.start()
        # Ends at once when the connect loop shows that the stream cannot deliver.
        if not await session.wait_until(lambda s: s.connected.is_set() or stream.broken, timeout=self.request_timeout):
            raise Blocked(f"{label}: connect", session.stopped_reason or "; ".join(session.failures[-3:]) or "no successful connect")
        stream.require_intact()
        return session

    def negative_window(self) -> float:
        return self.target.negative_window()

    async def close(self) -> None:
        """Disconnect the sessions, close sockets and HTTP clients; the HTTP clients close even
        when a step before them fails."""
        try:
            for session in self._sessions:
                if session.client_id is not None:
                    await session.disconnect(timeout=self.request_timeout)
                await session.close()
            for client in self._clients:
                await client.close()
        finally:
            for http in self._https:
                await http.aclose()
