"""Allowed variations of the CometD/Bayeux hub: choices Bayeux 1.0 and CometD leave open.

Adding a variant is one member of the enum of its block here, naming the `BayeuxBehaviour`
field(s) it sets; `switches.py` says what a variant promises.
"""

from __future__ import annotations

from conformance.reference.switches import Variant, VariantSwitch, records

# --- protocol choices of other Bayeux servers (faye, CometD) ----------------------------------


class PeerChoice(VariantSwitch):
    """Protocol choices of other Bayeux servers (faye, CometD)."""

    FAYE_ERRORS = Variant(
        "faye-errors",
        ("BAYEUX-CONNECT-01", "BAYEUX-CONNECT-02", "BAYEUX-CONNECT-05", "BAYEUX-BATCH-01", "BAYEUX-SUBSCRIBE-02", "BAYEUX-SECURITY-01"),
        "Errors and advice as faye 1.4.3: an unknown clientId gets 401:<clientId>:Unknown client, every failed"
        " handshake or connect advice {reconnect: handshake} alone (the denied handshake too), a /meta/**"
        " subscription 403:<channel>:Forbidden channel, and the connect reply comes first in its batch.",
        sets={"errors_as": "faye", "connect_reply_first": True},
    )
    COMETD_HANDSHAKE = Variant(
        "cometd-handshake",
        ("BAYEUX-HANDSHAKE-05", "BAYEUX-HANDSHAKE-06"),
        "The handshake as CometD's servers (Java 3.x, Node.js): no check of version or"
        " supportedConnectionTypes; any handshake the security policy admits succeeds.",
        nonstrict=("BAYEUX-HANDSHAKE-05", "BAYEUX-HANDSHAKE-06"),
        sets={"check_handshake": False},
    )
    COMETD_REPLACED_CONNECT_HTTP_ERROR = Variant(
        "cometd-replaced-connect-http-error",
        ("BAYEUX-CONNECT-06",),
        "A held long-polling /meta/connect replaced by a newer one of its session is answered HTTP 500 with an"
        " empty body, as CometD's duplicateMetaConnectHttpResponseCode (HTTP 408 in CometD 3.1).",
        sets={"replaced_connect_http_status": 500},
    )
    COMETD_BATCHED_CONNECT_NOT_HELD = Variant(
        "cometd-batched-connect-not-held",
        ("BAYEUX-CONNECT-04",),
        "A /meta/connect that shares its request with other messages is answered at once, never held, as"
        " CometD's servers (Java and Node.js) suspend a connect only when it is alone.",
        sets={"hold_batched_connects": False},
    )
    COMETD_NODEJS_FIRST_CONNECT_HELD = Variant(
        "cometd-nodejs-first-connect-held",
        ("BAYEUX-CONNECT-04",),
        "The first /meta/connect after a handshake is held like any other (cometd-nodejs-server), instead of"
        " being answered at once as CometD's Java server does.",
        sets={"hold_first_connect": True},
    )
    COMETD_HANDSHAKE_BATCH_HTTP_ERROR = Variant(
        "cometd-handshake-batch-http-error",
        ("BAYEUX-HANDSHAKE-BATCH-01",),
        "A long-polling request whose batch holds a /meta/handshake and other messages is answered HTTP 500"
        " without a body and nothing in it is processed, as CometD's servers (Java, Node.js) refuse it as a"
        " protocol violation.",
        sets={"handshake_batch_http_status": 500},
    )
    COMETD_CONNECTION_TYPE_UNCHECKED = Variant(
        "cometd-connection-type-unchecked",
        ("BAYEUX-FIELDS-01",),
        "A /meta/connect without connectionType is accepted: CometD's servers (Java, Node.js) never read the"
        " field, the transport the connect came on decides.",
        nonstrict=("BAYEUX-FIELDS-01",),
        sets={"connect_needs_connection_type": False},
    )


PEER_CHOICES: tuple[Variant, ...] = records(PeerChoice)


# --- optional members of an event ------------------------------------------------------------


class EventMember(VariantSwitch):
    """Optional members of an event."""

    EVENT_ID_AND_EXT = Variant(
        "event-id-and-ext",
        ("NOTIF-ENVELOPE-01",),
        "Every delivered event carries Bayeux's optional id (a string, unique per hub) and an ext object"
        " beside channel and data, as CometD servers with extensions send them.",
        sets={"event_id_and_ext": True},
    )


EVENT_MEMBERS: tuple[Variant, ...] = records(EventMember)


# --- delivery timing ----------------------------------------------------------------------------


class Delivery(VariantSwitch):
    """Delivery timing."""

    LATE_NOTIFICATIONS = Variant(
        "late-notifications",
        ("EMAIL-ACCEPT-03", "BAYEUX-CONNECT-05", "NOTIF-STREAM-01", "NOTIF-STREAM-02"),
        "Every notification is delivered 300-500 ms after the HTTP answer (jitter seeded per "
        "event, reproducible), and a connect reply or WebSocket frame carries at most one event.",
        sets={"events_per_delivery": 1, "late_delivery_s": (0.3, 0.5)},
    )


DELIVERY: tuple[Variant, ...] = records(Delivery)


VARIANTS: tuple[Variant, ...] = (*PEER_CHOICES, *EVENT_MEMBERS, *DELIVERY)
