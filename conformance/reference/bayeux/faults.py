"""Fault switches of the Bayeux endpoint: each breaks the requirement(s) it names.

The BAYEUX-* checks of conformance/suites/bayeux/ are proven against these: the tests in
tests/bayeux_section/ run each check with its fault on and expect it to fail.
"""

from __future__ import annotations

from conformance.reference.switches import Fault

HANDSHAKE_NO_CLIENTID = "bayeux-handshake-no-clientid"
HANDSHAKE_NO_LONG_POLLING = "bayeux-handshake-no-long-polling"
HANDSHAKE_BAD_ADVICE = "bayeux-handshake-bad-advice"
HANDSHAKE_ANY_TRANSPORT = "bayeux-handshake-any-transport"
HANDSHAKE_WITHOUT_VERSION = "bayeux-handshake-without-version"
HANDSHAKE_ANY_CREDENTIALS = "bayeux-handshake-any-credentials"
NO_ID_ECHO = "bayeux-no-id-echo"
NUMERIC_ID_DROPPED = "bayeux-numeric-id-dropped"
UNKNOWN_CLIENT_ACCEPTED = "bayeux-unknown-client-accepted"
UNKNOWN_CLIENT_NO_RECONNECT_ADVICE = "bayeux-unknown-client-no-reconnect-advice"
CONNECT_IGNORES_TIMEOUT_ADVICE = "bayeux-connect-ignores-timeout-advice"
CONNECT_NOT_HELD = "bayeux-connect-not-held"
EVENT_WAITS_FOR_HOLD_END = "bayeux-event-waits-for-hold-end"
OLDER_CONNECT_ORPHANED = "bayeux-older-connect-orphaned"
CONNECT_WITHOUT_SUCCESSFUL = "bayeux-connect-without-successful"
SUBSCRIBE_NO_ECHO = "bayeux-subscribe-no-echo"
UNSUBSCRIBE_NO_ECHO = "bayeux-unsubscribe-no-echo"
UNSUBSCRIBE_IGNORED = "bayeux-unsubscribe-ignored"
META_SUBSCRIBE_ALLOWED = "bayeux-meta-subscribe-allowed"
WILDCARD_STAR_MATCHES_DEEP = "bayeux-wildcard-star-matches-deep"
WILDCARD_DOUBLE_STAR_SHALLOW = "bayeux-wildcard-double-star-shallow"
EVENT_WITHOUT_CHANNEL = "bayeux-event-without-channel"
EVENT_LEAKS_CLIENTID = "bayeux-event-leaks-clientid"
BROADCAST_ALL_AGENTS = "bayeux-broadcast-all-agents"
BATCH_FIRST_ONLY = "bayeux-batch-first-only"
DISCONNECT_KEEPS_SESSION = "bayeux-disconnect-keeps-session"
NO_EXPIRY = "bayeux-no-expiry"
FOREIGN_CLIENTID_ACCEPTED = "bayeux-foreign-clientid-accepted"
CLIENT_PUBLISH_ACCEPTED = "bayeux-client-publish-accepted"
WEBSOCKET_NOT_ADVERTISED = "bayeux-websocket-not-advertised"
WEBSOCKET_DROPS_EVENTS = "bayeux-websocket-drops-events"
WEBSOCKET_SKIPS_AUTH = "bayeux-websocket-skips-auth"
# channel names and wildcards (BAYEUX-CHANNEL-*)
WILDCARD_MATCHES_PARENT = "bayeux-wildcard-matches-parent"
WILDCARD_MATCHES_PREFIX = "bayeux-wildcard-matches-prefix"
INVALID_WILDCARD_SUBSCRIBABLE = "bayeux-invalid-wildcard-subscribable"
PUBLISH_TO_WILDCARD_ACCEPTED = "bayeux-publish-to-wildcard-accepted"
# message format: version, arrays, advice, error strings (BAYEUX-MESSAGE-*)
HANDSHAKE_VERSION_2 = "bayeux-handshake-version-2"
REPLY_NOT_ARRAY = "bayeux-reply-not-array"
WEBSOCKET_FRAME_NOT_ARRAY = "bayeux-websocket-frame-not-array"
CONNECT_ADVICE_MALFORMED = "bayeux-connect-advice-malformed"
ERROR_FIELD_FREE_TEXT = "bayeux-error-field-free-text"
HANDSHAKE_REUSES_CLIENTID = "bayeux-handshake-reuses-clientid"
REPLACED_CONNECT_WITHOUT_SUCCESSFUL = "bayeux-replaced-connect-without-successful"
# The handshake-in-a-batch rule, clientIds, mandatory fields and CometD's URL sub-paths.
HANDSHAKE_BATCH_PROCESSES_OTHERS = "bayeux-handshake-batch-processes-others"
CLIENTID_REUSED = "bayeux-clientid-reused"
CLIENTID_SEQUENTIAL = "bayeux-clientid-sequential"
CONNECT_WITHOUT_CONNECTIONTYPE_ACCEPTED = "bayeux-connect-without-connectiontype-accepted"
CONNECT_WITHOUT_CLIENTID_ACCEPTED = "bayeux-connect-without-clientid-accepted"
SUBSCRIBE_WITHOUT_SUBSCRIPTION_ACCEPTED = "bayeux-subscribe-without-subscription-accepted"
SUBPATH_POST_REFUSED = "bayeux-subpath-post-refused"

