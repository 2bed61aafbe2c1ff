"""The CometD notifications the email service publishes, and who receives them."""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, Protocol

from conformance.reference.email.behaviour import EmailBehaviour
from conformance.reference.email.extra import data_with_extra_members

EMAILS_CHANNEL = "/v2/me/emails"
CHANNELS_CHANNEL = "/v2/me/channels"
INTERACTIONS_CHANNEL = "/v2/me/interactions"  # 8.5.1 leftover, used only by a fault
EMAIL_MESSAGE_TYPE = "EmailStateChangeMessage"
CHANNEL_MESSAGE_TYPE = "ChannelStateChangeMessageV2"


class NotificationType(StrEnum):
    STATUS_CHANGE = "StatusChange"
    PROPERTIES_UPDATED = "PropertiesUpdated"
    EMAIL_SAVED = "EmailSaved"
    ATTACHMENT_ADDED = "AttachmentAdded"
    ATTACHMENT_REMOVED = "AttachmentRemoved"
    ERROR = "Error"


class Notifier(Protocol):
    """Delivers `data` on `channel` to the given agent's CometD sessions (the Bayeux hub)."""

    async def publish(self, agent_id: str, channel: str, data: dict[str, Any]) -> int: ...


@dataclass(frozen=True)
class Notification:
    agent_id: str
    channel: str
    data: dict[str, Any]


def email_notification(
    agent_id: str, resource: dict[str, Any], notification_type: NotificationType, reference_id: int | None, behaviour: EmailBehaviour
) -> Notification:
    """An EmailStateChangeMessage; `reference_id` is None for what no request of this agent caused."""
    data: dict[str, Any] = {"messageType": EMAIL_MESSAGE_TYPE, "notificationType": str(notification_type)}
    if reference_id is not None:
        data["referenceId"] = reference_id
    data["email"] = resource
    return Notification(agent_id, EMAILS_CHANNEL, data_with_extra_members(data, behaviour.extra_members))


def error_notification(
    agent_id: str,
    email_id: str,
    resource: dict[str, Any] | None,
    status_code: int,
    status_message: str,
    reference_id: int | None,
    behaviour: EmailBehaviour,
) -> Notification:
    """An Error EmailStateChangeMessage: a request on `email_id` was refused after its answer.

    Without the resource (not the agent's to see) it names the email by `emailId` alone.
    """
    data: dict[str, Any] = {"messageType": EMAIL_MESSAGE_TYPE, "notificationType": str(NotificationType.ERROR)}
    if reference_id is not None:
        data["referenceId"] = reference_id
    data.update(statusCode=status_code, statusMessage=status_message)
    if resource is not None:
        data["email"] = resource
    else:
        data["emailId"] = email_id
    if behaviour.error_notified_as_operation_failed:
        data["notificationType"] = "OperationFailed"
    if not behaviour.error_notification_has_status_code:
        del data["statusCode"]
    return Notification(agent_id, EMAILS_CHANNEL, data)


def channel_state_notification(agent_id: str, ready: bool, behaviour: EmailBehaviour) -> Notification:
    data: dict[str, Any] = {
        "messageType": CHANNEL_MESSAGE_TYPE,
        "channels": [{"channel": "email", "userState": {"state": "Ready" if ready else "NotReady"}}],
    }
    if not behaviour.channel_notification_has_message_type:
        del data["messageType"]
    elif ready and behaviour.ready_notified_without_v2:
        data["messageType"] = "ChannelStateChangeMessage"
    return Notification(agent_id, CHANNELS_CHANNEL, data_with_extra_members(data, behaviour.extra_members))


def shape_invitation(notification: Notification, behaviour: EmailBehaviour) -> Notification:
    """The invitation (an Invited StatusChange) as the behaviour shapes it."""
    data = copy.deepcopy(notification.data)
    email = data["email"]
    if behaviour.invitation_shows_processing:
        email["state"] = "Processing"
    if behaviour.invitation_notified_as_properties_updated:
        data["notificationType"] = str(NotificationType.PROPERTIES_UPDATED)
    if behaviour.invitation_advertises_complete:
        email["capabilities"] = [*email["capabilities"], "Complete"]
    if behaviour.invitation_as_email_message:
        data["messageType"] = "EmailMessage"
    if not behaviour.invitation_has_notification_type:
        del data["notificationType"]
    return replace(notification, data=data)


def shape_accept_notification(notification: Notification, behaviour: EmailBehaviour) -> Notification | None:
    """The Accept notification as the behaviour shapes it (None: not published)."""
    if not behaviour.accept_notified:
        return None
    data = copy.deepcopy(notification.data)
    email = data["email"]
    if behaviour.accept_notified_as_interaction_message:
        data["messageType"] = "InteractionStateChangeMessage"
    if behaviour.accept_notification_names_another_email:
        other_id = f"{email['id']}-other"
        email["uri"] = email["uri"][: -len(email["id"])] + other_id
        email["id"] = other_id
    if behaviour.accept_notified_as_invited:
        email["state"] = "Invited"
    if behaviour.accept_notified_as_completed:
        email["state"] = "Completed"
    if behaviour.accept_notification_keeps_invitation_capabilities:
        email["capabilities"] = ["Accept", "Reject"]
    if behaviour.accept_notification_reference_id_offset:
        data["referenceId"] += behaviour.accept_notification_reference_id_offset
    if not behaviour.accept_notification_has_uri:
        del email["uri"]
    channel = INTERACTIONS_CHANNEL if behaviour.accept_notified_on_interactions_channel else notification.channel
    return replace(notification, channel=channel, data=data)
