"""Allowed variations of the CometD/Bayeux hub: choices Bayeux 1.0 and CometD leave open.

Adding a variant is one constant and one `Variant` here plus one hook where the behaviour is
decided (grep the constant to find it); `switches.py` says what a variant promises.
"""

from __future__ import annotations

from conformance.reference.switches import Variant

# --- protocol choices of other Bayeux servers (faye, CometD) ----------------------------------

PEER_CHOICES: tuple[Variant, ...] = ()


# --- delivery timing ----------------------------------------------------------------------------

LATE_NOTIFICATIONS = "late-notifications"

DELIVERY: tuple[Variant, ...] = (
    Variant(
        LATE_NOTIFICATIONS,
        ("EMAIL-ACCEPT-03", "BAYEUX-CONNECT-05"),
        "Every notification is delivered 300-500 ms after the HTTP answer (jitter seeded per "
        "event, reproducible), and a connect reply or WebSocket frame carries at most one event.",
    ),
)


VARIANTS: tuple[Variant, ...] = (*PEER_CHOICES, *DELIVERY)