FAULTS: tuple[Fault, ...] = (
    Fault(
        HANDSHAKE_NO_CLIENTID,
        ("SESSION-COMETD-01", "BAYEUX-HANDSHAKE-01"),
        "A successful /meta/handshake reply carries no clientId.",
    ),
    Fault(
        HANDSHAKE_NO_LONG_POLLING,
        ("BAYEUX-HANDSHAKE-02",),
        "The handshake reply's supportedConnectionTypes leave out long-polling (which still works).",
    ),
    Fault(
        HANDSHAKE_BAD_ADVICE,
        ("BAYEUX-HANDSHAKE-04",),
        'The successful handshake advises reconnect "reconnect", which is not retry, handshake or none.',
    ),
    Fault(
        HANDSHAKE_ANY_TRANSPORT,
        ("BAYEUX-HANDSHAKE-05",),
        "A handshake whose supportedConnectionTypes share nothing with the server's succeeds.",
    ),
    Fault(
        HANDSHAKE_WITHOUT_VERSION,
        ("BAYEUX-HANDSHAKE-06",),
        "A handshake without the version field succeeds.",
    ),
    Fault(
        HANDSHAKE_ANY_CREDENTIALS,
        ("BAYEUX-SECURITY-01",),
        "A /meta/handshake with missing or wrong credentials succeeds.",
    ),
    Fault(
        NO_ID_ECHO,
        ("BAYEUX-HANDSHAKE-03", "BAYEUX-BATCH-01", "BAYEUX-BATCH-02"),
        "Replies to meta messages drop the request's id.",
    ),
    Fault(
        NUMERIC_ID_DROPPED,
        ("BAYEUX-BATCH-02",),
        "Replies carry the request's id only when it is a string; numeric ids are dropped.",
    ),
    Fault(
        UNKNOWN_CLIENT_ACCEPTED,
        ("BAYEUX-CONNECT-01",),
        "A /meta/connect with a clientId the server never issued is answered successful.",
    ),
    Fault(
        UNKNOWN_CLIENT_NO_RECONNECT_ADVICE,
        ("BAYEUX-CONNECT-02",),
        "The 402 unknown-client reply carries no advice {reconnect: handshake}.",
    ),
    Fault(
        CONNECT_IGNORES_TIMEOUT_ADVICE,
        ("BAYEUX-CONNECT-03",),
        "A connect's advice {timeout: 0} is ignored: the connect is held like any other.",
    ),
    Fault(
        CONNECT_NOT_HELD,
        ("BAYEUX-CONNECT-04",),
        "An idle /meta/connect is answered at once instead of being held for the advised timeout.",
    ),
    Fault(
        EVENT_WAITS_FOR_HOLD_END,
        ("BAYEUX-CONNECT-05",),
        "An event for a session with a held long-polling connect waits until the hold ends.",
    ),
    Fault(
        OLDER_CONNECT_ORPHANED,
        ("BAYEUX-CONNECT-06",),
        "A newer /meta/connect orphans the held one: it is never answered (until shutdown).",
    ),
    Fault(
        CONNECT_WITHOUT_SUCCESSFUL,
        ("BAYEUX-CONNECT-07",),
        "Replies to a live session's /meta/connect leave out the successful field (events still ride on them).",
    ),
    Fault(
        SUBSCRIBE_NO_ECHO,
        ("SESSION-COMETD-02", "BAYEUX-SUBSCRIBE-01"),
        "A successful /meta/subscribe reply lacks the subscription field.",
    ),
    Fault(
        UNSUBSCRIBE_NO_ECHO,
        ("BAYEUX-SUBSCRIBE-06",),
        "A /meta/unsubscribe reply lacks the subscription field.",
    ),
    Fault(
        UNSUBSCRIBE_IGNORED,
        ("BAYEUX-SUBSCRIBE-05",),
        "/meta/unsubscribe answers successful but keeps the subscription.",
    ),
    Fault(
        META_SUBSCRIBE_ALLOWED,
        ("BAYEUX-SUBSCRIBE-02",),
        "A /meta/** subscription is accepted instead of denied.",
    ),
    Fault(
        WILDCARD_STAR_MATCHES_DEEP,
        ("BAYEUX-SUBSCRIBE-03",),
        "A /foo/* subscription also matches channels several segments below /foo.",
    ),
    Fault(
        WILDCARD_DOUBLE_STAR_SHALLOW,
        ("BAYEUX-SUBSCRIBE-04",),
        "A /foo/** subscription matches only one segment below /foo, like /foo/*.",
    ),
    Fault(
        EVENT_WITHOUT_CHANNEL,
        ("NOTIF-ENVELOPE-01", "BAYEUX-SUBSCRIBE-07"),
        "Delivered notifications carry data but no channel field.",
    ),
    Fault(
        EVENT_LEAKS_CLIENTID,
        ("BAYEUX-SUBSCRIBE-08",),
        "Each delivered event carries the clientId of the first session it was delivered to.",
    ),
    Fault(
        BROADCAST_ALL_AGENTS,
        ("NOTIF-ISOLATION-01", "BAYEUX-SECURITY-03", "EMAIL-MULTI-04"),
        "An event on a /v2/me/** channel is delivered to every agent's matching sessions, not only its own agent's.",
    ),
    Fault(
        BATCH_FIRST_ONLY,
        ("BAYEUX-BATCH-01",),
        "Only the first message of a batch is processed and answered; the others are dropped.",
    ),
    Fault(
        DISCONNECT_KEEPS_SESSION,
        ("BAYEUX-DISCONNECT-01",),
        "After a successful /meta/disconnect the clientId is still accepted.",
    ),
    Fault(
        NO_EXPIRY,
        ("BAYEUX-DISCONNECT-02",),
        "Sessions never expire, however long no /meta/connect arrives.",
    ),
    Fault(
        FOREIGN_CLIENTID_ACCEPTED,
        ("BAYEUX-SECURITY-02", "EMAIL-MULTI-04"),
        "A clientId is accepted on requests that carry another agent's credentials.",
    ),
    Fault(
        CLIENT_PUBLISH_ACCEPTED,
        ("BAYEUX-SECURITY-04",),
        "A client's publish onto /v2/** is accepted and delivered to its agent's subscribed sessions.",
    ),
    Fault(
        WEBSOCKET_NOT_ADVERTISED,
        ("BAYEUX-WEBSOCKET-01",),
        "The handshake reply leaves websocket out of supportedConnectionTypes (websocket still works).",
    ),
    Fault(
        WEBSOCKET_DROPS_EVENTS,
        ("BAYEUX-WEBSOCKET-02",),
        "Events for a session connected over websocket are dropped.",
    ),
    Fault(
        WEBSOCKET_SKIPS_AUTH,
        ("BAYEUX-SECURITY-01",),
        "A WebSocket upgrade without valid credentials is accepted and its handshake succeeds.",
    ),
    # channel names and wildcards (BAYEUX-CHANNEL-*)
    Fault(
        WILDCARD_MATCHES_PARENT,
        ("BAYEUX-CHANNEL-01",),
        "A /foo/* or /foo/** subscription also matches /foo itself.",
    ),
    Fault(
        WILDCARD_MATCHES_PREFIX,
        ("BAYEUX-CHANNEL-02",),
        "A /foo/* or /foo/** subscription also matches channels that merely start with /foo, such as /foobar.",
    ),
    Fault(
        INVALID_WILDCARD_SUBSCRIBABLE,
        ("BAYEUX-CHANNEL-03",),
        "A subscription to a pattern with a wildcard before its last segment (/foo/*/bar, /**/foo) succeeds.",
    ),
    Fault(
        PUBLISH_TO_WILDCARD_ACCEPTED,
        ("BAYEUX-CHANNEL-04",),
        "A client's publish onto a wildcard channel (/foo/*) is acknowledged successful.",
    ),
    # message format: version, arrays, advice, error strings (BAYEUX-MESSAGE-*)
    Fault(
        HANDSHAKE_VERSION_2,
        ("BAYEUX-MESSAGE-01",),
        'A successful handshake reply names version "2.0", which the client never offered.',
    ),
    Fault(
        REPLY_NOT_ARRAY,
        ("BAYEUX-MESSAGE-02",),
        "A long-polling answer holding one message is that message as a bare JSON object, not an array.",
    ),
    Fault(
        WEBSOCKET_FRAME_NOT_ARRAY,
        ("BAYEUX-MESSAGE-03",),
        "A WebSocket frame holding one message is that message as a bare JSON object, not an array.",
    ),
    Fault(
        CONNECT_ADVICE_MALFORMED,
        ("BAYEUX-MESSAGE-04",),
        "Successful /meta/connect replies advise an interval of 0.5 ms more than the server's, not an integer.",
    ),
    Fault(
        ERROR_FIELD_FREE_TEXT,
        ("BAYEUX-MESSAGE-05",),
        "The error of an unsuccessful reply is free text (its message part only), not code:args:message.",
    ),
    Fault(
        HANDSHAKE_REUSES_CLIENTID,
        ("BAYEUX-HANDSHAKE-01", "BAYEUX-CLIENTID-01"),
        "A handshake of an agent who already has a live session is answered with that session's clientId.",
    ),
    Fault(
        REPLACED_CONNECT_WITHOUT_SUCCESSFUL,
        ("BAYEUX-CONNECT-06",),
        "A held /meta/connect that a newer one replaced is answered at once, its reply without successful.",
    ),
    Fault(
        HANDSHAKE_BATCH_PROCESSES_OTHERS,
        ("BAYEUX-HANDSHAKE-BATCH-01",),
        "The other messages of a batch that holds a /meta/handshake are processed (a batched disconnect ends its session).",
    ),
    Fault(
        CLIENTID_REUSED,
        ("BAYEUX-CLIENTID-02",),
        "A handshake gets the clientId of the session most recently ended (disconnected or expired), if any.",
    ),
    Fault(
        CLIENTID_SEQUENTIAL,
        ("BAYEUX-CLIENTID-03",),
        "clientIds come from a counter: 32 hex digits, zero-padded (as long as 128 random bits, but predictable).",
    ),
    Fault(
        CONNECT_WITHOUT_CONNECTIONTYPE_ACCEPTED,
        ("BAYEUX-FIELDS-01",),
        "A /meta/connect without connectionType is accepted, as if it named the transport it came on.",
    ),
    Fault(
        CONNECT_WITHOUT_CLIENTID_ACCEPTED,
        ("BAYEUX-FIELDS-02",),
        "A /meta/connect without clientId is answered successful.",
    ),
    Fault(
        SUBSCRIBE_WITHOUT_SUBSCRIPTION_ACCEPTED,
        ("BAYEUX-FIELDS-03",),
        "A /meta/subscribe without subscription is answered successful.",
    ),
    Fault(
        SUBPATH_POST_REFUSED,
        ("BAYEUX-LONG-POLLING-01",),
        "POSTs on sub-paths of the CometD URL (<url>/handshake, <url>/connect, ...) are answered HTTP 404.",
    ),
)
