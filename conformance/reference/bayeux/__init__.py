"""The reference server's CometD/Bayeux endpoint (Bayeux 1.0, CometD 3 style).

    hub = BayeuxHub(config, authenticator, BayeuxBehaviour.of(config.switches))
    app = Starlette(routes=[*hub.routes(), ...], lifespan=...)  # startup()/shutdown() in the lifespan
    await hub.publish("agent1", "/v2/me/emails", {"messageType": "EmailStateChangeMessage", ...})
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance.reference.bayeux.behaviour import BayeuxBehaviour

if TYPE_CHECKING:
    from conformance.reference.bayeux.hub import BayeuxHub

__all__ = ["BayeuxBehaviour", "BayeuxHub"]


def __getattr__(name: str) -> type[BayeuxHub]:
    # Imported lazily so that the protocol core (`protocol.py`) imports without Starlette.
    if name == "BayeuxHub":
        from conformance.reference.bayeux.hub import BayeuxHub

        return BayeuxHub
    raise AttributeError(name)
