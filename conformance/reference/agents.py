"""Agent accounts of the reference server: built-in defaults or a TOML file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from conformance.errors import UsageError


@dataclass(frozen=True)
class AgentAccount:
    id: str  # the user id, e.g. "agent1"; also the last segment of the user URI
    username: str
    password: str
    name: str
    address: str  # inbound emails sent to this address are routed to this agent first

    def user_uri(self, base_url: str) -> str:
        return f"{base_url.rstrip('/')}/api/v2/users/{self.id}"


def default_agents(count: int = 8) -> tuple[AgentAccount, ...]:
    """Documented defaults: agentN / passwordN, address agentN@reference.gws.test."""
    return tuple(
        AgentAccount(
            id=f"agent{n}",
            username=f"agent{n}",
            password=f"password{n}",
            name=f"Agent {n}",
            address=f"agent{n}@reference.gws.test",
        )
        for n in range(1, count + 1)
    )


def load_agents(path: Path) -> tuple[AgentAccount, ...]:
    """Read `[[agents]]` tables (id, username, password, optional name and address)."""
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"agents file {path}: {exc}") from None
    entries = raw.get("agents")
    if not isinstance(entries, list) or not entries:
        raise UsageError(f"agents file {path}: needs at least one [[agents]] table")
    agents = []
    for index, entry in enumerate(entries, 1):
        missing = [k for k in ("id", "username", "password") if not isinstance(entry.get(k), str)]
        if missing:
            raise UsageError(f"agents file {path}: agent #{index} lacks string {', '.join(missing)}")
        agents.append(
            AgentAccount(
                id=entry["id"],
                username=entry["username"],
                password=entry["password"],
                name=entry.get("name", entry["username"]),
                address=entry.get("address", f"{entry['id']}@reference.gws.test"),
            )
        )
    if len({a.username for a in agents}) != len(agents) or len({a.id for a in agents}) != len(agents):
        raise UsageError(f"agents file {path}: agent ids and usernames must be unique")
    return tuple(agents)
