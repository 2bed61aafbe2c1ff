"""The reference GWS email server: the embedded default target, with fault switches.

    from conformance.reference import ReferenceServer, ServerConfig
    with ReferenceServer(ServerConfig(faults={"accept-http-204"})) as server:
        server.base_url  # http://127.0.0.1:<free port>
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance.reference.config import ServerConfig

if TYPE_CHECKING:
    from conformance.reference.server import ReferenceServer

__all__ = ["ServerConfig", "ReferenceServer"]


def __getattr__(name: str) -> type[ReferenceServer]:
    # Imported lazily so that `conformance.reference.config` stays cheap to import.
    if name == "ReferenceServer":
        from conformance.reference.server import ReferenceServer

        return ReferenceServer
    raise AttributeError(name)
