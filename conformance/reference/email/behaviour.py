"""What the email side of the reference server does where a switch may change it: one frozen
object, built once.

The defaults are the clean server; each fault or variant member (`faults.py`, `variants.py`)
names the fields it sets. Handlers read fields, never switch names: the answer layer
(`rest/answers.py`, `rest/routes.py`: statuses, bodies, who may act without credentials), the
service's own decisions (`service.py`: which email and operation a request reaches, whom a
notification goes to, what GET shows, how a refusal is told) and the lifecycle below it
(`lifecycle.py`: which operations each state takes and advertises; `fault_effects.py`,
`variant_effects.py`, `fuzz_effects.py`, `operations.py`: what a request's parameters mean and
what an operation does; `notifications.py`, `fault_effects.py`, `resource.py`, `store.py`: what
notifications and resources carry).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Literal

from conformance.reference.email.faults import EmailFault
from conformance.reference.email.model import State
from conformance.reference.email.variants import AgentState, AnswerShape, ContentChoice
from conformance.reference.switches import settings

SWITCHES = (EmailFault, AnswerShape, ContentChoice, AgentState)


@dataclass(frozen=True)
class EmailBehaviour:
    # --- successful answers
    answered_202: frozenset[str] = frozenset()  # operations whose success answers 202, not 200
    answered_in_8_5_1_shape: frozenset[str] = frozenset()  # operations answering {"status":"ok"}
    cancel_answers_sample_shape: bool = False  # Cancel answers {"status": 0}, as its sample
    accept_answers_204: bool = False
    accept_answers_text_ok: bool = False
    success_body_empty: bool = False  # a 200 success has an empty body
    answer_carries_reference_id: bool = True
    extra_members: bool = False  # unknown members in answers, resources, notification data
    # --- refusals
    refusal_has_status_message: bool = True
    refusal_statuses: Literal["reference", "spread"] = "reference"  # the 4xx per statusCode
    refusals_http_200: bool = False
    unparsable_body_refused_empty: bool = False  # an empty HTTP 400, no statusCode
    bad_value_refusal_extra_member: bool = False
    # A refusal of an operation on an existing email is followed by an Error notification; and
    # is answered {"statusCode":0} instead of its statusCode (the notification alone tells it).
    refusals_notified: bool = False
    refusals_answered_as_success: bool = False
    error_notified_as_operation_failed: bool = False  # notificationType OperationFailed, not Error
    error_notification_has_status_code: bool = True
    # --- credentials
    get_me_needs_credentials: bool = True
    accept_needs_credentials: bool = True
    # --- the service's own decisions: which email, which operation, whom to tell
    missing_operation_is_missing_parameter: bool = True  # statusCode 1, not 10
    unknown_operation_refused: bool = True
    unadvertised_refused_as_forbidden: bool = False  # statusCode 3, not 2
    unknown_email_not_found: bool = True  # statusCode 6
    get_unknown_email_not_found: bool = True
    accept_unknown_email_not_found: bool = True
    ownership_unchecked_for: frozenset[str] = frozenset()  # operations (and "GET") on anyone's email
    accept_of_another_agents_email: bool = False
    rejecter_may_still_accept: bool = False
    refused_accept_still_moves: bool = False  # another agent's refused Accept moves the invitation
    ready_notified: bool = True
    ready_on_ready_notified: bool = True  # a Ready that changes nothing is announced all the same
    email_events_to_every_agent: bool = False
    completion_events_leak: bool = False  # a Complete's notification also goes to every other agent
    email_events_delivered_twice: bool = False
    # --- GET answers
    list_processing_emails: bool = True
    listed_emails_have_uri: bool = True
    fetched_email_has_capabilities: bool = True
    fetched_email_state_current: bool = True
    # --- which operations each state takes and advertises (the capability table)
    update_user_data_supported: bool = True
    processing_inbound_takes_save_and_send: bool = False  # as the EmailResource sample advertises
    taken_despite_state: frozenset[tuple[State, str]] = frozenset()  # (state, operation) performed there all the same
    advertised_despite_state: frozenset[tuple[State, str]] = frozenset()  # (state, operation) advertised yet refused
    invitations_advertise_accept_only: bool = False
    capabilities_reverse_alphabetical: bool = False
    remove_attachment_refused_when_nothing_attached: bool = False  # before its parameters are read
    # --- ids and resources
    email_ids: Literal["hex", "interaction-server"] = "hex"  # 16 hex digits, or like 01QG9WAK37H38024
    email_uri_path: str = "/api/v2/me/emails"  # a resource's uri is base URL + this + /{id}
    resources_carry_parent_id: bool = True
    # --- what a request's parameters mean
    mistyped_params_read_as_absent: frozenset[str] = frozenset()  # operations not refusing a wrong type
    empty_names_read_as_absent: bool = False  # an empty queueUri, queueName or mime
    nested_user_data: bool = False  # userData values may be objects, arrays, booleans
    addresses_validated: bool = False  # Save and Send refuse an implausible address
    accept_validates_save_lar: bool = True
    accept_reads_save_lar_strings: bool = False  # "true"/"false" taken, read by truthiness
    accept_refuses_save_lar_false: bool = False
    complete_refuses_queue_name: bool = False
    complete_takes_number_as_queue_name: bool = False
    transfer_refuses_queue_name: bool = False  # a Transfer by queueName alone
    transfer_ignores_queue_name_beside_user: bool = False
    transfer_needs_target: bool = True  # without one, to the queue "unassigned"
    transfer_to_user_invites: bool = True  # else to the queue "unassigned"
    reply_reads_quote_original: bool = True
    create_reads_user_data: bool = True
    create_needs_queue_uri: bool = True
    save_needs_to: bool = True  # without it, addressed to the sender
    send_needs_queue_name: bool = True
    delete_user_data_takes_keys: bool = True  # the sample's keys; else the table's userData only
    delete_user_data_deletes_every_key: bool = True  # else the first named key only
    delete_user_data_needs_keys: bool = True
    set_disposition_reads_key: bool = True  # else always the default key
    set_disposition_needs_key: bool = False
    set_disposition_needs_value: bool = True  # else "Unspecified"
    set_disposition_takes_empty_value: bool = False
    attachments_need_document_id: bool = True  # AddAttachment, RemoveAttachment; else a generated one
    # --- what operations do
    reject_performed: bool = True  # else answered success, changing nothing
    rejected_email_reoffered: bool = True  # else parked in the queue "rejected"
    transfer_to_queue_releases_email: bool = True
    reply_quotes_in_body: bool = True  # else the quote goes into bodyAsPlainText only
    save_keeps_draft_composing: bool = True
    attach_user_data_stores_scalars_before_validating: bool = False
    remove_attachment_validates_document_id: bool = True  # else a mistyped one is "removed"
    remove_attachment_needs_attached_document: bool = True  # else an unknown one is "removed"
    stored_subject_max_length: int | None = None  # Save and Send crash (HTTP 500) beyond it
    non_ascii_user_data_key_crashes: bool = False  # AttachUserData answers HTTP 500
    # --- what notifications carry
    accept_notified: bool = True
    reject_notified: bool = True
    unnotified_operations: frozenset[str] = frozenset()  # the acting agent hears nothing of these
    invitation_shows_processing: bool = False
    invitation_notified_as_properties_updated: bool = False
    invitation_has_notification_type: bool = True
    invitation_as_email_message: bool = False  # messageType EmailMessage
    invitation_advertises_complete: bool = False
    accept_notified_on_interactions_channel: bool = False
    accept_notified_as_interaction_message: bool = False  # messageType InteractionStateChangeMessage
    accept_notification_names_another_email: bool = False
    accept_notified_as_invited: bool = False
    accept_notified_as_completed: bool = False
    accept_notification_keeps_invitation_capabilities: bool = False
    accept_notification_reference_id_offset: int = 0  # added to the answer's referenceId
    accept_notification_has_uri: bool = True
    complete_notification_keeps_capabilities: bool = False  # still Complete and Transfer
    complete_reference_id_as_string: bool = False
    transfer_notified_as_interaction_message: bool = False
    reply_draft_notified_as_processing: bool = False
    reply_notification_names_another_parent: bool = False
    create_notification_names_another_parent: bool = False
    reply_all_notified_without_cc: bool = False
    reply_notified_to_own_mailbox: bool = False
    save_notified_as_status_change: bool = False
    save_notified_without_cc: bool = False
    cancel_notified_as_completed: bool = False
    attach_user_data_notifies_attached_pairs_only: bool = False
    add_attachment_notified_as_properties_updated: bool = False
    remove_attachment_notified_as_added: bool = False
    channel_notification_has_message_type: bool = True
    ready_notified_without_v2: bool = False  # messageType ChannelStateChangeMessage

    @classmethod
    def of(cls, switches: Iterable[str]) -> EmailBehaviour:
        """The behaviour with the given switches on (names of other components are ignored)."""
        return replace(cls(), **settings(switches, *SWITCHES))


FIELDS = frozenset(f.name for f in fields(EmailBehaviour))
