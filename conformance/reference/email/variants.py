"""Allowed variations of the REST routes and the email lifecycle: choices the docs leave open.

Adding a variant is one member of the enum of its block here, naming the `EmailBehaviour` fields
it sets (`behaviour.py`; when no field says it yet, add one whose default is the clean server and
read it where the behaviour is decided). `switches.py` says what a variant promises.
"""

from __future__ import annotations

from conformance.reference.switches import Variant, VariantSwitch, records

# --- answer shapes: HTTP bodies and statuses, ids, uris, extra members, order ---------------


class AnswerShape(VariantSwitch):
    """Answer shapes: HTTP bodies and statuses, ids, uris, extra members, order."""

    EMPTY_200 = Variant("empty-200", ("EMAIL-ACCEPT-01", "EMAIL-REJECT-01", "SESSION-START-01", "SESSION-READY-01", "NOTIF-STREAM-01"),
            "Every successful POST, session operations included, answers HTTP 200 with an empty body "
            "(an empty body or {\"statusCode\":0}: docs/positions.md#success-answer).",
            withdraws=("referenceid-in-response",),
            sets={"success_body_empty": True})
    NO_REFERENCE_ID = Variant("no-reference-id", ("EMAIL-ACCEPT-08", "NOTIF-STREAM-01", "NOTIF-STREAM-02"),
            "Successful POST answers carry no referenceId; only notifications do (the email pages "
            "show {\"statusCode\":0} alone: docs/positions.md#reference-id).",
            withdraws=("referenceid-in-response",),
            sets={"answer_carries_reference_id": False})
    ERROR_STATUSES_200 = Variant("error-statuses-200", ("GEN-ERROR-02",),
            "Refusals answer HTTP 200, the body still carrying the non-zero statusCode and statusMessage "
            "(no HTTP status is documented for a refusal: docs/positions.md#http-status).",
            excludes=("error-statuses-spread",), nonstrict=("GEN-ERROR-02",),
            sets={"refusals_http_200": True})
    ERROR_STATUSES_SPREAD = Variant("error-statuses-spread", ("GEN-ERROR-02",),
            "Refusals answer another 4xx per statusCode than the reference's (1 and 10: 400, 2: 403, "
            "3: 409, 6: 404, 20: 401; no mapping is documented: docs/positions.md#http-status).",
            excludes=("error-statuses-200",),
            sets={"refusal_statuses": "spread"})
    EXTRA_MEMBERS = Variant("extra-members", ("EMAIL-ACCEPT-09", "EMAIL-GET-02", "NOTIF-ENVELOPE-01", "EMAIL-INVITE-01", "NOTIF-STREAM-04"),
            "Success answers, GET answers, email resources (GET and notifications) and notification data "
            "carry unknown extra members (unknown fields are ignored; refusals stay "
            "{statusCode, statusMessage}).",
            sets={"extra_members": True})
    PARENT_ID_ABSENT = Variant("parent-id-absent", ("EMAIL-REPLY-03", "EMAIL-CREATE-03", "NOTIF-STREAM-04"),
            "No email resource carries parentId (parentId is only a Create request parameter: docs/positions.md#reply-link-and-addresses).",
            sets={"resources_carry_parent_id": False})
    CAPABILITIES_REORDERED = Variant("capabilities-reordered", ("EMAIL-CAPS-01", "EMAIL-INVITE-01"),
            "Capabilities are listed in reverse alphabetical order (a list of names, no order: docs/positions.md#capabilities).",
            sets={"capabilities_reverse_alphabetical": True})
    INTERACTION_SERVER_IDS = Variant("interaction-server-ids", ("EMAIL-CREATE-02", "NOTIF-STREAM-04"),
            "Email ids are 16 upper-case alphanumerics like 01QG9WAK37H38024 and uris absolute "
            "http://host:port/api/v2/email/{id}, as in the notification samples (docs/positions.md#resource-uri).",
            sets={"email_ids": "interaction-server", "email_uri_path": "/api/v2/email"})


ANSWER_SHAPES: tuple[Variant, ...] = records(AnswerShape)


# --- content choices and the asynchronous error model ---------------------------------------


