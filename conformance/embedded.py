"""The profile of the embedded reference server: every feature declared (but those its variants
withdraw), short timeouts."""

from __future__ import annotations

import dataclasses
from typing import Protocol

from conformance.profile import FEATURES, Injector, IntakeSettings, ProfileAgent, TargetProfile, Timeouts
from conformance.reference.app import COMETD_PATH
from conformance.reference.config import ServerConfig
from conformance.reference.intake import INBOUND_PATH
from conformance.reference.server import ReferenceServer
from conformance.reference.switches import withdrawn_features

# The reference server answers in-process within milliseconds; these bounds only matter
# when something is wrong, and then a fast verdict is what we want. A server advertising a
# connect hold above `bayeux_hold` (the 10 s default of a hand-started one) leaves the
# idle-hold check NOT-APPLICABLE instead of making it wait.
EMBEDDED_TIMEOUTS = Timeouts(
    http=5.0, notification=2.0, invitation=3.0, negative_window=0.5, negative_floor=0.02, check=30.0, bayeux_hold=5.0
)

# `gws-conformance run` starts its server with a 2 s hold and a 3 s maxInterval, so that the
# one check waiting out a hold and the one waiting for expiry cost seconds.
EMBEDDED_BAYEUX_TIMEOUT_MS = 2_000
EMBEDDED_BAYEUX_MAX_INTERVAL_MS = 3_000


def embedded_config(faults: frozenset[str] = frozenset(), variants: frozenset[str] = frozenset()) -> ServerConfig:
    """The configuration `gws-conformance run` starts its reference server with."""
    return ServerConfig(
        faults=faults, variants=variants, bayeux_timeout_ms=EMBEDDED_BAYEUX_TIMEOUT_MS, bayeux_max_interval_ms=EMBEDDED_BAYEUX_MAX_INTERVAL_MS
    )


class RunningServer(Protocol):
    """A reference server listening: in this process (ReferenceServer) or its own (ServerProcess)."""

    config: ServerConfig

    @property
    def base_url(self) -> str: ...


def embedded_profile(
    server: RunningServer, *, name: str = "embedded reference server", base_url: str | None = None
) -> TargetProfile:
    """`base_url`: where the suite reaches the server, when not directly (a proxy in front of it)."""
    base_url = base_url or server.base_url
    agents = tuple(ProfileAgent(a.username, a.password, a.address, a.user_uri(base_url)) for a in server.config.agents)
    # The server sweeps idle sessions at least every quarter of maxInterval; half a second
    # more covers scheduling: by then an idle session is surely forgotten.
    expiry = server.config.bayeux_max_interval_ms / 1000 * 1.25 + 0.5
    return TargetProfile(
        name=name,
        base_url=base_url,
        cometd_url=base_url + COMETD_PATH,
        kind="gws",
        agents=agents,
        injector=Injector("http", url=base_url + INBOUND_PATH),
        features=frozenset(FEATURES) - withdrawn_features(server.config.variants),
        timeouts=dataclasses.replace(EMBEDDED_TIMEOUTS, bayeux_expiry=expiry),
        source="embedded",
        # Its intake answers at once unless told to wait (ServerConfig.intake_delay_s): no
        # invitation is injected ahead, however loaded the machine, so that runs stay as they were.
        intake=IntakeSettings(pipeline=None if server.config.intake_delay_s else 0),
    )
