"""Settings of one reference-server instance."""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance.reference.agents import AgentAccount, default_agents


@dataclass(frozen=True)
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 0  # 0: a free port, read back from ReferenceServer.port
    smtp_port: int | None = None  # None: no SMTP listener; 0: a free port
    agents: tuple[AgentAccount, ...] = field(default_factory=default_agents)
    faults: frozenset[str] = frozenset()  # fault switches on (switches.py): each breaks requirements
    variants: frozenset[str] = frozenset()  # allowed variations on (switches.py): each breaks nothing
    latency_ms: int = 0  # added to every REST answer and every notification
    # Every inbound email (SMTP or control endpoint) reaches routing this late, uniformly within
    # +-jitter (seeded: repeatable), as from an E-mail Server polling its mailbox.
    intake_delay_s: float = 0.0
    intake_jitter_s: float = 0.0
    intake_seed: int | None = None
    # Bayeux advice (ms). The hold is short by default so that idle connects cycle quickly.
    bayeux_timeout_ms: int = 10_000
    bayeux_interval_ms: int = 0
    bayeux_max_interval_ms: int = 10_000
    max_body_bytes: int = 1_000_000
    disposition_key: str = "DispositionCode"
    websocket: bool = True
    # The deployment's objects: None accepts any queue name (it parks emails) and any documentId
    # (as if the contact store held it); a tuple holds exactly these (serve --queue, --document-id).
    queues: tuple[str, ...] | None = None
    documents: tuple[str, ...] | None = None
    routing: str = "addressed"  # or "round-robin": which Ready agent takes an inbound email (email/routing.py)

    @property
    def switches(self) -> frozenset[str]:
        """Every behaviour switch on, faults and variants alike: what the components test."""
        return frozenset(self.faults) | frozenset(self.variants)

    def agent_by_username(self, username: str) -> AgentAccount | None:
        return next((a for a in self.agents if a.username == username), None)

    def agent_by_id(self, agent_id: str) -> AgentAccount | None:
        return next((a for a in self.agents if a.id == agent_id), None)
