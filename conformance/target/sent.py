"""A request a check sent as its stimulus: the answer, and where the inbox stood before it."""

from __future__ import annotations

from dataclasses import dataclass

from conformance.clients.rest import RestReply


@dataclass(frozen=True)
class Sent:
    reply: RestReply
    since: int  # the actor's inbox mark taken just before the request
