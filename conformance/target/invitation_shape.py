"""Is a delivered invitation well formed? One judgement, for EMAIL-INVITE-01 and for every check
that needs an invitation (those are BLOCKED on a malformed one, naming EMAIL-INVITE-01)."""

from __future__ import annotations

from typing import Any

from conformance import schemas
from conformance.clients.bayeux.inbox import Delivery
from conformance.email_resource import email_in
from conformance.oracle.capabilities import judge_capabilities
from conformance.oracle.states import State

INVITE_REQUIREMENT = "EMAIL-INVITE-01"
MESSAGE_TYPE = "EmailStateChangeMessage"
NOTIFICATION_TYPE = "StatusChange"  # by analogy with the chat channel (docs/positions.md#invitation)
SCHEMA = "email-state-change-message"


def invitation_defects(delivery: Delivery, features: frozenset[str]) -> list[str]:
    """What is wrong with an invitation: state, capabilities (the set the lifecycle model gives
    Invited, in any order), notificationType, messageType, the EmailStateChangeMessage schema."""
    data: Any = delivery.data
    if not isinstance(data, dict):
        return [f"data is {type(data).__name__}, not an object"]
    defects = []
    if data.get("messageType") != MESSAGE_TYPE:
        defects.append(f"messageType {data.get('messageType')!r}")
    if data.get("notificationType") != NOTIFICATION_TYPE:
        defects.append(f"notificationType {data.get('notificationType')!r}")
    email = email_in(data) or {}
    if email.get("state") != State.INVITED.value:
        defects.append(f"state {email.get('state')}")
    defects.extend(_capability_defects(email.get("capabilities"), features))
    problems = schemas.errors(SCHEMA, data)
    if problems:
        defects.append(f"violates {SCHEMA}: {problems[0]}")
    return defects


def _capability_defects(capabilities: object, features: frozenset[str]) -> list[str]:
    if not isinstance(capabilities, list) or not all(isinstance(c, str) for c in capabilities):
        return [f"capabilities {capabilities!r} are not a list of names"]
    judgement = judge_capabilities(State.INVITED, capabilities, features)
    defects = []
    if judgement.missing:
        defects.append(f"capabilities lack {', '.join(judgement.missing)}")
    if judgement.unexpected:
        defects.append(f"capabilities offer {', '.join(judgement.unexpected)}")
    return defects


def malformed_reason(defects: list[str]) -> str:
    """The BLOCKED reason of a check that needed a well-formed invitation."""
    return f"the invitation is malformed ({INVITE_REQUIREMENT}): {'; '.join(defects)}"
