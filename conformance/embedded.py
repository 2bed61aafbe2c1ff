"""The profile of the embedded reference server: every feature declared, short timeouts."""

from __future__ import annotations

from conformance.profile import FEATURES, Injector, ProfileAgent, TargetProfile, Timeouts
from conformance.reference.server import ReferenceServer

# The reference server answers in-process within milliseconds; these bounds only matter
# when something is wrong, and then a fast verdict is what we want.
EMBEDDED_TIMEOUTS = Timeouts(http=5.0, notification=2.0, invitation=3.0, negative_window=0.5, negative_floor=0.05, check=30.0)


def embedded_profile(server: ReferenceServer, *, name: str = "embedded reference server") -> TargetProfile:
    agents = tuple(
        ProfileAgent(a.username, a.password, a.address, a.user_uri(server.base_url)) for a in server.config.agents
    )
    return TargetProfile(
        name=name,
        base_url=server.base_url,
        cometd_url=server.cometd_url,
        kind="gws",
        agents=agents,
        injector=Injector("http", url=f"{server.base_url}/reference/v1/inbound"),
        features=frozenset(FEATURES),
        timeouts=EMBEDDED_TIMEOUTS,
        source="embedded",
    )
