"""A request a check sent as its stimulus: who sent it, on which email, the answer, and where
the sender's inbox stood before it (what the judges of its notifications need)."""

from __future__ import annotations

from dataclasses import dataclass

from conformance.clients.rest import RestReply
from conformance.target.agent import AgentHandle


@dataclass(frozen=True)
class Sent:
    agent: AgentHandle
    email_id: str | None  # None: a request on the collection (Create)
    reply: RestReply
    since: int  # the agent's inbox mark taken just before the request
    # No new email reached the agent within the notification timeout, already waited out before
    # the check's judge looked (steps/requests.py, under the agent's creating lock).
    new_email_overdue: bool = False

    @property
    def on_email(self) -> str:
        """The email the request was sent on ("" for Create: no notification names it)."""
        return self.email_id or ""
