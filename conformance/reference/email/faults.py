"""Fault switches of the REST routes and the email lifecycle: each breaks one requirement.

Adding a fault is one constant and one `Fault` here plus one hook where the behaviour is
decided (grep the constant to find it).
"""

from __future__ import annotations

from conformance.reference.faults import Fault

INVITE_WRONG_CAPABILITIES = "invite-wrong-capabilities"
ACCEPT_HTTP_204 = "accept-http-204"
ACCEPT_BODY_NOT_JSON = "accept-body-not-json"
ACCEPT_NO_NOTIFICATION = "accept-no-notification"
ACCEPT_ON_INTERACTIONS_CHANNEL = "accept-on-interactions-channel"
ACCEPT_WRONG_MESSAGE_TYPE = "accept-wrong-message-type"
ACCEPT_WRONG_EMAIL_ID = "accept-wrong-email-id"
ACCEPT_STATE_STAYS_INVITED = "accept-state-stays-invited"
ACCEPT_CAPABILITIES_STALE = "accept-capabilities-stale"
ACCEPT_REFERENCEID_MISMATCH = "accept-referenceid-mismatch"
ACCEPT_NOTIFICATION_NO_URI = "accept-notification-no-uri"
ACCEPT_SAVELAR_FALSE_REFUSED = "accept-savelar-false-refused"
ACCEPT_INVALID_SAVELAR_ACCEPTED = "accept-invalid-savelar-accepted"
ACCEPT_TWICE_ALLOWED = "accept-twice-allowed"
ACCEPT_UNKNOWN_ID_WRONG_STATUS = "accept-unknown-id-wrong-status"
ACCEPT_OTHER_AGENT_ALLOWED = "accept-other-agent-allowed"
ACCEPT_WITHOUT_CREDENTIALS = "accept-without-credentials"
MISSING_OPERATION_WRONG_STATUS = "missing-operation-wrong-status"
UNKNOWN_OPERATION_ACCEPTED = "unknown-operation-accepted"
GET_EMAIL_STALE_STATE = "get-email-stale-state"
REJECT_HTTP_202 = "reject-http-202"
REJECT_NO_NOTIFICATION = "reject-no-notification"
REJECT_KEEPS_OWNERSHIP = "reject-keeps-ownership"
REJECT_NOT_REOFFERED = "reject-not-reoffered"
REJECT_AFTER_ACCEPT_ALLOWED = "reject-after-accept-allowed"
CHANNEL_NOTIFICATION_WITHOUT_MESSAGETYPE = "channel-notification-without-messagetype"
ERROR_WITHOUT_STATUSMESSAGE = "error-without-statusmessage"
ERRORS_HTTP_200 = "errors-http-200"
START_SESSION_OLD_SHAPE = "start-session-old-shape"
READY_OLD_SHAPE = "ready-old-shape"
READY_NO_NOTIFICATION = "ready-no-notification"
GET_ME_WITHOUT_CREDENTIALS = "get-me-without-credentials"

