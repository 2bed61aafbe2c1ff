"""Fault switches of the Bayeux endpoint: each breaks the requirement(s) it names.

The BAYEUX-* checks of conformance/suites/bayeux/ are proven against these: the tests in
tests/bayeux_section/ run each check with its fault on and expect it to fail. Adding a fault is
one member here naming the `BayeuxBehaviour` fields it sets (`behaviour.py`), and its probe in
tests/reference/bayeux/fault_probes.py.
"""

from __future__ import annotations

from conformance.reference.switches import Fault, FaultSwitch, records


class BayeuxFault(FaultSwitch):
    """The faults of the CometD endpoint: each names the requirements it breaks and the
    `BayeuxBehaviour` fields it sets."""

    HANDSHAKE_NO_CLIENTID = Fault(
        "bayeux-handshake-no-clientid",
        ("SESSION-COMETD-01", "BAYEUX-HANDSHAKE-01"),
        "A successful /meta/handshake reply carries no clientId.",
        sets={"handshake_gives_client_id": False},
    )
    HANDSHAKE_NO_LONG_POLLING = Fault(
        "bayeux-handshake-no-long-polling",
        ("BAYEUX-HANDSHAKE-02",),
        "The handshake reply's supportedConnectionTypes leave out long-polling (which still works).",
        sets={"advertise_long_polling": False},
    )
    HANDSHAKE_BAD_ADVICE = Fault(
        "bayeux-handshake-bad-advice",
        ("BAYEUX-HANDSHAKE-04",),
        'The successful handshake advises reconnect "reconnect", which is not retry, handshake or none.',
        sets={"handshake_reconnect_advice": "reconnect"},
    )
    HANDSHAKE_ANY_TRANSPORT = Fault(
        "bayeux-handshake-any-transport",
        ("BAYEUX-HANDSHAKE-05",),
        "A handshake whose supportedConnectionTypes share nothing with the server's succeeds.",
        sets={"handshake_needs_common_transport": False},
    )
    HANDSHAKE_WITHOUT_VERSION = Fault(
        "bayeux-handshake-without-version",
        ("BAYEUX-HANDSHAKE-06",),
        "A handshake without the version field succeeds.",
        sets={"handshake_needs_version": False},
    )
    HANDSHAKE_ANY_CREDENTIALS = Fault(
        "bayeux-handshake-any-credentials",
        ("BAYEUX-SECURITY-01",),
        "A /meta/handshake with missing or wrong credentials succeeds.",
        sets={"handshake_needs_credentials": False},
    )
    NO_ID_ECHO = Fault(
        "bayeux-no-id-echo",
        ("BAYEUX-HANDSHAKE-03", "BAYEUX-BATCH-01", "BAYEUX-BATCH-02"),
        "Replies to meta messages drop the request's id.",
        sets={"echo_id": False},
    )
    NUMERIC_ID_DROPPED = Fault(
        "bayeux-numeric-id-dropped",
        ("BAYEUX-BATCH-02",),
        "Replies carry the request's id only when it is a string; numeric ids are dropped.",
        sets={"echo_numeric_id": False},
    )
    UNKNOWN_CLIENT_ACCEPTED = Fault(
        "bayeux-unknown-client-accepted",
        ("BAYEUX-CONNECT-01",),
        "A /meta/connect with a clientId the server never issued is answered successful.",
        sets={"refuse_unknown_client": False},
    )
    UNKNOWN_CLIENT_NO_RECONNECT_ADVICE = Fault(
        "bayeux-unknown-client-no-reconnect-advice",
        ("BAYEUX-CONNECT-02",),
        "The 402 unknown-client reply carries no advice {reconnect: handshake}.",
        sets={"unknown_client_advises_handshake": False},
    )
    CONNECT_IGNORES_TIMEOUT_ADVICE = Fault(
        "bayeux-connect-ignores-timeout-advice",
        ("BAYEUX-CONNECT-03",),
        "A connect's advice {timeout: 0} is ignored: the connect is held like any other.",
        sets={"connect_honours_timeout_advice": False},
    )
    CONNECT_NOT_HELD = Fault(
        "bayeux-connect-not-held",
        ("BAYEUX-CONNECT-04",),
        "An idle /meta/connect is answered at once instead of being held for the advised timeout.",
        sets={"hold_connects": False},
    )
    EVENT_WAITS_FOR_HOLD_END = Fault(
        "bayeux-event-waits-for-hold-end",
        ("BAYEUX-CONNECT-05",),
        "An event for a session with a held long-polling connect waits until the hold ends.",
        sets={"event_ends_long_polling_hold": False},
    )
    OLDER_CONNECT_ORPHANED = Fault(
        "bayeux-older-connect-orphaned",
        ("BAYEUX-CONNECT-06",),
        "A newer /meta/connect orphans the held one: it is never answered (until shutdown).",
        sets={"answer_replaced_connect": False},
    )
    CONNECT_WITHOUT_SUCCESSFUL = Fault(
        "bayeux-connect-without-successful",
        ("BAYEUX-CONNECT-07",),
        "Replies to a live session's /meta/connect leave out the successful field (events still ride on them).",
        sets={"connect_reply_has_successful": False},
    )
    SUBSCRIBE_NO_ECHO = Fault(
        "bayeux-subscribe-no-echo",
        ("SESSION-COMETD-02", "BAYEUX-SUBSCRIBE-01"),
        "A successful /meta/subscribe reply lacks the subscription field.",
        sets={"subscribe_echoes_subscription": False},
    )
    UNSUBSCRIBE_NO_ECHO = Fault(
        "bayeux-unsubscribe-no-echo",
        ("BAYEUX-SUBSCRIBE-06",),
        "A /meta/unsubscribe reply lacks the subscription field.",
        sets={"unsubscribe_echoes_subscription": False},
    )
    UNSUBSCRIBE_IGNORED = Fault(
        "bayeux-unsubscribe-ignored",
        ("BAYEUX-SUBSCRIBE-05",),
        "/meta/unsubscribe answers successful but keeps the subscription.",
        sets={"unsubscribe_removes": False},
    )
    META_SUBSCRIBE_ALLOWED = Fault(
        "bayeux-meta-subscribe-allowed",
        ("BAYEUX-SUBSCRIBE-02",),
        "A /meta/** subscription is accepted instead of denied.",
        sets={"deny_meta_subscriptions": False},
    )
    WILDCARD_STAR_MATCHES_DEEP = Fault(
        "bayeux-wildcard-star-matches-deep",
        ("BAYEUX-SUBSCRIBE-03",),
        "A /foo/* subscription also matches channels several segments below /foo.",
        sets={"star_matches_deeper": True},
    )
    WILDCARD_DOUBLE_STAR_SHALLOW = Fault(
        "bayeux-wildcard-double-star-shallow",
        ("BAYEUX-SUBSCRIBE-04",),
        "A /foo/** subscription matches only one segment below /foo, like /foo/*.",
        sets={"double_star_matches_deeper": False},
    )
    EVENT_WITHOUT_CHANNEL = Fault(
        "bayeux-event-without-channel",
        ("NOTIF-ENVELOPE-01", "BAYEUX-SUBSCRIBE-07"),
        "Delivered notifications carry data but no channel field.",
        sets={"event_has_channel": False},
    )
    EVENT_LEAKS_CLIENTID = Fault(
        "bayeux-event-leaks-clientid",
        ("BAYEUX-SUBSCRIBE-08",),
        "Each delivered event carries the clientId of the first session it was delivered to.",
        sets={"event_carries_client_id": True},
    )
    BROADCAST_ALL_AGENTS = Fault(
        "bayeux-broadcast-all-agents",
        ("NOTIF-ISOLATION-01", "BAYEUX-SECURITY-03", "EMAIL-MULTI-04"),
        "An event on a /v2/me/** channel is delivered to every agent's matching sessions, not only its own agent's.",
        sets={"per_user_channels_private": False},
    )
    BATCH_FIRST_ONLY = Fault(
        "bayeux-batch-first-only",
        ("BAYEUX-BATCH-01",),
        "Only the first message of a batch is processed and answered; the others are dropped.",
        sets={"process_whole_batch": False},
    )
    DISCONNECT_KEEPS_SESSION = Fault(
        "bayeux-disconnect-keeps-session",
        ("BAYEUX-DISCONNECT-01",),
        "After a successful /meta/disconnect the clientId is still accepted.",
        sets={"disconnect_ends_session": False},
    )
    NO_EXPIRY = Fault(
        "bayeux-no-expiry",
        ("BAYEUX-DISCONNECT-02",),
        "Sessions never expire, however long no /meta/connect arrives.",
        sets={"expire_idle_sessions": False},
    )
    FOREIGN_CLIENTID_ACCEPTED = Fault(
        "bayeux-foreign-clientid-accepted",
        ("BAYEUX-SECURITY-02", "EMAIL-MULTI-04"),
        "A clientId is accepted on requests that carry another agent's credentials.",
        sets={"session_bound_to_agent": False},
    )
    CLIENT_PUBLISH_ACCEPTED = Fault(
        "bayeux-client-publish-accepted",
        ("BAYEUX-SECURITY-04",),
        "A client's publish onto /v2/** is accepted and delivered to its agent's subscribed sessions.",
        sets={"deny_client_publish": False},
    )
    WEBSOCKET_NOT_ADVERTISED = Fault(
        "bayeux-websocket-not-advertised",
        ("BAYEUX-WEBSOCKET-01",),
        "The handshake reply leaves websocket out of supportedConnectionTypes (websocket still works).",
        sets={"advertise_websocket": False},
    )
    WEBSOCKET_DROPS_EVENTS = Fault(
        "bayeux-websocket-drops-events",
        ("BAYEUX-WEBSOCKET-02",),
        "Events for a session connected over websocket are dropped.",
        sets={"deliver_over_websocket": False},
    )
    WEBSOCKET_SKIPS_AUTH = Fault(
        "bayeux-websocket-skips-auth",
        ("BAYEUX-SECURITY-01",),
        "A WebSocket upgrade without valid credentials is accepted and its handshake succeeds.",
        sets={"websocket_needs_credentials": False},
    )
    # channel names and wildcards (BAYEUX-CHANNEL-*)
    WILDCARD_MATCHES_PARENT = Fault(
        "bayeux-wildcard-matches-parent",
        ("BAYEUX-CHANNEL-01",),
        "A /foo/* or /foo/** subscription also matches /foo itself.",
        sets={"wildcard_matches_parent": True},
    )
    WILDCARD_MATCHES_PREFIX = Fault(
        "bayeux-wildcard-matches-prefix",
        ("BAYEUX-CHANNEL-02",),
        "A /foo/* or /foo/** subscription also matches channels that merely start with /foo, such as /foobar.",
        sets={"wildcard_matches_prefix": True},
    )
    INVALID_WILDCARD_SUBSCRIBABLE = Fault(
        "bayeux-invalid-wildcard-subscribable",
        ("BAYEUX-CHANNEL-03",),
        "A subscription to a pattern with a wildcard before its last segment (/foo/*/bar, /**/foo) succeeds.",
        sets={"refuse_inner_wildcards": False},
    )
    PUBLISH_TO_WILDCARD_ACCEPTED = Fault(
        "bayeux-publish-to-wildcard-accepted",
        ("BAYEUX-CHANNEL-04",),
        "A client's publish onto a wildcard channel (/foo/*) is acknowledged successful.",
        sets={"refuse_publish_to_wildcard": False},
    )
    # message format: version, arrays, advice, error strings (BAYEUX-MESSAGE-*)
    HANDSHAKE_VERSION_2 = Fault(
        "bayeux-handshake-version-2",
        ("BAYEUX-MESSAGE-01",),
        'A successful handshake reply names version "2.0", which the client never offered.',
        sets={"reply_version": "2.0"},
    )
    REPLY_NOT_ARRAY = Fault(
        "bayeux-reply-not-array",
        ("BAYEUX-MESSAGE-02",),
        "A long-polling answer holding one message is that message as a bare JSON object, not an array.",
        sets={"reply_always_array": False},
    )
    WEBSOCKET_FRAME_NOT_ARRAY = Fault(
        "bayeux-websocket-frame-not-array",
        ("BAYEUX-MESSAGE-03",),
        "A WebSocket frame holding one message is that message as a bare JSON object, not an array.",
        sets={"frame_always_array": False},
    )
    CONNECT_ADVICE_MALFORMED = Fault(
        "bayeux-connect-advice-malformed",
        ("BAYEUX-MESSAGE-04",),
        "Successful /meta/connect replies advise an interval of 0.5 ms more than the server's, not an integer.",
        sets={"connect_interval_integer": False},
    )
    ERROR_FIELD_FREE_TEXT = Fault(
        "bayeux-error-field-free-text",
        ("BAYEUX-MESSAGE-05",),
        "The error of an unsuccessful reply is free text (its message part only), not code:args:message.",
        sets={"error_code_args_message": False},
    )
    HANDSHAKE_REUSES_CLIENTID = Fault(
        "bayeux-handshake-reuses-clientid",
        ("BAYEUX-HANDSHAKE-01", "BAYEUX-CLIENTID-01"),
        "A handshake of an agent who already has a live session is answered with that session's clientId.",
        sets={"handshake_new_session": False},
    )
    REPLACED_CONNECT_WITHOUT_SUCCESSFUL = Fault(
        "bayeux-replaced-connect-without-successful",
        ("BAYEUX-CONNECT-06",),
        "A held /meta/connect that a newer one replaced is answered at once, its reply without successful.",
        sets={"replaced_connect_has_successful": False},
    )
    # The handshake-in-a-batch rule, clientIds, mandatory fields and CometD's URL sub-paths.
    HANDSHAKE_BATCH_PROCESSES_OTHERS = Fault(
        "bayeux-handshake-batch-processes-others",
        ("BAYEUX-HANDSHAKE-BATCH-01",),
        "The other messages of a batch that holds a /meta/handshake are processed (a batched disconnect ends its session).",
        sets={"handshake_batch_ignores_others": False},
    )
    CLIENTID_REUSED = Fault(
        "bayeux-clientid-reused",
        ("BAYEUX-CLIENTID-02",),
        "A handshake gets the clientId of the session most recently ended (disconnected or expired), if any.",
        sets={"never_reuse_client_ids": False},
    )
    CLIENTID_SEQUENTIAL = Fault(
        "bayeux-clientid-sequential",
        ("BAYEUX-CLIENTID-03",),
        "clientIds come from a counter: 32 hex digits, zero-padded (as long as 128 random bits, but predictable).",
        sets={"random_client_ids": False},
    )
    CONNECT_WITHOUT_CONNECTIONTYPE_ACCEPTED = Fault(
        "bayeux-connect-without-connectiontype-accepted",
        ("BAYEUX-FIELDS-01",),
        "A /meta/connect without connectionType is accepted, as if it named the transport it came on.",
        sets={"connect_needs_connection_type": False},
    )
    CONNECT_WITHOUT_CLIENTID_ACCEPTED = Fault(
        "bayeux-connect-without-clientid-accepted",
        ("BAYEUX-FIELDS-02",),
        "A /meta/connect without clientId is answered successful.",
        sets={"connect_needs_client_id": False},
    )
    SUBSCRIBE_WITHOUT_SUBSCRIPTION_ACCEPTED = Fault(
        "bayeux-subscribe-without-subscription-accepted",
        ("BAYEUX-FIELDS-03",),
        "A /meta/subscribe without subscription is answered successful.",
        sets={"subscribe_needs_subscription": False},
    )
    SUBPATH_POST_REFUSED = Fault(
        "bayeux-subpath-post-refused",
        ("BAYEUX-LONG-POLLING-01",),
        "POSTs on sub-paths of the CometD URL (<url>/handshake, <url>/connect, ...) are answered HTTP 404.",
        sets={"serve_sub_paths": False},
    )


FAULTS: tuple[Fault, ...] = records(BayeuxFault)
