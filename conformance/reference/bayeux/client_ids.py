"""The clientIds the hub issues: 128 random bits each, never issued twice.

Bayeux asks for "at least 128 truly random bits", unique ids and no reuse; the fault switches
here break the last two (the hub breaks uniqueness itself, by handing out a live session's id).
"""

from __future__ import annotations

import secrets

from conformance.reference.bayeux.faults import BayeuxFault as F


class ClientIds:
    def __init__(self, switches: frozenset[str]) -> None:
        self._switches = switches
        self._issued = 0
        self._released: list[str] = []  # only kept under the reuse fault

    def issue(self) -> str:
        if F.CLIENTID_REUSED in self._switches and self._released:
            return self._released.pop()
        if F.CLIENTID_SEQUENTIAL in self._switches:
            self._issued += 1
            return f"{self._issued:032x}"
        return secrets.token_hex(16)

    def release(self, client_id: str) -> None:
        """The session that held `client_id` is gone."""
        if F.CLIENTID_REUSED in self._switches:
            self._released.append(client_id)
