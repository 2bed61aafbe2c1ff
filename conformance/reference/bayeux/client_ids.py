"""The clientIds the hub issues: 128 random bits each, never issued twice.

Bayeux asks for "at least 128 truly random bits", unique ids and no reuse; two fields of the
behaviour break the last two (the hub breaks uniqueness itself, by handing out a live session's id).
"""

from __future__ import annotations

import secrets

from conformance.reference.bayeux.behaviour import BayeuxBehaviour


class ClientIds:
    def __init__(self, behaviour: BayeuxBehaviour) -> None:
        self._random = behaviour.random_client_ids
        self._reuse = not behaviour.never_reuse_client_ids
        self._issued = 0
        self._released: list[str] = []  # only kept under the reuse fault

    def issue(self) -> str:
        if self._reuse and self._released:
            return self._released.pop()
        if not self._random:
            self._issued += 1
            return f"{self._issued:032x}"
        return secrets.token_hex(16)

    def release(self, client_id: str) -> None:
        """The session that held `client_id` is gone."""
        if self._reuse:
            self._released.append(client_id)