class ContentChoice(VariantSwitch):
    """Content choices and the asynchronous error model."""

    ASYNC_REFUSALS = Variant(
        "async-refusals",
        ("EMAIL-TRANSFER-07", "EMAIL-ATTACH-05", "EMAIL-ACCEPT-12", "EMAIL-COMPLETE-07", "EMAIL-MULTI-01",
         "NOTIF-ERROR-01", "NOTIF-ERROR-02", "NOTIF-STREAM-01", "NOTIF-STREAM-02"),
        "an operation refused on an existing email is answered HTTP 200 {\"statusCode\":0}, then an Error "
        "notification (referenceId, statusCode, statusMessage, the email when it is the agent's) tells the refusal "
        "(for email, a failure arrives with notificationType Error: docs/positions.md#refusal)",
        sets={"refusals_notified": True, "refusals_answered_as_success": True},
    )
    NESTED_USER_DATA = Variant(
        "nested-user-data",
        ("EMAIL-USERDATA-03", "EMAIL-CREATE-05", "EMAIL-REPLY-07", "EMAIL-GET-02", "FUZZ-INVALID-01", "NOTIF-STREAM-04"),
        "userData values may be objects, arrays and booleans, accepted and echoed as sent (the docs say only "
        "\"key/value pairs\", and Genesys key/value lists nest)",
        sets={"nested_user_data": True},
    )
    DELETE_USER_DATA_BY_OBJECT = Variant(
        "delete-user-data-by-object",
        ("EMAIL-USERDATA-04", "FUZZ-VALID-01"),
        "DeleteUserData follows its parameter table only: it takes userData (an object whose keys are deleted, or "
        "a list of key names) and refuses a request without it, the sample's keys included, with statusCode 1 "
        "(docs/positions.md#delete-user-data-keys)",
        sets={"delete_user_data_takes_keys": False},
    )
    EMPTY_DISPOSITION = Variant(
        "empty-disposition",
        ("EMAIL-DISPOSITION-04", "FUZZ-INVALID-01"),
        "SetDisposition takes an empty disposition and stores it (nothing documents its refusal)",
        sets={"set_disposition_takes_empty_value": True},
    )
    EMPTY_NAMES_AS_ABSENT = Variant(
        "empty-names-as-absent",
        ("EMAIL-COMPLETE-05", "FUZZ-INVALID-01"),
        "an empty queueUri, queueName or mime is read as not given: accepted where the parameter is optional "
        "(nothing documents its refusal), refused as missing where it is required",
        sets={"empty_names_read_as_absent": True},
    )
    CAPABILITIES_CHECKED_FIRST = Variant(
        "capabilities-checked-first",
        ("EMAIL-ATTACH-04",),
        "whether an operation can apply to the email now is checked before its parameters are read: RemoveAttachment "
        "on a draft holding no attachment is refused with statusCode 2 whatever its parameters (the order of the "
        "checks is not documented)",
        sets={"remove_attachment_refused_when_nothing_attached": True},
    )
    UNADVERTISED_FORBIDDEN = Variant(
        "unadvertised-forbidden",
        ("EMAIL-REJECT-05",),
        "an operation the email's state does not allow is refused with statusCode 3 (forbidden), not 2 "
        "(2 or 3: docs/positions.md#capabilities)",
        sets={"unadvertised_refused_as_forbidden": True},
    )
    UPDATE_USER_DATA_UNSUPPORTED = Variant(
        "update-user-data-unsupported",
        ("FUZZ-VALID-01", "EMAIL-CAPS-01"),
        "UpdateUserData, which has no email page, is neither advertised nor taken (refused as not valid, statusCode 2)",
        sets={"update_user_data_supported": False},
    )
    ADDRESSES_VALIDATED = Variant(
        "addresses-validated",
        ("FUZZ-VALID-01",),
        "Save and Send refuse an address (to, from, cc, bcc) that is not a plausible email address "
        "(local@domain, at most 254 characters) with statusCode 10; the docs say only \"addresses\"",
        sets={"addresses_validated": True},
    )
    MIXED_CAPABILITIES = Variant(
        "mixed-capabilities",
        ("EMAIL-CAPS-01",),
        "an inbound email in Processing also advertises, and takes, Save and Send, as the EmailResource sample's "
        "capabilities do (Reply, ReplyAll, Save, Complete, Transfer, Send)",
        sets={"processing_inbound_takes_save_and_send": True},
    )
    REFUSALS_ALSO_NOTIFIED = Variant(
        "refusals-also-notified",
        ("NOTIF-ERROR-01", "NOTIF-ERROR-02", "EMAIL-ACCEPT-12", "EMAIL-MULTI-01"),
        "an operation refused on an existing email is answered with its non-zero statusCode as usual, and an Error "
        "notification (referenceId, statusCode, statusMessage, the email when it is the agent's) follows it too "
        "(errors follow as notifications: docs/positions.md#refusal; an Error is not a change: "
        "docs/positions.md#failed-request-changes-nothing)",
        sets={"refusals_notified": True},
    )


CONTENT_CHOICES: tuple[Variant, ...] = records(ContentChoice)


# --- agent states ---------------------------------------------------------------------------------


class AgentState(VariantSwitch):
    """Agent states."""

    READY_ON_READY_SILENT = Variant(
        "ready-on-ready-silent",
        ("SESSION-READY-02", "BAYEUX-CONNECT-05"),
        "Ready on an agent already Ready answers statusCode 0 and notifies nothing, since nothing changed "
        "(the Ready page announces the change; docs/positions.md#ready-on-ready)",
        sets={"ready_on_ready_notified": False},
    )


AGENT_STATES: tuple[Variant, ...] = records(AgentState)


# --- timing of notifications ------------------------------------------------------------------

TIMING: tuple[Variant, ...] = ()


VARIANTS: tuple[Variant, ...] = (*ANSWER_SHAPES, *CONTENT_CHOICES, *AGENT_STATES, *TIMING)
