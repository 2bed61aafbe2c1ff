"""The reference server's CometD/Bayeux endpoint (Bayeux 1.0, CometD 3 style).

    hub = BayeuxHub(config, authenticator, BayeuxBehaviour.of(config.switches))
    app = Starlette(routes=[*hub.routes(), ...], lifespan=...)  # startup()/shutdown() in the lifespan
    await hub.publish("agent1", "/v2/me/emails", {"messageType": "EmailStateChangeMessage", ...})
"""

from conformance.reference.bayeux.behaviour import BayeuxBehaviour
from conformance.reference.bayeux.hub import BayeuxHub

__all__ = ["BayeuxBehaviour", "BayeuxHub"]
