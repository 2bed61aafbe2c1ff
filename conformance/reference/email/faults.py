"""Fault switches of the REST routes and the email lifecycle: each breaks one requirement.

Adding a fault is one constant and one `Fault` here plus one hook where the behaviour is
decided (grep the constant to find it).
"""

from __future__ import annotations

from conformance.reference.switches import Fault

INVITE_WRONG_CAPABILITIES = "invite-wrong-capabilities"
INVITE_STATE_PROCESSING = "invite-state-processing"
INVITE_WRONG_NOTIFICATIONTYPE = "invite-wrong-notificationtype"
INVITE_EXTRA_CAPABILITY = "invite-extra-capability"
INVITE_WRONG_MESSAGETYPE = "invite-wrong-messagetype"
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
ERROR_NOTIFICATION_WRONG_TYPE = "error-notification-wrong-type"
ERROR_NOTIFICATION_WITHOUT_STATUSCODE = "error-notification-without-statuscode"
START_SESSION_OLD_SHAPE = "start-session-old-shape"
READY_OLD_SHAPE = "ready-old-shape"
READY_NO_NOTIFICATION = "ready-no-notification"
GET_ME_WITHOUT_CREDENTIALS = "get-me-without-credentials"

# --- the other operations, capabilities, GET and several agents -------------------------
COMPLETE_HTTP_202 = "complete-http-202"
COMPLETE_NO_NOTIFICATION = "complete-no-notification"
COMPLETE_CAPABILITIES_STALE = "complete-capabilities-stale"
COMPLETE_QUEUENAME_REFUSED = "complete-queuename-refused"
COMPLETE_INVALID_PARAMS_ACCEPTED = "complete-invalid-params-accepted"
COMPLETE_FROM_INVITED_ALLOWED = "complete-from-invited-allowed"
COMPLETE_TWICE_ALLOWED = "complete-twice-allowed"
TRANSFER_HTTP_202 = "transfer-http-202"
TRANSFER_NO_NOTIFICATION = "transfer-no-notification"
TRANSFER_KEEPS_OWNERSHIP = "transfer-keeps-ownership"
TRANSFER_USER_NOT_INVITED = "transfer-user-not-invited"
TRANSFER_QUEUE_REFUSED = "transfer-queue-refused"
TRANSFER_WITHOUT_TARGET_ACCEPTED = "transfer-without-target-accepted"
TRANSFER_BOTH_TARGETS_ACCEPTED = "transfer-both-targets-accepted"
REPLY_HTTP_202 = "reply-http-202"
REPLY_DRAFT_STATE_PROCESSING = "reply-draft-state-processing"
REPLY_WRONG_PARENTID = "reply-wrong-parentid"
REPLYALL_DROPS_CC = "replyall-drops-cc"
REPLY_TO_ORIGINAL_RECIPIENT = "reply-to-original-recipient"
REPLY_QUOTE_IGNORED = "reply-quote-ignored"
REPLY_INVALID_PARAMS_ACCEPTED = "reply-invalid-params-accepted"
CREATE_HTTP_202 = "create-http-202"
CREATE_NO_NOTIFICATION = "create-no-notification"
CREATE_DROPS_USERDATA = "create-drops-userdata"
CREATE_WRONG_PARENTID = "create-wrong-parentid"
CREATE_WITHOUT_QUEUEURI_ACCEPTED = "create-without-queueuri-accepted"
CREATE_INVALID_PARAMS_ACCEPTED = "create-invalid-params-accepted"
SAVE_HTTP_202 = "save-http-202"
SAVE_NOTIFIED_AS_STATUSCHANGE = "save-notified-as-statuschange"
SAVE_DROPS_CC = "save-drops-cc"
SAVE_WITHOUT_TO_ACCEPTED = "save-without-to-accepted"
SAVE_INVALID_FIELDS_ACCEPTED = "save-invalid-fields-accepted"
SEND_HTTP_202 = "send-http-202"
SEND_NO_NOTIFICATION = "send-no-notification"
SEND_KEEPS_DRAFT = "send-keeps-draft"
SEND_WITHOUT_QUEUENAME_ACCEPTED = "send-without-queuename-accepted"
SEND_INVALID_PARAMS_ACCEPTED = "send-invalid-params-accepted"
CANCEL_OLD_SHAPE = "cancel-old-shape"
CANCEL_STATE_COMPLETED = "cancel-state-completed"
CANCEL_INBOUND_ALLOWED = "cancel-inbound-allowed"
CANCEL_KEEPS_DRAFT = "cancel-keeps-draft"
ATTACH_USER_DATA_HTTP_202 = "attach-user-data-http-202"
ATTACH_USER_DATA_REPLACES = "attach-user-data-replaces"
ATTACH_USER_DATA_INVALID_ACCEPTED = "attach-user-data-invalid-accepted"
DELETE_USER_DATA_FIRST_KEY_ONLY = "delete-user-data-first-key-only"
DELETE_USER_DATA_WITHOUT_KEYS_ACCEPTED = "delete-user-data-without-keys-accepted"
SET_DISPOSITION_HTTP_202 = "set-disposition-http-202"
DISPOSITION_WRONG_KEY = "disposition-wrong-key"
DISPOSITION_KEY_REQUIRED = "disposition-key-required"
DISPOSITION_WITHOUT_VALUE_ACCEPTED = "disposition-without-value-accepted"
ADD_ATTACHMENT_HTTP_202 = "add-attachment-http-202"
ADD_ATTACHMENT_NOTIFIED_AS_PROPERTIES = "add-attachment-notified-as-properties"
REMOVE_ATTACHMENT_NOTIFIED_AS_ADDED = "remove-attachment-notified-as-added"
ATTACHMENT_WITHOUT_DOCUMENTID_ACCEPTED = "attachment-without-documentid-accepted"
REMOVE_UNKNOWN_ATTACHMENT_ACCEPTED = "remove-unknown-attachment-accepted"
GET_EMAILS_OMITS_PROCESSING = "get-emails-omits-processing"
GET_EMAILS_WITHOUT_URI = "get-emails-without-uri"
GET_EMAIL_NO_CAPABILITIES = "get-email-no-capabilities"
GET_EMAIL_UNKNOWN_WRONG_STATUS = "get-email-unknown-wrong-status"
DRAFT_ADVERTISES_COMPLETE = "draft-advertises-complete"
INVITE_ADVERTISES_SET_DISPOSITION = "invite-advertises-set-disposition"
UNKNOWN_EMAIL_WRONG_STATUS = "unknown-email-wrong-status"
ACCEPT_NOT_EXCLUSIVE = "accept-not-exclusive"
GET_EMAIL_OTHER_AGENT_ALLOWED = "get-email-other-agent-allowed"
ATTACH_USER_DATA_OTHER_AGENT_ALLOWED = "attach-user-data-other-agent-allowed"
EMAIL_EVENTS_TO_EVERY_AGENT = "email-events-to-every-agent"
# --- the notification stream's invariants -------------------------------------------------
EMAIL_EVENTS_DELIVERED_TWICE = "email-events-delivered-twice"
STATE_SKIPS_PROCESSING = "state-skips-processing"
REFERENCEID_AS_STRING_ON_COMPLETE = "referenceid-as-string-on-complete"
WRONG_MESSAGETYPE_ON_TRANSFER = "wrong-messagetype-on-transfer"
EVENT_LEAKS_TO_OTHER_AGENT = "event-leaks-to-other-agent"

