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
)


# --- timing of notifications ------------------------------------------------------------------

TIMING: tuple[Variant, ...] = ()


VARIANTS: tuple[Variant, ...] = (*ANSWER_SHAPES, *CONTENT_CHOICES, *TIMING)
