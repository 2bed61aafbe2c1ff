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
    Variant(EMPTY_200, ("EMAIL-ACCEPT-01", "EMAIL-REJECT-01", "SESSION-START-01", "SESSION-READY-01"),
            "Every successful POST, session operations included, answers HTTP 200 with an empty body "
            "(digest 3.1 and contradiction 1: an empty body or {\"statusCode\":0})."),
    Variant(NO_REFERENCE_ID, ("EMAIL-ACCEPT-08",),
            "Successful POST answers carry no referenceId; only notifications do (digest 3.2: "
            "the email pages show {\"statusCode\":0} alone)."),
    Variant(ERROR_STATUSES_200, ("GEN-ERROR-02",),
            "Refusals answer HTTP 200, the body still carrying the non-zero statusCode and statusMessage "
            "(digest 3.1: any 2xx, 4xx or 5xx on errors).",
            excludes=(ERROR_STATUSES_SPREAD,), nonstrict=("GEN-ERROR-02",)),
    Variant(ERROR_STATUSES_SPREAD, ("GEN-ERROR-02",),
            "Refusals answer another 4xx per statusCode than the reference's (1 and 10: 400, 2: 403, "
            "3: 409, 6: 404, 20: 401; digest 3.1: no mapping is documented).",
            excludes=(ERROR_STATUSES_200,)),
    Variant(EXTRA_MEMBERS, ("EMAIL-ACCEPT-09", "EMAIL-GET-02", "NOTIF-ENVELOPE-01"),
            "Success answers, GET answers, email resources (GET and notifications) and notification data "
            "carry unknown extra members (digest contradiction 24: ignore unknown fields; refusals stay "
            "{statusCode, statusMessage}, digest 3.1)."),
    Variant(PARENT_ID_ABSENT, ("EMAIL-REPLY-03", "EMAIL-CREATE-03"),
            "No email resource carries parentId (digest 2.1: parentId is only a Create request parameter)."),
    Variant(CAPABILITIES_REORDERED, ("EMAIL-CAPS-01",),
            "Capabilities are listed in reverse alphabetical order (digest 2.4: a list of names, no order)."),
    Variant(INTERACTION_SERVER_IDS, ("EMAIL-CREATE-02",),
            "Email ids are 16 upper-case alphanumerics like 01QG9WAK37H38024 and uris absolute "
            "http://host:port/api/v2/email/{id}, as in the notification samples (digest 2.1, contradiction 7)."),
)


# --- content choices and the asynchronous error model ---------------------------------------

CONTENT_CHOICES: tuple[Variant, ...] = ()


# --- timing of notifications ------------------------------------------------------------------

TIMING: tuple[Variant, ...] = ()


VARIANTS: tuple[Variant, ...] = (*ANSWER_SHAPES, *CONTENT_CHOICES, *TIMING)
