"""Which agents take emails: contact-center sessions, Ready state, and the choice of agent."""

from __future__ import annotations

from collections.abc import Iterable

from conformance.reference.agents import AgentAccount

INBOUND_QUEUE = "inbound"  # the only queue that routes; every other queue just parks emails
# How the server picks an agent (serve --routing): the first Ready agent an email is addressed to,
# else round robin; or round robin over the Ready agents whatever the address (an agent group).
ADDRESSED = "addressed"
ROUND_ROBIN = "round-robin"
ROUTING_MODES = (ADDRESSED, ROUND_ROBIN)


class Router:
    def __init__(self, agents: tuple[AgentAccount, ...], mode: str = ADDRESSED) -> None:
        self._mode = mode
        self._order = [a.id for a in agents]
        self._by_address = {a.address.lower(): a.id for a in agents}
        self._sessions: set[str] = set()  # agents with a contact-center session on email
        self._ready: set[str] = set()
        self._last_chosen = -1  # index into _order, for round robin

    def start_session(self, agent_id: str) -> None:
        self._sessions.add(agent_id)

    def end_session(self, agent_id: str) -> None:
        self._sessions.discard(agent_id)
        self._ready.discard(agent_id)

    def has_session(self, agent_id: str) -> bool:
        return agent_id in self._sessions

    def set_ready(self, agent_id: str, ready: bool) -> None:
        if ready:
            self._ready.add(agent_id)
        else:
            self._ready.discard(agent_id)

    def is_ready(self, agent_id: str) -> bool:
        return agent_id in self._ready

    def choose(self, recipients: Iterable[str], exclude: set[str]) -> str | None:
        """A Ready agent for an email: the one it is addressed to, else the next in round robin
        (in round-robin mode, always the next in round robin)."""
        for address in recipients if self._mode == ADDRESSED else ():
            agent_id = self._by_address.get(address.lower())
            if agent_id in self._ready and agent_id not in exclude:
                return agent_id
        count = len(self._order)
        for step in range(1, count + 1):
            index = (self._last_chosen + step) % count
            agent_id = self._order[index]
            if agent_id in self._ready and agent_id not in exclude:
                self._last_chosen = index
                return agent_id
        return None
