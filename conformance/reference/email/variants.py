"""Allowed variations of the REST routes and the email lifecycle: choices the docs leave open.

Adding a variant is one constant and one `Variant` here plus one hook where the behaviour is
decided (grep the constant to find it); `switches.py` says what a variant promises.
"""

from __future__ import annotations

from conformance.reference.switches import Variant

# --- answer shapes: HTTP bodies and statuses, ids, uris, extra members, order ---------------

EMPTY_200 = "empty-200"
NO_REFERENCE_ID = "no-reference-id"
ERROR_STATUSES_200 = "error-statuses-200"
ERROR_STATUSES_SPREAD = "error-statuses-spread"
EXTRA_MEMBERS = "extra-members"
PARENT_ID_ABSENT = "parent-id-absent"
CAPABILITIES_REORDERED = "capabilities-reordered"
INTERACTION_SERVER_IDS = "interaction-server-ids"

ANSWER_SHAPES: tuple[Variant, ...] = (
    Variant(EMPTY_200, ("EMAIL-ACCEPT-01", "EMAIL-REJECT-01", "SESSION-START-01", "SESSION-READY-01", "NOTIF-STREAM-01"),
            "Every successful POST, session operations included, answers HTTP 200 with an empty body "
            "(an empty body or {\"statusCode\":0}: docs/positions.md#success-answer).",
            withdraws=("referenceid-in-response",)),
    Variant(NO_REFERENCE_ID, ("EMAIL-ACCEPT-08", "NOTIF-STREAM-01", "NOTIF-STREAM-02"),
            "Successful POST answers carry no referenceId; only notifications do (the email pages "
            "show {\"statusCode\":0} alone: docs/positions.md#reference-id).",
            withdraws=("referenceid-in-response",)),
    Variant(ERROR_STATUSES_200, ("GEN-ERROR-02",),
            "Refusals answer HTTP 200, the body still carrying the non-zero statusCode and statusMessage "
            "(no HTTP status is documented for a refusal: docs/positions.md#http-status).",
            excludes=(ERROR_STATUSES_SPREAD,), nonstrict=("GEN-ERROR-02",)),
    Variant(ERROR_STATUSES_SPREAD, ("GEN-ERROR-02",),
            "Refusals answer another 4xx per statusCode than the reference's (1 and 10: 400, 2: 403, "
            "3: 409, 6: 404, 20: 401; no mapping is documented: docs/positions.md#http-status).",
            excludes=(ERROR_STATUSES_200,)),
    Variant(EXTRA_MEMBERS, ("EMAIL-ACCEPT-09", "EMAIL-GET-02", "NOTIF-ENVELOPE-01", "EMAIL-INVITE-01", "NOTIF-STREAM-04"),
            "Success answers, GET answers, email resources (GET and notifications) and notification data "
            "carry unknown extra members (unknown fields are ignored; refusals stay "
            "{statusCode, statusMessage})."),
    Variant(PARENT_ID_ABSENT, ("EMAIL-REPLY-03", "EMAIL-CREATE-03", "NOTIF-STREAM-04"),
            "No email resource carries parentId (parentId is only a Create request parameter: docs/positions.md#reply-link-and-addresses)."),
    Variant(CAPABILITIES_REORDERED, ("EMAIL-CAPS-01", "EMAIL-INVITE-01"),
            "Capabilities are listed in reverse alphabetical order (a list of names, no order: docs/positions.md#capabilities)."),
    Variant(INTERACTION_SERVER_IDS, ("EMAIL-CREATE-02", "NOTIF-STREAM-04"),
            "Email ids are 16 upper-case alphanumerics like 01QG9WAK37H38024 and uris absolute "
            "http://host:port/api/v2/email/{id}, as in the notification samples (docs/positions.md#resource-uri)."),
)


# --- content choices and the asynchronous error model ---------------------------------------

ASYNC_REFUSALS = "async-refusals"
NESTED_USER_DATA = "nested-user-data"
DELETE_USER_DATA_BY_OBJECT = "delete-user-data-by-object"
EMPTY_DISPOSITION = "empty-disposition"
EMPTY_NAMES_AS_ABSENT = "empty-names-as-absent"
CAPABILITIES_CHECKED_FIRST = "capabilities-checked-first"
UNADVERTISED_FORBIDDEN = "unadvertised-forbidden"
UPDATE_USER_DATA_UNSUPPORTED = "update-user-data-unsupported"
ADDRESSES_VALIDATED = "addresses-validated"
MIXED_CAPABILITIES = "mixed-capabilities"
REFUSALS_ALSO_NOTIFIED = "refusals-also-notified"

