"""Verify helpers: each judges one thing and raises CheckFailed with expected vs observed.

Checks state their stimulus and call these; the wording of a failure is decided here, once.
"""

from conformance.verify.bayeux import handshake_succeeded, message_types, subscription_echoed
from conformance.verify.envelopes import printed_message
from conformance.verify.answers import error_envelope, error_http_status, json_answer, refused, success_answer
from conformance.verify.notifications import (
    caused_by,
    email_notification,
    no_notification_about,
    notification_for,
    offered_to,
)
from conformance.verify.error_provoked import provoked_error
from conformance.verify.error_shape import error_details, error_type
from conformance.verify.invitation import well_formed_invitation
from conformance.verify.refusal import refusal
from conformance.verify.resources import (
    capabilities_exclude,
    capabilities_include,
    email_field,
    email_resource,
    email_state,
    fetched_email,
    fetched_state,
    valid_against,
)

__all__ = [
    "handshake_succeeded",
    "message_types",
    "subscription_echoed",
    "caused_by",
    "capabilities_exclude",
    "capabilities_include",
    "email_field",
    "email_notification",
    "email_resource",
    "email_state",
    "error_details",
    "error_envelope",
    "error_http_status",
    "error_type",
    "fetched_email",
    "fetched_state",
    "json_answer",
    "no_notification_about",
    "notification_for",
    "offered_to",
    "printed_message",
    "provoked_error",
    "refused",
    "refusal",
    "success_answer",
    "valid_against",
    "well_formed_invitation",
]
