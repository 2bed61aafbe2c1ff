"""Authentication shared by the REST routes and the Bayeux endpoint.

HTTP Basic on every request, or the session cookie issued on the first authenticated
request. EndContactCenterSession invalidates the cookie (the docs: it "invalidates the
client's HTTP session").
"""

from __future__ import annotations

import base64
import binascii
import secrets
from collections.abc import Mapping

from conformance.reference.agents import AgentAccount

SESSION_COOKIE = "GWS_SESSIONID"


class Authenticator:
    def __init__(self, agents: tuple[AgentAccount, ...]) -> None:
        self._by_username = {a.username: a for a in agents}
        self._sessions: dict[str, AgentAccount] = {}

    def authenticate(self, headers: Mapping[str, str], cookies: Mapping[str, str]) -> AgentAccount | None:
        """The agent named by valid Basic credentials, else by a live session cookie.

        Basic credentials win: a request whose Basic header is wrong is refused even when it
        carries a valid cookie, so that a client cannot act under two identities.
        """
        header = headers.get("authorization")
        if header is not None:
            return self._basic(header)
        token = cookies.get(SESSION_COOKIE)
        return self._sessions.get(token) if token else None

    def _basic(self, header: str) -> AgentAccount | None:
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            username, sep, password = base64.b64decode(encoded, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        agent = self._by_username.get(username)
        if not sep or agent is None or not secrets.compare_digest(agent.password, password):
            return None
        return agent

    def session_for(self, agent: AgentAccount, cookies: Mapping[str, str]) -> str | None:
        """A new session token to set as a cookie, or None when the request has a live one."""
        token = cookies.get(SESSION_COOKIE)
        if token and self._sessions.get(token) == agent:
            return None
        # One live token per agent, shared by its clients: a client that drops cookies would
        # otherwise add a token on every request, without bound.
        shared = next((t for t, a in self._sessions.items() if a == agent), None)
        if shared is not None:
            return shared
        token = secrets.token_urlsafe(24)
        self._sessions[token] = agent
        return token

    def end_sessions(self, agent: AgentAccount) -> None:
        for token in [t for t, a in self._sessions.items() if a == agent]:
            del self._sessions[token]