CONTENT_CHOICES: tuple[Variant, ...] = (
    Variant(
        ASYNC_REFUSALS,
        ("EMAIL-TRANSFER-07", "EMAIL-ATTACH-05", "EMAIL-ACCEPT-12", "EMAIL-COMPLETE-07", "EMAIL-MULTI-01",
         "NOTIF-ERROR-01", "NOTIF-ERROR-02", "NOTIF-STREAM-01", "NOTIF-STREAM-02"),
        "an operation refused on an existing email is answered HTTP 200 {\"statusCode\":0}, then an Error "
        "notification (referenceId, statusCode, statusMessage, the email when it is the agent's) tells the refusal "
        "(for email, a failure arrives with notificationType Error: docs/positions.md#refusal)",
    ),
    Variant(
        NESTED_USER_DATA,
        ("EMAIL-USERDATA-03", "EMAIL-CREATE-05", "EMAIL-REPLY-07", "EMAIL-GET-02", "FUZZ-INVALID-01", "NOTIF-STREAM-04"),
        "userData values may be objects, arrays and booleans, accepted and echoed as sent (the docs say only "
        "\"key/value pairs\", and Genesys key/value lists nest)",
    ),
    Variant(
        DELETE_USER_DATA_BY_OBJECT,
        ("EMAIL-USERDATA-04", "FUZZ-VALID-01"),
        "DeleteUserData follows its parameter table only: it takes userData (an object whose keys are deleted, or "
        "a list of key names) and refuses a request without it, the sample's keys included, with statusCode 1 "
        "(docs/positions.md#delete-user-data-keys)",
    ),
    Variant(
        EMPTY_DISPOSITION,
        ("EMAIL-DISPOSITION-04", "FUZZ-INVALID-01"),
        "SetDisposition takes an empty disposition and stores it (nothing documents its refusal)",
    ),
    Variant(
        EMPTY_NAMES_AS_ABSENT,
        ("EMAIL-COMPLETE-05", "FUZZ-INVALID-01"),
        "an empty queueUri, queueName or mime is read as not given: accepted where the parameter is optional "
        "(nothing documents its refusal), refused as missing where it is required",
    ),
    Variant(
        CAPABILITIES_CHECKED_FIRST,
        ("EMAIL-ATTACH-04",),
        "whether an operation can apply to the email now is checked before its parameters are read: RemoveAttachment "
        "on a draft holding no attachment is refused with statusCode 2 whatever its parameters (the order of the "
        "checks is not documented)",
    ),
    Variant(
        UNADVERTISED_FORBIDDEN,
        ("EMAIL-REJECT-05",),
        "an operation the email's state does not allow is refused with statusCode 3 (forbidden), not 2 "
        "(2 or 3: docs/positions.md#capabilities)",
    ),
    Variant(
        UPDATE_USER_DATA_UNSUPPORTED,
        ("FUZZ-VALID-01", "EMAIL-CAPS-01"),
        "UpdateUserData, which has no email page, is neither advertised nor taken (refused as not valid, statusCode 2)",
    ),
    Variant(
        ADDRESSES_VALIDATED,
        ("FUZZ-VALID-01",),
        "Save and Send refuse an address (to, from, cc, bcc) that is not a plausible email address "
        "(local@domain, at most 254 characters) with statusCode 10; the docs say only \"addresses\"",
    ),
    Variant(
        MIXED_CAPABILITIES,
        ("EMAIL-CAPS-01",),
        "an inbound email in Processing also advertises, and takes, Save and Send, as the EmailResource sample's "
        "capabilities do (Reply, ReplyAll, Save, Complete, Transfer, Send)",
    ),
    Variant(
        REFUSALS_ALSO_NOTIFIED,
        ("NOTIF-ERROR-01", "NOTIF-ERROR-02", "EMAIL-ACCEPT-12", "EMAIL-MULTI-01"),
        "an operation refused on an existing email is answered with its non-zero statusCode as usual, and an Error "
        "notification (referenceId, statusCode, statusMessage, the email when it is the agent's) follows it too "
        "(errors follow as notifications: docs/positions.md#refusal; an Error is not a change: "
        "docs/positions.md#failed-request-changes-nothing)",
    ),
)


# --- agent states ---------------------------------------------------------------------------------

READY_ON_READY_SILENT = "ready-on-ready-silent"

AGENT_STATES: tuple[Variant, ...] = (
    Variant(
        READY_ON_READY_SILENT,
        ("SESSION-READY-02", "BAYEUX-CONNECT-05"),
        "Ready on an agent already Ready answers statusCode 0 and notifies nothing, since nothing changed "
        "(the Ready page announces the change; docs/positions.md#ready-on-ready)",
    ),
)


# --- timing of notifications ------------------------------------------------------------------

TIMING: tuple[Variant, ...] = ()


VARIANTS: tuple[Variant, ...] = (*ANSWER_SHAPES, *CONTENT_CHOICES, *AGENT_STATES, *TIMING)
