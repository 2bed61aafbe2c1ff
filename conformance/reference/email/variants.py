"""Allowed variations of the REST routes and the email lifecycle: choices the docs leave open.

Adding a variant is one constant and one `Variant` here plus one hook where the behaviour is
decided (grep the constant to find it); `switches.py` says what a variant promises.
"""

from __future__ import annotations

from conformance.reference.switches import Variant

# --- answer shapes: HTTP bodies and statuses, ids, uris, extra members, order ---------------

ANSWER_SHAPES: tuple[Variant, ...] = ()


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

CONTENT_CHOICES: tuple[Variant, ...] = (
    Variant(
        ASYNC_REFUSALS,
        ("EMAIL-TRANSFER-07", "EMAIL-ATTACH-05", "EMAIL-ACCEPT-12", "EMAIL-COMPLETE-07", "EMAIL-MULTI-01"),
        "an operation refused on an existing email is answered HTTP 200 {\"statusCode\":0}, then an Error "
        "notification (referenceId, statusCode, statusMessage, the email when it is the agent's) tells the refusal "
        "(digest 3.3: for email, a failure arrives with notificationType Error)",
    ),
    Variant(
        NESTED_USER_DATA,
        ("EMAIL-USERDATA-03", "EMAIL-CREATE-05", "EMAIL-REPLY-07", "EMAIL-GET-02", "FUZZ-INVALID-01"),
        "userData values may be objects, arrays and booleans, accepted and echoed as sent (the docs say only "
        "\"key/value pairs\", and Genesys key/value lists nest)",
    ),
    Variant(
        DELETE_USER_DATA_BY_OBJECT,
        ("EMAIL-USERDATA-04", "FUZZ-VALID-01"),
        "DeleteUserData follows its parameter table only: it takes userData (an object whose keys are deleted, or "
        "a list of key names) and refuses a request without it, the sample's keys included, with statusCode 1 "
        "(digest contradiction 10)",
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
        "(digest 2.4 position: 2 or 3)",
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
)


# --- timing of notifications ------------------------------------------------------------------

TIMING: tuple[Variant, ...] = ()


VARIANTS: tuple[Variant, ...] = (*ANSWER_SHAPES, *CONTENT_CHOICES, *TIMING)
