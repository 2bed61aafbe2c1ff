"""Where one batch of Bayeux messages came from: the agent its credentials name, the transport."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from conformance.reference.bayeux.sessions import Socket

LONG_POLLING = "long-polling"
WEBSOCKET = "websocket"


@dataclass
class Context:
    agent_id: str | None  # the agent named by the request's credentials; None: none or wrong
    transport: str
    socket: Socket | None = None
    # long-polling: resolves when the HTTP client goes away (a held connect then leaves its
    # events queued for the next connect instead of writing them to a dead connection)
    gone: Callable[[], Awaitable[None]] | None = None
