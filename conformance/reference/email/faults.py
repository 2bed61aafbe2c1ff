"""Fault switches of the REST routes and the email lifecycle: each breaks one requirement.

Adding a fault is one `EmailFault` member here: its kebab-case name, the requirements it breaks,
what it does, and the `EmailBehaviour` fields it sets (`behaviour.py`). When no field says it
yet, add one whose default is the clean server and read it where the behaviour is decided.
"""

from __future__ import annotations

from conformance.reference.email.model import State
from conformance.reference.switches import Fault, FaultSwitch, records


class EmailFault(FaultSwitch):
    """The faults of the REST routes and the email lifecycle, each with the requirements it breaks."""

    INVITE_WRONG_CAPABILITIES = Fault("invite-wrong-capabilities", ("EMAIL-INVITE-01",),
          "Invitations advertise the capabilities [Accept] only (Reject missing).",
          sets={"invitations_advertise_accept_only": True})
    INVITE_STATE_PROCESSING = Fault("invite-state-processing", ("EMAIL-INVITE-01",),
          "The invitation notification shows the email in state Processing (it is still Invited).",
          sets={"invitation_shows_processing": True})
    INVITE_WRONG_NOTIFICATIONTYPE = Fault("invite-wrong-notificationtype", ("EMAIL-INVITE-01",),
          "The invitation notification has notificationType PropertiesUpdated instead of StatusChange.",
          sets={"invitation_notified_as_properties_updated": True})
    INVITE_EXTRA_CAPABILITY = Fault("invite-extra-capability", ("EMAIL-INVITE-01",),
          "The invitation notification also advertises Complete, an operation of Processing.",
          sets={"invitation_advertises_complete": True})
    INVITE_WRONG_MESSAGETYPE = Fault("invite-wrong-messagetype", ("EMAIL-INVITE-01",),
          "The invitation notification has messageType EmailMessage instead of EmailStateChangeMessage.",
          sets={"invitation_as_email_message": True})
    ACCEPT_HTTP_204 = Fault("accept-http-204", ("EMAIL-ACCEPT-01",),
          "A successful Accept answers HTTP 204 instead of 200.",
          sets={"accept_answers_204": True})
    ACCEPT_BODY_NOT_JSON = Fault("accept-body-not-json", ("EMAIL-ACCEPT-02",),
          'A successful Accept answers 200 with the text/plain body "OK".',
          sets={"accept_answers_text_ok": True})
    ACCEPT_NO_NOTIFICATION = Fault("accept-no-notification", ("EMAIL-ACCEPT-03",),
          "Accept is performed but no notification is published.",
          sets={"accept_notified": False})
    ACCEPT_ON_INTERACTIONS_CHANNEL = Fault("accept-on-interactions-channel", ("EMAIL-ACCEPT-03",),
          "The Accept notification is published on /v2/me/interactions instead of /v2/me/emails.",
          sets={"accept_notified_on_interactions_channel": True})
    ACCEPT_WRONG_MESSAGE_TYPE = Fault("accept-wrong-message-type", ("EMAIL-ACCEPT-04",),
          'The Accept notification has messageType "InteractionStateChangeMessage".',
          sets={"accept_notified_as_interaction_message": True})
    ACCEPT_WRONG_EMAIL_ID = Fault("accept-wrong-email-id", ("EMAIL-ACCEPT-05",),
          "The Accept notification names another email id.",
          sets={"accept_notification_names_another_email": True})
    ACCEPT_STATE_STAYS_INVITED = Fault("accept-state-stays-invited", ("EMAIL-ACCEPT-06",),
          "The Accept notification says state Invited (the real state and GET say Processing).",
          sets={"accept_notified_as_invited": True})
    ACCEPT_CAPABILITIES_STALE = Fault("accept-capabilities-stale", ("EMAIL-ACCEPT-07",),
          "The Accept notification keeps the capabilities [Accept, Reject].",
          sets={"accept_notification_keeps_invitation_capabilities": True})
    ACCEPT_REFERENCEID_MISMATCH = Fault("accept-referenceid-mismatch", ("EMAIL-ACCEPT-08",),
          "The Accept notification carries a referenceId other than the HTTP answer's.",
          sets={"accept_notification_reference_id_offset": 1000})
    ACCEPT_NOTIFICATION_NO_URI = Fault("accept-notification-no-uri", ("EMAIL-ACCEPT-09",),
          "The email resource in the Accept notification lacks uri.",
          sets={"accept_notification_has_uri": False})
    ACCEPT_SAVELAR_FALSE_REFUSED = Fault("accept-savelar-false-refused", ("EMAIL-ACCEPT-10",),
          "Accept with saveLAR false is refused with statusCode 10.",
          sets={"accept_refuses_save_lar_false": True})
    ACCEPT_INVALID_SAVELAR_ACCEPTED = Fault("accept-invalid-savelar-accepted", ("EMAIL-ACCEPT-11",),
          "Accept takes any saveLAR value (read as truthy) instead of refusing non-booleans.",
          sets={"accept_validates_save_lar": False})
    ACCEPT_TWICE_ALLOWED = Fault("accept-twice-allowed", ("EMAIL-ACCEPT-12",),
          "A second Accept of a Processing email answers 0 and notifies again.",
          sets={"taken_despite_state": frozenset({(State.PROCESSING, "Accept")})})
    ACCEPT_UNKNOWN_ID_WRONG_STATUS = Fault("accept-unknown-id-wrong-status", ("EMAIL-ACCEPT-13",),
          "Accept of an unknown email id answers statusCode 2 instead of 6.",
          sets={"accept_unknown_email_not_found": False})
    ACCEPT_OTHER_AGENT_ALLOWED = Fault("accept-other-agent-allowed", ("EMAIL-ACCEPT-14",),
          "Accept does not check ownership: any agent may accept another agent's invitation.",
          sets={"accept_of_another_agents_email": True})
    ACCEPT_WITHOUT_CREDENTIALS = Fault("accept-without-credentials", ("EMAIL-ACCEPT-15",),
          "Accept without credentials is performed on behalf of the agent the email is offered to.",
          sets={"accept_needs_credentials": False})
    MISSING_OPERATION_WRONG_STATUS = Fault("missing-operation-wrong-status", ("EMAIL-ACCEPT-16",),
          "A POST without operationName answers statusCode 10 instead of 1.",
          sets={"missing_operation_is_missing_parameter": False})
    UNKNOWN_OPERATION_ACCEPTED = Fault("unknown-operation-accepted", ("EMAIL-ACCEPT-17",),
          "An unknown operationName on an email answers statusCode 0 (and changes nothing).",
          sets={"unknown_operation_refused": False})
    GET_EMAIL_STALE_STATE = Fault("get-email-stale-state", ("EMAIL-ACCEPT-18",),
          "GET /api/v2/me/emails/{id} shows the state before the last transition.",
          sets={"fetched_email_state_current": False})
    REJECT_HTTP_202 = Fault("reject-http-202", ("EMAIL-REJECT-01",),
          "A successful Reject answers HTTP 202 instead of 200.",
          sets={"answered_202": frozenset({"Reject"})})
    REJECT_NO_NOTIFICATION = Fault("reject-no-notification", ("EMAIL-REJECT-02",),
          "Reject is performed but the rejecting agent gets no notification.",
          sets={"reject_notified": False})
    REJECT_KEEPS_OWNERSHIP = Fault("reject-keeps-ownership", ("EMAIL-REJECT-03",),
          "A rejected email is offered to another agent, yet the rejecting agent can still Accept it.",
          sets={"rejecter_may_still_accept": True})
    REJECT_NOT_REOFFERED = Fault("reject-not-reoffered", ("EMAIL-REJECT-04",),
          'A rejected email is parked in the queue "rejected" and never offered again.',
          sets={"rejected_email_reoffered": False})
    REJECT_AFTER_ACCEPT_ALLOWED = Fault("reject-after-accept-allowed", ("EMAIL-REJECT-05",),
          "Reject of an accepted (Processing) email is performed instead of refused.",
          sets={"taken_despite_state": frozenset({(State.PROCESSING, "Reject")})})
    CHANNEL_NOTIFICATION_WITHOUT_MESSAGETYPE = Fault("channel-notification-without-messagetype", ("NOTIF-ENVELOPE-02",),
          "ChannelStateChangeMessageV2 notifications lack messageType.",
          sets={"channel_notification_has_message_type": False})
    ERROR_WITHOUT_STATUSMESSAGE = Fault("error-without-statusmessage", ("GEN-ERROR-01",),
          "Error answers carry statusCode but no statusMessage.",
          sets={"refusal_has_status_message": False})
    ERRORS_HTTP_200 = Fault("errors-http-200", ("GEN-ERROR-02",),
          "Error answers use HTTP 200 (the body still carries the non-zero statusCode).",
          sets={"refusals_http_200": True})
    ERROR_NOTIFICATION_WRONG_TYPE = Fault("error-notification-wrong-type", ("NOTIF-ERROR-01",),
          "Refusals are told by an Error notification, as with async-refusals, whose notificationType is "
          "OperationFailed instead of Error.",
          sets={"refusals_notified": True, "refusals_answered_as_success": True,
                "error_notified_as_operation_failed": True})
    ERROR_NOTIFICATION_WITHOUT_STATUSCODE = Fault("error-notification-without-statuscode", ("NOTIF-ERROR-02",),
          "Refusals are told by an Error notification, as with async-refusals, that carries no statusCode.",
          sets={"refusals_notified": True, "refusals_answered_as_success": True,
                "error_notification_has_status_code": False})
    START_SESSION_OLD_SHAPE = Fault("start-session-old-shape", ("SESSION-START-01",),
          'StartContactCenterSession works but answers the 8.5.1 shape {"status":"ok"}.',
          sets={"answered_in_8_5_1_shape": frozenset({"StartContactCenterSession"})})
    READY_OLD_SHAPE = Fault("ready-old-shape", ("SESSION-READY-01",),
          'Ready works but answers the 8.5.1 shape {"status":"ok"}.',
          sets={"answered_in_8_5_1_shape": frozenset({"Ready"})})
    READY_NO_NOTIFICATION = Fault("ready-no-notification", ("SESSION-READY-02",),
          "Ready works but publishes no ChannelStateChangeMessageV2.",
          sets={"ready_notified": False})
    GET_ME_WITHOUT_CREDENTIALS = Fault("get-me-without-credentials", ("SESSION-AUTH-01",),
          "GET /api/v2/me without credentials answers 200 with the first agent.",
          sets={"get_me_needs_credentials": False})
    # --- the other operations, capabilities, GET and several agents -------------------------
    COMPLETE_HTTP_202 = Fault("complete-http-202", ("EMAIL-COMPLETE-01",),
          "A successful Complete answers HTTP 202 instead of 200.",
          sets={"answered_202": frozenset({"Complete"})})
    COMPLETE_NO_NOTIFICATION = Fault("complete-no-notification", ("EMAIL-COMPLETE-02",),
          "Complete is performed but no notification is published.",
          sets={"unnotified_operations": frozenset({"Complete"})})
    COMPLETE_CAPABILITIES_STALE = Fault("complete-capabilities-stale", ("EMAIL-COMPLETE-03",),
          "The Complete notification still advertises Complete and Transfer.",
          sets={"complete_notification_keeps_capabilities": True})
    COMPLETE_QUEUENAME_REFUSED = Fault("complete-queuename-refused", ("EMAIL-COMPLETE-04",),
          "Complete with a queueName is refused with statusCode 10.",
          sets={"complete_refuses_queue_name": True})
    COMPLETE_INVALID_PARAMS_ACCEPTED = Fault("complete-invalid-params-accepted", ("EMAIL-COMPLETE-05",),
          "Complete reads a mistyped queueName or saveLAR as absent instead of refusing it.",
          sets={"mistyped_params_read_as_absent": frozenset({"Complete"})})
    COMPLETE_FROM_INVITED_ALLOWED = Fault("complete-from-invited-allowed", ("EMAIL-COMPLETE-06", "EMAIL-CAPS-02", "EMAIL-LIFECYCLE-01"),
          "Complete is performed on an Invited email (it does not advertise Complete).",
          sets={"taken_despite_state": frozenset({(State.INVITED, "Complete")})})
    COMPLETE_TWICE_ALLOWED = Fault("complete-twice-allowed", ("EMAIL-COMPLETE-07",),
          "Complete of a Completed email is performed and notified again.",
          sets={"taken_despite_state": frozenset({(State.COMPLETED, "Complete")})})
    TRANSFER_HTTP_202 = Fault("transfer-http-202", ("EMAIL-TRANSFER-01",),
          "A successful Transfer answers HTTP 202 instead of 200.",
          sets={"answered_202": frozenset({"Transfer"})})
    TRANSFER_NO_NOTIFICATION = Fault("transfer-no-notification", ("EMAIL-TRANSFER-02",),
          "Transfer is performed but the transferring agent gets no notification.",
          sets={"unnotified_operations": frozenset({"Transfer"})})
    TRANSFER_KEEPS_OWNERSHIP = Fault("transfer-keeps-ownership", ("EMAIL-TRANSFER-03",),
          "Transfer to a queue is notified, yet the email stays Processing with the agent.",
          sets={"transfer_to_queue_releases_email": False})
    TRANSFER_USER_NOT_INVITED = Fault("transfer-user-not-invited", ("EMAIL-TRANSFER-04",),
          'Transfer by userUri parks the email in the queue "unassigned" instead of inviting that agent.',
          sets={"transfer_to_user_invites": False})
    TRANSFER_QUEUE_REFUSED = Fault("transfer-queue-refused", ("EMAIL-TRANSFER-05",),
          "Transfer by queueName is refused with statusCode 10.",
          sets={"transfer_refuses_queue_name": True})
    TRANSFER_WITHOUT_TARGET_ACCEPTED = Fault("transfer-without-target-accepted", ("EMAIL-TRANSFER-06",),
          'Transfer with neither userUri nor queueName goes to the queue "unassigned".',
          sets={"transfer_needs_target": False})
    TRANSFER_BOTH_TARGETS_ACCEPTED = Fault("transfer-both-targets-accepted", ("EMAIL-TRANSFER-07",),
          "Transfer with both userUri and queueName ignores queueName.",
          sets={"transfer_ignores_queue_name_beside_user": True})
    REPLY_HTTP_202 = Fault("reply-http-202", ("EMAIL-REPLY-01",),
          "A successful Reply answers HTTP 202 instead of 200.",
          sets={"answered_202": frozenset({"Reply"})})
    REPLY_DRAFT_STATE_PROCESSING = Fault("reply-draft-state-processing", ("EMAIL-REPLY-02",),
          "The notification of a new reply shows state Processing instead of Composing.",
          sets={"reply_draft_notified_as_processing": True})
    REPLY_WRONG_PARENTID = Fault("reply-wrong-parentid", ("EMAIL-REPLY-03",),
          "The notification of a new reply names another email than the inbound one as its parentId.",
          sets={"reply_notification_names_another_parent": True})
    REPLYALL_DROPS_CC = Fault("replyall-drops-cc", ("EMAIL-REPLY-04",),
          "The ReplyAll email is notified with an empty cc list.",
          sets={"reply_all_notified_without_cc": True})
    REPLY_TO_ORIGINAL_RECIPIENT = Fault("reply-to-original-recipient", ("EMAIL-REPLY-05",),
          "The Reply email is notified as addressed to the agent's own mailbox (the original's To).",
          sets={"reply_notified_to_own_mailbox": True})
    REPLY_QUOTE_IGNORED = Fault("reply-quote-ignored", ("EMAIL-REPLY-06",),
          "Reply and ReplyAll ignore quoteOriginal.",
          sets={"reply_reads_quote_original": False})
    REPLY_INVALID_PARAMS_ACCEPTED = Fault("reply-invalid-params-accepted", ("EMAIL-REPLY-07",),
          "Reply and ReplyAll read mistyped parameters as absent instead of refusing them.",
          sets={"mistyped_params_read_as_absent": frozenset({"Reply", "ReplyAll"})})
    CREATE_HTTP_202 = Fault("create-http-202", ("EMAIL-CREATE-01",),
          "A successful Create answers HTTP 202 instead of 200.",
          sets={"answered_202": frozenset({"Create"})})
    CREATE_NO_NOTIFICATION = Fault("create-no-notification", ("EMAIL-CREATE-02",),
          "Create makes the draft but publishes no notification.",
          sets={"unnotified_operations": frozenset({"Create"})})
    CREATE_DROPS_USERDATA = Fault("create-drops-userdata", ("EMAIL-CREATE-03",),
          "Create ignores its userData parameter.",
          sets={"create_reads_user_data": False})
    CREATE_WRONG_PARENTID = Fault("create-wrong-parentid", ("EMAIL-CREATE-03",),
          "The notification of a created email names another parentId than the one given.",
          sets={"create_notification_names_another_parent": True})
    CREATE_WITHOUT_QUEUEURI_ACCEPTED = Fault("create-without-queueuri-accepted", ("EMAIL-CREATE-04",),
          "Create without queueUri is performed with a default queue.",
          sets={"create_needs_queue_uri": False})
    CREATE_INVALID_PARAMS_ACCEPTED = Fault("create-invalid-params-accepted", ("EMAIL-CREATE-05",),
          "Create reads mistyped parameters as absent instead of refusing them.",
          sets={"mistyped_params_read_as_absent": frozenset({"Create"})})
    SAVE_HTTP_202 = Fault("save-http-202", ("EMAIL-SAVE-01",),
          "A successful Save answers HTTP 202 instead of 200.",
          sets={"answered_202": frozenset({"Save"})})
    SAVE_NOTIFIED_AS_STATUSCHANGE = Fault("save-notified-as-statuschange", ("EMAIL-SAVE-02",),
          "Save is notified with notificationType StatusChange instead of EmailSaved.",
          sets={"save_notified_as_status_change": True})
    SAVE_DROPS_CC = Fault("save-drops-cc", ("EMAIL-SAVE-03",),
          "The EmailSaved notification shows an empty cc list.",
          sets={"save_notified_without_cc": True})
    SAVE_WITHOUT_TO_ACCEPTED = Fault("save-without-to-accepted", ("EMAIL-SAVE-04",),
          "Save whose email lacks to is performed, addressed to the sender.",
          sets={"save_needs_to": False})
    SAVE_INVALID_FIELDS_ACCEPTED = Fault("save-invalid-fields-accepted", ("EMAIL-SAVE-05",),
          "Save reads mistyped email fields as absent instead of refusing them.",
          sets={"mistyped_params_read_as_absent": frozenset({"Save"})})
    SEND_HTTP_202 = Fault("send-http-202", ("EMAIL-SEND-01",),
          "A successful Send answers HTTP 202 instead of 200.",
          sets={"answered_202": frozenset({"Send"})})
    SEND_NO_NOTIFICATION = Fault("send-no-notification", ("EMAIL-SEND-02",),
          "Send is performed but no notification is published.",
          sets={"unnotified_operations": frozenset({"Send"})})
    SEND_KEEPS_DRAFT = Fault("send-keeps-draft", ("EMAIL-SEND-03",),
          "A Completed email (a sent one) still takes Save.",
          sets={"taken_despite_state": frozenset({(State.COMPLETED, "Save")})})
    SEND_WITHOUT_QUEUENAME_ACCEPTED = Fault("send-without-queuename-accepted", ("EMAIL-SEND-04",),
          "Send without queueName is performed through a default queue.",
          sets={"send_needs_queue_name": False})
    SEND_INVALID_PARAMS_ACCEPTED = Fault("send-invalid-params-accepted", ("EMAIL-SEND-05",),
          "Send reads mistyped parameters as absent instead of refusing them.",
          sets={"mistyped_params_read_as_absent": frozenset({"Send"})})
    CANCEL_OLD_SHAPE = Fault("cancel-old-shape", ("EMAIL-CANCEL-01",),
          'A successful Cancel answers the sample\'s {"status":0} instead of {"statusCode":0}.',
          sets={"cancel_answers_sample_shape": True})
    CANCEL_STATE_COMPLETED = Fault("cancel-state-completed", ("EMAIL-CANCEL-02",),
          "The Cancel notification shows state Completed instead of Canceled.",
          sets={"cancel_notified_as_completed": True})
    CANCEL_INBOUND_ALLOWED = Fault("cancel-inbound-allowed", ("EMAIL-CANCEL-03",),
          "Cancel is performed on a Processing inbound email.",
          sets={"taken_despite_state": frozenset({(State.PROCESSING, "Cancel")})})
    CANCEL_KEEPS_DRAFT = Fault("cancel-keeps-draft", ("EMAIL-CANCEL-04",),
          "A Canceled draft still takes Save.",
          sets={"taken_despite_state": frozenset({(State.CANCELED, "Save")})})
    ATTACH_USER_DATA_HTTP_202 = Fault("attach-user-data-http-202", ("EMAIL-USERDATA-01",),
          "A successful AttachUserData answers HTTP 202 instead of 200.",
          sets={"answered_202": frozenset({"AttachUserData"})})
    ATTACH_USER_DATA_REPLACES = Fault("attach-user-data-replaces", ("EMAIL-USERDATA-02",),
          "The AttachUserData notification shows only the attached pairs, not the merged user data.",
          sets={"attach_user_data_notifies_attached_pairs_only": True})
    ATTACH_USER_DATA_INVALID_ACCEPTED = Fault("attach-user-data-invalid-accepted", ("EMAIL-USERDATA-03",),
          "AttachUserData takes a userData that is not an object as no pairs and answers success instead of refusing it.",
          sets={"mistyped_params_read_as_absent": frozenset({"AttachUserData"})})
    DELETE_USER_DATA_FIRST_KEY_ONLY = Fault("delete-user-data-first-key-only", ("EMAIL-USERDATA-04",),
          "DeleteUserData removes only the first of the named keys.",
          sets={"delete_user_data_deletes_every_key": False})
    DELETE_USER_DATA_WITHOUT_KEYS_ACCEPTED = Fault("delete-user-data-without-keys-accepted", ("EMAIL-USERDATA-05",),
          "DeleteUserData without keys is performed (deleting nothing).",
          sets={"delete_user_data_needs_keys": False})
    SET_DISPOSITION_HTTP_202 = Fault("set-disposition-http-202", ("EMAIL-DISPOSITION-01",),
          "A successful SetDisposition answers HTTP 202 instead of 200.",
          sets={"answered_202": frozenset({"SetDisposition"})})
    DISPOSITION_WRONG_KEY = Fault("disposition-wrong-key", ("EMAIL-DISPOSITION-02",),
          "SetDisposition ignores dispositionKey and always uses the default key.",
          sets={"set_disposition_reads_key": False})
    DISPOSITION_KEY_REQUIRED = Fault("disposition-key-required", ("EMAIL-DISPOSITION-03",),
          "SetDisposition without dispositionKey is refused with statusCode 1.",
          sets={"set_disposition_needs_key": True})
    DISPOSITION_WITHOUT_VALUE_ACCEPTED = Fault("disposition-without-value-accepted", ("EMAIL-DISPOSITION-04",),
          'SetDisposition without disposition stores "Unspecified".',
          sets={"set_disposition_needs_value": False})
    ADD_ATTACHMENT_HTTP_202 = Fault("add-attachment-http-202", ("EMAIL-ATTACH-01",),
          "A successful AddAttachment answers HTTP 202 instead of 200.",
          sets={"answered_202": frozenset({"AddAttachment"})})
    ADD_ATTACHMENT_NOTIFIED_AS_PROPERTIES = Fault("add-attachment-notified-as-properties", ("EMAIL-ATTACH-02",),
          "AddAttachment is notified as PropertiesUpdated instead of AttachmentAdded.",
          sets={"add_attachment_notified_as_properties_updated": True})
    REMOVE_ATTACHMENT_NOTIFIED_AS_ADDED = Fault("remove-attachment-notified-as-added", ("EMAIL-ATTACH-03",),
          "RemoveAttachment is notified as AttachmentAdded instead of AttachmentRemoved.",
          sets={"remove_attachment_notified_as_added": True})
    ATTACHMENT_WITHOUT_DOCUMENTID_ACCEPTED = Fault("attachment-without-documentid-accepted", ("EMAIL-ATTACH-04",),
          "AddAttachment and RemoveAttachment without documentId use a generated one.",
          sets={"attachments_need_document_id": False})
    REMOVE_UNKNOWN_ATTACHMENT_ACCEPTED = Fault("remove-unknown-attachment-accepted", ("EMAIL-ATTACH-05",),
          "RemoveAttachment of a document that is not attached is notified as removed.",
          sets={"remove_attachment_needs_attached_document": False})
    GET_EMAILS_OMITS_PROCESSING = Fault("get-emails-omits-processing", ("EMAIL-GET-01",),
          "GET /api/v2/me/emails leaves out Processing emails.",
          sets={"list_processing_emails": False})
    GET_EMAILS_WITHOUT_URI = Fault("get-emails-without-uri", ("EMAIL-GET-02",),
          "The emails listed by GET /api/v2/me/emails lack uri.",
          sets={"listed_emails_have_uri": False})
    GET_EMAIL_NO_CAPABILITIES = Fault("get-email-no-capabilities", ("EMAIL-GET-03",),
          "GET /api/v2/me/emails/{id} shows capabilities [].",
          sets={"fetched_email_has_capabilities": False})
    GET_EMAIL_UNKNOWN_WRONG_STATUS = Fault("get-email-unknown-wrong-status", ("EMAIL-GET-04",),
          "GET of an unknown email id answers statusCode 3 instead of 6.",
          sets={"get_unknown_email_not_found": False})
    DRAFT_ADVERTISES_COMPLETE = Fault("draft-advertises-complete", ("EMAIL-CAPS-01",),
          "Drafts (Composing) also advertise Complete, which they refuse.",
          sets={"advertised_despite_state": frozenset({(State.COMPOSING, "Complete")})})
    INVITE_ADVERTISES_SET_DISPOSITION = Fault("invite-advertises-set-disposition", ("EMAIL-CAPS-03",),
          "Invitations also advertise SetDisposition, which they refuse.",
          sets={"advertised_despite_state": frozenset({(State.INVITED, "SetDisposition")})})
    UNKNOWN_EMAIL_WRONG_STATUS = Fault("unknown-email-wrong-status", ("EMAIL-LIFECYCLE-02",),
          "Operations other than Accept on an unknown email id answer statusCode 3 instead of 6.",
          sets={"unknown_email_not_found": False})
    ACCEPT_NOT_EXCLUSIVE = Fault("accept-not-exclusive", ("EMAIL-MULTI-01",),
          "Accept checks neither ownership nor state: every agent racing for an invitation wins.",
          sets={"taken_despite_state": frozenset({(State.PROCESSING, "Accept")}), "ownership_unchecked_for": frozenset({"Accept"})})
    GET_EMAIL_OTHER_AGENT_ALLOWED = Fault("get-email-other-agent-allowed", ("EMAIL-MULTI-02",),
          "GET /api/v2/me/emails/{id} answers another agent's email.",
          sets={"ownership_unchecked_for": frozenset({"GET"})})
    ATTACH_USER_DATA_OTHER_AGENT_ALLOWED = Fault("attach-user-data-other-agent-allowed", ("EMAIL-MULTI-03",),
          "AttachUserData does not check ownership: any agent may change another agent's email.",
          sets={"ownership_unchecked_for": frozenset({"AttachUserData"})})
    EMAIL_EVENTS_TO_EVERY_AGENT = Fault("email-events-to-every-agent", ("EMAIL-MULTI-04",),
          "Every email notification is published to every agent's CometD sessions.",
          sets={"email_events_to_every_agent": True})
    # --- each the one departure a check judging less than its sentence let through ------------
    READY_CHANNEL_MESSAGE_WRONG_TYPE = Fault("ready-channel-message-wrong-type", ("SESSION-READY-02",),
          'The notification of Ready on /v2/me/channels has messageType "ChannelStateChangeMessage" (not V2).',
          sets={"ready_notified_without_v2": True})
    INVITATION_WITHOUT_NOTIFICATIONTYPE = Fault("invitation-without-notificationtype", ("NOTIF-ENVELOPE-01",),
          "The data of invitation notifications lacks notificationType.",
          sets={"invitation_has_notification_type": False})
    REPLY_QUOTE_ONLY_IN_PLAINTEXT = Fault("reply-quote-only-in-plaintext", ("EMAIL-REPLY-06",),
          "With quoteOriginal true the quote goes into bodyAsPlainText only; body holds none of it.",
          sets={"reply_quotes_in_body": False})
    ACCEPT_REFUSED_BUT_STATE_CHANGES = Fault("accept-refused-but-state-changes", ("EMAIL-ACCEPT-14",),
          "Accept by another agent is refused (statusCode 3), yet the invitation silently moves to Processing.",
          sets={"refused_accept_still_moves": True})
    REMOVE_ATTACHMENT_MISTYPED_ID_ACCEPTED = Fault("remove-attachment-mistyped-id-accepted", ("EMAIL-ATTACH-04",),
          "RemoveAttachment with a documentId that is not a non-empty string is notified as removed.",
          sets={"remove_attachment_validates_document_id": False})
    REJECT_UNNOTIFIED_KEEPS_OWNERSHIP = Fault("reject-unnotified-keeps-ownership", ("EMAIL-REJECT-03",),
          "Reject answers success but does nothing: no notification, and the email stays offered to the agent.",
          sets={"reject_performed": False})
    # --- the notification stream's invariants -------------------------------------------------
    EMAIL_EVENTS_DELIVERED_TWICE = Fault("email-events-delivered-twice", ("NOTIF-STREAM-01",),
          "Every email notification is published twice to its agent.",
          sets={"email_events_delivered_twice": True})
    STATE_SKIPS_PROCESSING = Fault("state-skips-processing", ("NOTIF-STREAM-02",),
          "The Accept notification shows state Completed: the stream goes Invited -> Completed (GET says Processing).",
          sets={"accept_notified_as_completed": True})
    REFERENCEID_AS_STRING_ON_COMPLETE = Fault("referenceid-as-string-on-complete", ("NOTIF-STREAM-03",),
          'The Complete notification carries its referenceId as a string ("12").',
          sets={"complete_reference_id_as_string": True})
    WRONG_MESSAGETYPE_ON_TRANSFER = Fault("wrong-messagetype-on-transfer", ("NOTIF-STREAM-04", "EMAIL-TRANSFER-02"),
          'The Transfer notification has messageType "InteractionStateChangeMessage".',
          sets={"transfer_notified_as_interaction_message": True})
    EVENT_LEAKS_TO_OTHER_AGENT = Fault("event-leaks-to-other-agent", ("NOTIF-STREAM-05",),
          "The notification of a Complete is also published to every other agent.",
          sets={"completion_events_leak": True})

    # --- found by fuzzing only: values no hand-written check sends ----------------------------
    FUZZ_SAVELAR_STRING_TRUTHY = Fault("fuzz-savelar-string-truthy", ("FUZZ-INVALID-01",),
          'Accept takes saveLAR "true" and "false" (strings), read by truthiness: "false" counts as true.',
          fuzz_only=True,
          sets={"accept_reads_save_lar_strings": True})
    FUZZ_LONG_SUBJECT_500 = Fault("fuzz-long-subject-500", ("FUZZ-SERVER-01", "FUZZ-VALID-01"),
          "Save and Send answer HTTP 500 (statusCode 4) for a subject longer than 255 characters.",
          fuzz_only=True,
          sets={"stored_subject_max_length": 255})
    FUZZ_NON_ASCII_KEY_500 = Fault("fuzz-userdata-non-ascii-key-500", ("FUZZ-SERVER-01", "FUZZ-VALID-01"),
          "AttachUserData and UpdateUserData answer HTTP 500 (statusCode 4) for a key that is not ASCII.",
          fuzz_only=True,
          sets={"non_ascii_user_data_key_crashes": True})
    FUZZ_QUEUENAME_NUMBER_ACCEPTED = Fault("fuzz-queuename-number-accepted", ("FUZZ-INVALID-01",),
          "Complete takes a number as queueName (as its text) instead of refusing it.",
          fuzz_only=True,
          sets={"complete_takes_number_as_queue_name": True})
    FUZZ_NOT_JSON_EMPTY_ANSWER = Fault("fuzz-not-json-empty-answer", ("FUZZ-ENVELOPE-01",),
          "A body that is not JSON is refused with an empty HTTP 400 (no statusCode).",
          fuzz_only=True,
          sets={"unparsable_body_refused_empty": True})
    FUZZ_BAD_VALUE_EXTRA_MEMBER = Fault("fuzz-bad-value-extra-member", ("FUZZ-SCHEMA-01",),
          "Refusals of a bad value (statusCode 10) carry an extra member invalidParameter.",
          fuzz_only=True,
          sets={"bad_value_refusal_extra_member": True})
    FUZZ_REFUSED_USERDATA_APPLIED = Fault("fuzz-refused-userdata-applied", ("FUZZ-UNCHANGED-01",),
          "AttachUserData with one bad value is refused, yet its scalar pairs are stored.",
          fuzz_only=True,
          sets={"attach_user_data_stores_scalars_before_validating": True})
    FUZZ_SAVE_LEAVES_COMPOSING = Fault("fuzz-save-leaves-composing", ("FUZZ-STATEFUL-01",),
          "Save moves the draft to Processing, so the Send that follows it is refused.",
          fuzz_only=True,
          sets={"save_keeps_draft_composing": False})


FAULTS: tuple[Fault, ...] = records(EmailFault)