FAULTS: tuple[Fault, ...] = (
    Fault(INVITE_WRONG_CAPABILITIES, ("EMAIL-INVITE-01",),
          "Invitations advertise the capabilities [Accept] only (Reject missing)."),
    Fault(ACCEPT_HTTP_204, ("EMAIL-ACCEPT-01",),
          "A successful Accept answers HTTP 204 instead of 200."),
    Fault(ACCEPT_BODY_NOT_JSON, ("EMAIL-ACCEPT-02",),
          'A successful Accept answers 200 with the text/plain body "OK".'),
    Fault(ACCEPT_NO_NOTIFICATION, ("EMAIL-ACCEPT-03",),
          "Accept is performed but no notification is published."),
    Fault(ACCEPT_ON_INTERACTIONS_CHANNEL, ("EMAIL-ACCEPT-03",),
          "The Accept notification is published on /v2/me/interactions instead of /v2/me/emails."),
    Fault(ACCEPT_WRONG_MESSAGE_TYPE, ("EMAIL-ACCEPT-04",),
          'The Accept notification has messageType "InteractionStateChangeMessage".'),
    Fault(ACCEPT_WRONG_EMAIL_ID, ("EMAIL-ACCEPT-05",),
          "The Accept notification names another email id."),
    Fault(ACCEPT_STATE_STAYS_INVITED, ("EMAIL-ACCEPT-06",),
          "The Accept notification says state Invited (the real state and GET say Processing)."),
    Fault(ACCEPT_CAPABILITIES_STALE, ("EMAIL-ACCEPT-07",),
          "The Accept notification keeps the capabilities [Accept, Reject]."),
    Fault(ACCEPT_REFERENCEID_MISMATCH, ("EMAIL-ACCEPT-08",),
          "The Accept notification carries a referenceId other than the HTTP answer's."),
    Fault(ACCEPT_NOTIFICATION_NO_URI, ("EMAIL-ACCEPT-09",),
          "The email resource in the Accept notification lacks uri."),
    Fault(ACCEPT_SAVELAR_FALSE_REFUSED, ("EMAIL-ACCEPT-10",),
          "Accept with saveLAR false is refused with statusCode 10."),
    Fault(ACCEPT_INVALID_SAVELAR_ACCEPTED, ("EMAIL-ACCEPT-11",),
          "Accept takes any saveLAR value (read as truthy) instead of refusing non-booleans."),
    Fault(ACCEPT_TWICE_ALLOWED, ("EMAIL-ACCEPT-12",),
          "A second Accept of a Processing email answers 0 and notifies again."),
    Fault(ACCEPT_UNKNOWN_ID_WRONG_STATUS, ("EMAIL-ACCEPT-13",),
          "Accept of an unknown email id answers statusCode 2 instead of 6."),
    Fault(ACCEPT_OTHER_AGENT_ALLOWED, ("EMAIL-ACCEPT-14",),
          "Accept does not check ownership: any agent may accept another agent's invitation."),
    Fault(ACCEPT_WITHOUT_CREDENTIALS, ("EMAIL-ACCEPT-15",),
          "Accept without credentials is performed on behalf of the agent the email is offered to."),
    Fault(MISSING_OPERATION_WRONG_STATUS, ("EMAIL-ACCEPT-16",),
          "A POST without operationName answers statusCode 10 instead of 1."),
    Fault(UNKNOWN_OPERATION_ACCEPTED, ("EMAIL-ACCEPT-17",),
          "An unknown operationName on an email answers statusCode 0 (and changes nothing)."),
    Fault(GET_EMAIL_STALE_STATE, ("EMAIL-ACCEPT-18",),
          "GET /api/v2/me/emails/{id} shows the state before the last transition."),
    Fault(REJECT_HTTP_202, ("EMAIL-REJECT-01",),
          "A successful Reject answers HTTP 202 instead of 200."),
    Fault(REJECT_NO_NOTIFICATION, ("EMAIL-REJECT-02",),
          "Reject is performed but the rejecting agent gets no notification."),
    Fault(REJECT_KEEPS_OWNERSHIP, ("EMAIL-REJECT-03",),
          "A rejected email is offered to another agent, yet the rejecting agent can still Accept it."),
    Fault(REJECT_NOT_REOFFERED, ("EMAIL-REJECT-04",),
          'A rejected email is parked in the queue "rejected" and never offered again.'),
    Fault(REJECT_AFTER_ACCEPT_ALLOWED, ("EMAIL-REJECT-05",),
          "Reject of an accepted (Processing) email is performed instead of refused."),
    Fault(CHANNEL_NOTIFICATION_WITHOUT_MESSAGETYPE, ("NOTIF-ENVELOPE-02",),
          "ChannelStateChangeMessageV2 notifications lack messageType."),
    Fault(ERROR_WITHOUT_STATUSMESSAGE, ("GEN-ERROR-01",),
          "Error answers carry statusCode but no statusMessage."),
    Fault(ERRORS_HTTP_200, ("GEN-ERROR-02",),
          "Error answers use HTTP 200 (the body still carries the non-zero statusCode)."),
    Fault(START_SESSION_OLD_SHAPE, ("SESSION-START-01",),
          'StartContactCenterSession works but answers the 8.5.1 shape {"status":"ok"}.'),
    Fault(READY_OLD_SHAPE, ("SESSION-READY-01",),
          'Ready works but answers the 8.5.1 shape {"status":"ok"}.'),
    Fault(READY_NO_NOTIFICATION, ("SESSION-READY-02",),
          "Ready works but publishes no ChannelStateChangeMessageV2."),
    Fault(GET_ME_WITHOUT_CREDENTIALS, ("SESSION-AUTH-01",),
          "GET /api/v2/me without credentials answers 200 with the first agent."),
)