# --- each the one departure a check judging less than its sentence let through ------------
READY_CHANNEL_MESSAGE_WRONG_TYPE = "ready-channel-message-wrong-type"
INVITATION_WITHOUT_NOTIFICATIONTYPE = "invitation-without-notificationtype"
REPLY_QUOTE_ONLY_IN_PLAINTEXT = "reply-quote-only-in-plaintext"
ACCEPT_REFUSED_BUT_STATE_CHANGES = "accept-refused-but-state-changes"
REMOVE_ATTACHMENT_MISTYPED_ID_ACCEPTED = "remove-attachment-mistyped-id-accepted"
REJECT_UNNOTIFIED_KEEPS_OWNERSHIP = "reject-unnotified-keeps-ownership"

FAULTS: tuple[Fault, ...] = (
    Fault(INVITE_WRONG_CAPABILITIES, ("EMAIL-INVITE-01",),
          "Invitations advertise the capabilities [Accept] only (Reject missing)."),
    Fault(INVITE_STATE_PROCESSING, ("EMAIL-INVITE-01",),
          "The invitation notification shows the email in state Processing (it is still Invited)."),
    Fault(INVITE_WRONG_NOTIFICATIONTYPE, ("EMAIL-INVITE-01",),
          "The invitation notification has notificationType PropertiesUpdated instead of StatusChange."),
    Fault(INVITE_EXTRA_CAPABILITY, ("EMAIL-INVITE-01",),
          "The invitation notification also advertises Complete, an operation of Processing."),
    Fault(INVITE_WRONG_MESSAGETYPE, ("EMAIL-INVITE-01",),
          "The invitation notification has messageType EmailMessage instead of EmailStateChangeMessage."),
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
    Fault(ERROR_NOTIFICATION_WRONG_TYPE, ("NOTIF-ERROR-01",),
          "Refusals are told by an Error notification, as with async-refusals, whose notificationType is "
          "OperationFailed instead of Error."),
    Fault(ERROR_NOTIFICATION_WITHOUT_STATUSCODE, ("NOTIF-ERROR-02",),
          "Refusals are told by an Error notification, as with async-refusals, that carries no statusCode."),
    Fault(START_SESSION_OLD_SHAPE, ("SESSION-START-01",),
          'StartContactCenterSession works but answers the 8.5.1 shape {"status":"ok"}.'),
    Fault(READY_OLD_SHAPE, ("SESSION-READY-01",),
          'Ready works but answers the 8.5.1 shape {"status":"ok"}.'),
    Fault(READY_NO_NOTIFICATION, ("SESSION-READY-02",),
          "Ready works but publishes no ChannelStateChangeMessageV2."),
    Fault(GET_ME_WITHOUT_CREDENTIALS, ("SESSION-AUTH-01",),
          "GET /api/v2/me without credentials answers 200 with the first agent."),
    Fault(COMPLETE_HTTP_202, ("EMAIL-COMPLETE-01",),
          "A successful Complete answers HTTP 202 instead of 200."),
    Fault(COMPLETE_NO_NOTIFICATION, ("EMAIL-COMPLETE-02",),
          "Complete is performed but no notification is published."),
    Fault(COMPLETE_CAPABILITIES_STALE, ("EMAIL-COMPLETE-03",),
          "The Complete notification still advertises Complete and Transfer."),
    Fault(COMPLETE_QUEUENAME_REFUSED, ("EMAIL-COMPLETE-04",),
          "Complete with a queueName is refused with statusCode 10."),
    Fault(COMPLETE_INVALID_PARAMS_ACCEPTED, ("EMAIL-COMPLETE-05",),
          "Complete reads a mistyped queueName or saveLAR as absent instead of refusing it."),
    Fault(COMPLETE_FROM_INVITED_ALLOWED, ("EMAIL-COMPLETE-06", "EMAIL-CAPS-02", "EMAIL-LIFECYCLE-01"),
          "Complete is performed on an Invited email (it does not advertise Complete)."),
    Fault(COMPLETE_TWICE_ALLOWED, ("EMAIL-COMPLETE-07",),
          "Complete of a Completed email is performed and notified again."),
    Fault(TRANSFER_HTTP_202, ("EMAIL-TRANSFER-01",),
          "A successful Transfer answers HTTP 202 instead of 200."),
    Fault(TRANSFER_NO_NOTIFICATION, ("EMAIL-TRANSFER-02",),
          "Transfer is performed but the transferring agent gets no notification."),
    Fault(TRANSFER_KEEPS_OWNERSHIP, ("EMAIL-TRANSFER-03",),
          "Transfer to a queue is notified, yet the email stays Processing with the agent."),
    Fault(TRANSFER_USER_NOT_INVITED, ("EMAIL-TRANSFER-04",),
          'Transfer by userUri parks the email in the queue "unassigned" instead of inviting that agent.'),
    Fault(TRANSFER_QUEUE_REFUSED, ("EMAIL-TRANSFER-05",),
          "Transfer by queueName is refused with statusCode 10."),
    Fault(TRANSFER_WITHOUT_TARGET_ACCEPTED, ("EMAIL-TRANSFER-06",),
          'Transfer with neither userUri nor queueName goes to the queue "unassigned".'),
    Fault(TRANSFER_BOTH_TARGETS_ACCEPTED, ("EMAIL-TRANSFER-07",),
          "Transfer with both userUri and queueName ignores queueName."),
    Fault(REPLY_HTTP_202, ("EMAIL-REPLY-01",),
          "A successful Reply answers HTTP 202 instead of 200."),
    Fault(REPLY_DRAFT_STATE_PROCESSING, ("EMAIL-REPLY-02",),
          "The notification of a new reply shows state Processing instead of Composing."),
    Fault(REPLY_WRONG_PARENTID, ("EMAIL-REPLY-03",),
          "The notification of a new reply names another email than the inbound one as its parentId."),
    Fault(REPLYALL_DROPS_CC, ("EMAIL-REPLY-04",),
          "The ReplyAll email is notified with an empty cc list."),
    Fault(REPLY_TO_ORIGINAL_RECIPIENT, ("EMAIL-REPLY-05",),
          "The Reply email is notified as addressed to the agent's own mailbox (the original's To)."),
    Fault(REPLY_QUOTE_IGNORED, ("EMAIL-REPLY-06",),
          "Reply and ReplyAll ignore quoteOriginal."),
    Fault(REPLY_INVALID_PARAMS_ACCEPTED, ("EMAIL-REPLY-07",),
          "Reply and ReplyAll read mistyped parameters as absent instead of refusing them."),
    Fault(CREATE_HTTP_202, ("EMAIL-CREATE-01",),
          "A successful Create answers HTTP 202 instead of 200."),
    Fault(CREATE_NO_NOTIFICATION, ("EMAIL-CREATE-02",),
          "Create makes the draft but publishes no notification."),
    Fault(CREATE_DROPS_USERDATA, ("EMAIL-CREATE-03",),
          "Create ignores its userData parameter."),
    Fault(CREATE_WRONG_PARENTID, ("EMAIL-CREATE-03",),
          "The notification of a created email names another parentId than the one given."),
    Fault(CREATE_WITHOUT_QUEUEURI_ACCEPTED, ("EMAIL-CREATE-04",),
          "Create without queueUri is performed with a default queue."),
    Fault(CREATE_INVALID_PARAMS_ACCEPTED, ("EMAIL-CREATE-05",),
          "Create reads mistyped parameters as absent instead of refusing them."),
    Fault(SAVE_HTTP_202, ("EMAIL-SAVE-01",),
          "A successful Save answers HTTP 202 instead of 200."),
    Fault(SAVE_NOTIFIED_AS_STATUSCHANGE, ("EMAIL-SAVE-02",),
          "Save is notified with notificationType StatusChange instead of EmailSaved."),
    Fault(SAVE_DROPS_CC, ("EMAIL-SAVE-03",),
          "The EmailSaved notification shows an empty cc list."),
    Fault(SAVE_WITHOUT_TO_ACCEPTED, ("EMAIL-SAVE-04",),
          "Save whose email lacks to is performed, addressed to the sender."),
    Fault(SAVE_INVALID_FIELDS_ACCEPTED, ("EMAIL-SAVE-05",),
          "Save reads mistyped email fields as absent instead of refusing them."),
    Fault(SEND_HTTP_202, ("EMAIL-SEND-01",),
          "A successful Send answers HTTP 202 instead of 200."),
    Fault(SEND_NO_NOTIFICATION, ("EMAIL-SEND-02",),
          "Send is performed but no notification is published."),
    Fault(SEND_KEEPS_DRAFT, ("EMAIL-SEND-03",),
          "A Completed email (a sent one) still takes Save."),
    Fault(SEND_WITHOUT_QUEUENAME_ACCEPTED, ("EMAIL-SEND-04",),
          "Send without queueName is performed through a default queue."),
    Fault(SEND_INVALID_PARAMS_ACCEPTED, ("EMAIL-SEND-05",),
          "Send reads mistyped parameters as absent instead of refusing them."),
    Fault(CANCEL_OLD_SHAPE, ("EMAIL-CANCEL-01",),
          'A successful Cancel answers the sample\'s {"status":0} instead of {"statusCode":0}.'),
    Fault(CANCEL_STATE_COMPLETED, ("EMAIL-CANCEL-02",),
          "The Cancel notification shows state Completed instead of Canceled."),
    Fault(CANCEL_INBOUND_ALLOWED, ("EMAIL-CANCEL-03",),
          "Cancel is performed on a Processing inbound email."),
    Fault(CANCEL_KEEPS_DRAFT, ("EMAIL-CANCEL-04",),
          "A Canceled draft still takes Save."),
    Fault(ATTACH_USER_DATA_HTTP_202, ("EMAIL-USERDATA-01",),
          "A successful AttachUserData answers HTTP 202 instead of 200."),
    Fault(ATTACH_USER_DATA_REPLACES, ("EMAIL-USERDATA-02",),
          "The AttachUserData notification shows only the attached pairs, not the merged user data."),
    Fault(ATTACH_USER_DATA_INVALID_ACCEPTED, ("EMAIL-USERDATA-03",),
          "AttachUserData takes a userData that is not an object as no pairs and answers success instead of refusing it."),
    Fault(DELETE_USER_DATA_FIRST_KEY_ONLY, ("EMAIL-USERDATA-04",),
          "DeleteUserData removes only the first of the named keys."),
    Fault(DELETE_USER_DATA_WITHOUT_KEYS_ACCEPTED, ("EMAIL-USERDATA-05",),
          "DeleteUserData without keys is performed (deleting nothing)."),
    Fault(SET_DISPOSITION_HTTP_202, ("EMAIL-DISPOSITION-01",),
          "A successful SetDisposition answers HTTP 202 instead of 200."),
    Fault(DISPOSITION_WRONG_KEY, ("EMAIL-DISPOSITION-02",),
          "SetDisposition ignores dispositionKey and always uses the default key."),
    Fault(DISPOSITION_KEY_REQUIRED, ("EMAIL-DISPOSITION-03",),
          "SetDisposition without dispositionKey is refused with statusCode 1."),
    Fault(DISPOSITION_WITHOUT_VALUE_ACCEPTED, ("EMAIL-DISPOSITION-04",),
          'SetDisposition without disposition stores "Unspecified".'),
    Fault(ADD_ATTACHMENT_HTTP_202, ("EMAIL-ATTACH-01",),
          "A successful AddAttachment answers HTTP 202 instead of 200."),
    Fault(ADD_ATTACHMENT_NOTIFIED_AS_PROPERTIES, ("EMAIL-ATTACH-02",),
          "AddAttachment is notified as PropertiesUpdated instead of AttachmentAdded."),
    Fault(REMOVE_ATTACHMENT_NOTIFIED_AS_ADDED, ("EMAIL-ATTACH-03",),
          "RemoveAttachment is notified as AttachmentAdded instead of AttachmentRemoved."),
    Fault(ATTACHMENT_WITHOUT_DOCUMENTID_ACCEPTED, ("EMAIL-ATTACH-04",),
          "AddAttachment and RemoveAttachment without documentId use a generated one."),
    Fault(REMOVE_UNKNOWN_ATTACHMENT_ACCEPTED, ("EMAIL-ATTACH-05",),
          "RemoveAttachment of a document that is not attached is notified as removed."),
    Fault(GET_EMAILS_OMITS_PROCESSING, ("EMAIL-GET-01",),
          "GET /api/v2/me/emails leaves out Processing emails."),
    Fault(GET_EMAILS_WITHOUT_URI, ("EMAIL-GET-02",),
          "The emails listed by GET /api/v2/me/emails lack uri."),
    Fault(GET_EMAIL_NO_CAPABILITIES, ("EMAIL-GET-03",),
          "GET /api/v2/me/emails/{id} shows capabilities []."),
    Fault(GET_EMAIL_UNKNOWN_WRONG_STATUS, ("EMAIL-GET-04",),
          "GET of an unknown email id answers statusCode 3 instead of 6."),
    Fault(DRAFT_ADVERTISES_COMPLETE, ("EMAIL-CAPS-01",),
          "Drafts (Composing) also advertise Complete, which they refuse."),
    Fault(INVITE_ADVERTISES_SET_DISPOSITION, ("EMAIL-CAPS-03",),
          "Invitations also advertise SetDisposition, which they refuse."),
    Fault(UNKNOWN_EMAIL_WRONG_STATUS, ("EMAIL-LIFECYCLE-02",),
          "Operations other than Accept on an unknown email id answer statusCode 3 instead of 6."),
    Fault(ACCEPT_NOT_EXCLUSIVE, ("EMAIL-MULTI-01",),
          "Accept checks neither ownership nor state: every agent racing for an invitation wins."),
    Fault(GET_EMAIL_OTHER_AGENT_ALLOWED, ("EMAIL-MULTI-02",),
          "GET /api/v2/me/emails/{id} answers another agent's email."),
    Fault(ATTACH_USER_DATA_OTHER_AGENT_ALLOWED, ("EMAIL-MULTI-03",),
          "AttachUserData does not check ownership: any agent may change another agent's email."),
    Fault(EMAIL_EVENTS_TO_EVERY_AGENT, ("EMAIL-MULTI-04",),
          "Every email notification is published to every agent's CometD sessions."),
    Fault(READY_CHANNEL_MESSAGE_WRONG_TYPE, ("SESSION-READY-02",),
          'The notification of Ready on /v2/me/channels has messageType "ChannelStateChangeMessage" (not V2).'),
    Fault(INVITATION_WITHOUT_NOTIFICATIONTYPE, ("NOTIF-ENVELOPE-01",),
          "The data of invitation notifications lacks notificationType."),
    Fault(REPLY_QUOTE_ONLY_IN_PLAINTEXT, ("EMAIL-REPLY-06",),
          "With quoteOriginal true the quote goes into bodyAsPlainText only; body holds none of it."),
    Fault(ACCEPT_REFUSED_BUT_STATE_CHANGES, ("EMAIL-ACCEPT-14",),
          "Accept by another agent is refused (statusCode 3), yet the invitation silently moves to Processing."),
    Fault(REMOVE_ATTACHMENT_MISTYPED_ID_ACCEPTED, ("EMAIL-ATTACH-04",),
          "RemoveAttachment with a documentId that is not a non-empty string is notified as removed."),
    Fault(REJECT_UNNOTIFIED_KEEPS_OWNERSHIP, ("EMAIL-REJECT-03",),
          "Reject answers success but does nothing: no notification, and the email stays offered to the agent."),
    Fault(EMAIL_EVENTS_DELIVERED_TWICE, ("NOTIF-STREAM-01",),
          "Every email notification is published twice to its agent."),
    Fault(STATE_SKIPS_PROCESSING, ("NOTIF-STREAM-02",),
          "The Accept notification shows state Completed: the stream goes Invited -> Completed (GET says Processing)."),
    Fault(REFERENCEID_AS_STRING_ON_COMPLETE, ("NOTIF-STREAM-03",),
          'The Complete notification carries its referenceId as a string ("12").'),
    Fault(WRONG_MESSAGETYPE_ON_TRANSFER, ("NOTIF-STREAM-04", "EMAIL-TRANSFER-02"),
          'The Transfer notification has messageType "InteractionStateChangeMessage".'),
    Fault(EVENT_LEAKS_TO_OTHER_AGENT, ("NOTIF-STREAM-05",),
          "The notification of a Complete is also published to every other agent."),
)


# --- found by fuzzing only: values no hand-written check sends ----------------------------
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
