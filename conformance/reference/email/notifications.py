"""The CometD notifications the email service publishes, and who receives them."""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, Protocol

from conformance.reference.email.faults import EmailFault as F
from conformance.reference.email.extra import data_with_extra_members
from conformance.reference.email.variants import AnswerShape

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
    agent_id: str, resource: dict[str, Any], notification_type: NotificationType, reference_id: int | None, switches: frozenset[str]
) -> Notification:
    """An EmailStateChangeMessage; `reference_id` is None for what no request of this agent caused."""
    data: dict[str, Any] = {"messageType": EMAIL_MESSAGE_TYPE, "notificationType": str(notification_type)}
    if reference_id is not None:
        data["referenceId"] = reference_id
    data["email"] = resource
    return Notification(agent_id, EMAILS_CHANNEL, data_with_extra_members(data, AnswerShape.EXTRA_MEMBERS in switches))


def error_notification(
    agent_id: str,
    email_id: str,
    resource: dict[str, Any] | None,
    status_code: int,
    status_message: str,
    reference_id: int | None,
    switches: frozenset[str],
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
    if F.ERROR_NOTIFICATION_WRONG_TYPE in switches:
        data["notificationType"] = "OperationFailed"
    if F.ERROR_NOTIFICATION_WITHOUT_STATUSCODE in switches:
        del data["statusCode"]
    return Notification(agent_id, EMAILS_CHANNEL, data)


def channel_state_notification(agent_id: str, ready: bool, switches: frozenset[str]) -> Notification:
    data: dict[str, Any] = {
        "messageType": CHANNEL_MESSAGE_TYPE,
        "channels": [{"channel": "email", "userState": {"state": "Ready" if ready else "NotReady"}}],
    }
    if F.CHANNEL_NOTIFICATION_WITHOUT_MESSAGETYPE in switches:
        del data["messageType"]
    elif ready and F.READY_CHANNEL_MESSAGE_WRONG_TYPE in switches:
        data["messageType"] = "ChannelStateChangeMessage"
    return Notification(agent_id, CHANNELS_CHANNEL, data_with_extra_members(data, AnswerShape.EXTRA_MEMBERS in switches))


def shape_invitation(notification: Notification, switches: frozenset[str]) -> Notification:
    """The invitation (an Invited StatusChange) as the invitation faults distort it."""
    data = copy.deepcopy(notification.data)
    email = data["email"]
    if F.INVITE_STATE_PROCESSING in switches:
        email["state"] = "Processing"
    if F.INVITE_WRONG_NOTIFICATIONTYPE in switches:
        data["notificationType"] = str(NotificationType.PROPERTIES_UPDATED)
    if F.INVITE_EXTRA_CAPABILITY in switches:
        email["capabilities"] = [*email["capabilities"], "Complete"]
    if F.INVITE_WRONG_MESSAGETYPE in switches:
        data["messageType"] = "EmailMessage"
    if F.INVITATION_WITHOUT_NOTIFICATIONTYPE in switches:
        del data["notificationType"]
    return replace(notification, data=data)


def shape_accept_notification(notification: Notification, switches: frozenset[str]) -> Notification | None:
    """The Accept notification as the active switches distort it (None: not published)."""
    if F.ACCEPT_NO_NOTIFICATION in switches:
        return None
    data = copy.deepcopy(notification.data)
    email = data["email"]
    if F.ACCEPT_WRONG_MESSAGE_TYPE in switches:
        data["messageType"] = "InteractionStateChangeMessage"
    if F.ACCEPT_WRONG_EMAIL_ID in switches:
        other_id = f"{email['id']}-other"
        email["uri"] = email["uri"][: -len(email["id"])] + other_id
        email["id"] = other_id
    if F.ACCEPT_STATE_STAYS_INVITED in switches:
        email["state"] = "Invited"
    if F.STATE_SKIPS_PROCESSING in switches:
        email["state"] = "Completed"
    if F.ACCEPT_CAPABILITIES_STALE in switches:
        email["capabilities"] = ["Accept", "Reject"]
    if F.ACCEPT_REFERENCEID_MISMATCH in switches:
        data["referenceId"] += 1000
    if F.ACCEPT_NOTIFICATION_NO_URI in switches:
        del email["uri"]
    channel = INTERACTIONS_CHANNEL if F.ACCEPT_ON_INTERACTIONS_CHANNEL in switches else notification.channel
    return replace(notification, channel=channel, data=data)
