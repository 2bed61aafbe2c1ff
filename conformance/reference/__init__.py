"""The reference GWS email server: the embedded default target, with fault switches.

    from conformance.reference import ReferenceServer, ServerConfig
    with ReferenceServer(ServerConfig(faults={"accept-http-204"})) as server:
        server.base_url  # http://127.0.0.1:<free port>
"""

from conformance.reference.config import ServerConfig

__all__ = ["ServerConfig", "ReferenceServer"]


def __getattr__(name: str):
    # Imported lazily so that `conformance.reference.config` stays cheap to import.
    if name == "ReferenceServer":
        from conformance.reference.server import ReferenceServer

        return ReferenceServer
    raise AttributeError(name)