# --- found by fuzzing only (issue 6): values no hand-written check sends -------------------
FUZZ_SAVELAR_STRING_TRUTHY = "fuzz-savelar-string-truthy"
FUZZ_LONG_SUBJECT_500 = "fuzz-long-subject-500"
FUZZ_NON_ASCII_KEY_500 = "fuzz-userdata-non-ascii-key-500"
FUZZ_QUEUENAME_NUMBER_ACCEPTED = "fuzz-queuename-number-accepted"
FUZZ_NOT_JSON_EMPTY_ANSWER = "fuzz-not-json-empty-answer"
FUZZ_BAD_VALUE_EXTRA_MEMBER = "fuzz-bad-value-extra-member"
FUZZ_REFUSED_USERDATA_APPLIED = "fuzz-refused-userdata-applied"
FUZZ_SAVE_LEAVES_COMPOSING = "fuzz-save-leaves-composing"

FAULTS += (
    Fault(FUZZ_SAVELAR_STRING_TRUTHY, ("FUZZ-INVALID-01",),
          'Accept takes saveLAR "true" and "false" (strings), read by truthiness: "false" counts as true.',
          fuzz_only=True),
    Fault(FUZZ_LONG_SUBJECT_500, ("FUZZ-SERVER-01", "FUZZ-VALID-01"),
          "Save and Send answer HTTP 500 (statusCode 4) for a subject longer than 255 characters.",
          fuzz_only=True),
    Fault(FUZZ_NON_ASCII_KEY_500, ("FUZZ-SERVER-01", "FUZZ-VALID-01"),
          "AttachUserData and UpdateUserData answer HTTP 500 (statusCode 4) for a key that is not ASCII.",
          fuzz_only=True),
    Fault(FUZZ_QUEUENAME_NUMBER_ACCEPTED, ("FUZZ-INVALID-01",),
          "Complete takes a number as queueName (as its text) instead of refusing it.",
          fuzz_only=True),
    Fault(FUZZ_NOT_JSON_EMPTY_ANSWER, ("FUZZ-ENVELOPE-01",),
          "A body that is not JSON is refused with an empty HTTP 400 (no statusCode).",
          fuzz_only=True),
    Fault(FUZZ_BAD_VALUE_EXTRA_MEMBER, ("FUZZ-SCHEMA-01",),
          "Refusals of a bad value (statusCode 10) carry an extra member invalidParameter.",
          fuzz_only=True),
    Fault(FUZZ_REFUSED_USERDATA_APPLIED, ("FUZZ-UNCHANGED-01",),
          "AttachUserData with one bad value is refused, yet its scalar pairs are stored.",
          fuzz_only=True),
    Fault(FUZZ_SAVE_LEAVES_COMPOSING, ("FUZZ-STATEFUL-01",),
          "Save moves the draft to Processing, so the Send that follows it is refused.",
          fuzz_only=True),
)
