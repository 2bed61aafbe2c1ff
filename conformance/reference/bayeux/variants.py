"""Allowed variations of the CometD/Bayeux hub: choices Bayeux 1.0 and CometD leave open.

Adding a variant is one constant and one `Variant` here plus one hook where the behaviour is
decided (grep the constant to find it); `switches.py` says what a variant promises.
"""

from __future__ import annotations

from conformance.reference.switches import Variant

# --- protocol choices of other Bayeux servers (faye, CometD) ----------------------------------

FAYE_ERRORS = "faye-errors"
COMETD_HANDSHAKE = "cometd-handshake"
COMETD_REPLACED_CONNECT_HTTP_ERROR = "cometd-replaced-connect-http-error"

PEER_CHOICES: tuple[Variant, ...] = (
    Variant(
        FAYE_ERRORS,
        ("BAYEUX-CONNECT-01", "BAYEUX-CONNECT-02", "BAYEUX-CONNECT-05", "BAYEUX-BATCH-01", "BAYEUX-SUBSCRIBE-02", "BAYEUX-SECURITY-01"),
        "Errors and advice as faye 1.4.3: an unknown clientId gets 401:<clientId>:Unknown client, every failed"
        " handshake or connect advice {reconnect: handshake} alone (the denied handshake too), a /meta/**"
        " subscription 403:<channel>:Forbidden channel, and the connect reply comes first in its batch.",
    ),
    Variant(
        COMETD_HANDSHAKE,
        ("BAYEUX-HANDSHAKE-05", "BAYEUX-HANDSHAKE-06"),
        "The handshake as CometD's servers (Java 3.x, Node.js): no check of version or"
        " supportedConnectionTypes; any handshake the security policy admits succeeds.",
        nonstrict=("BAYEUX-HANDSHAKE-05", "BAYEUX-HANDSHAKE-06"),
    ),
    Variant(
        COMETD_REPLACED_CONNECT_HTTP_ERROR,
        ("BAYEUX-CONNECT-06",),
        "A held long-polling /meta/connect replaced by a newer one of its session is answered HTTP 500 with an"
        " empty body, as CometD's duplicateMetaConnectHttpResponseCode (HTTP 408 in CometD 3.1).",
    ),
)


# --- delivery timing ----------------------------------------------------------------------------

DELIVERY: tuple[Variant, ...] = ()


VARIANTS: tuple[Variant, ...] = (*PEER_CHOICES, *DELIVERY)
