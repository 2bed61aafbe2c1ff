"""The shape of an Error notification (NOTIF-ERROR-01, -02), judged wherever one arrives.

The EmailMessageType page documents notificationType Error ("an operation on the email resource
failed") but none of its fields: the type, on /v2/me/emails as an EmailStateChangeMessage, is a
MUST; statusCode and statusMessage are our reading (docs/positions.md#error-notification).
"""

from __future__ import annotations

from typing import Any

from conformance import schemas
from conformance.clients.bayeux.inbox import Delivery
from conformance.errors import CheckFailed
from conformance.target.agent import EMAILS_CHANNEL

TYPE_REQUIREMENT = "NOTIF-ERROR-01"
DETAILS_REQUIREMENT = "NOTIF-ERROR-02"
SCHEMA = "error-notification"
MESSAGE_TYPE = "EmailStateChangeMessage"
ERROR = "Error"
_TYPE_MEMBERS = ("messageType", "notificationType")


def _data(delivery: Delivery) -> dict[str, Any]:
    return delivery.data if isinstance(delivery.data, dict) else {}


def looks_like_error(delivery: Delivery) -> bool:
    """notificationType Error, or a non-zero statusCode under another notificationType (an error
    told under a wrong name, which NOTIF-ERROR-01 judges): the one test of whether a notification
    tells a refusal, for the refusal judge, the steps' preconditions and the fuzz chains alike."""
    data = _data(delivery)
    code = data.get("statusCode")
    told_code = isinstance(code, int) and not isinstance(code, bool) and code != 0
    return data.get("notificationType") == ERROR or told_code


def type_defects(delivery: Delivery) -> list[str]:
    """What NOTIF-ERROR-01 finds wrong: the channel, messageType, notificationType."""
    data = _data(delivery)
    defects = []
    if delivery.channel != EMAILS_CHANNEL:
        defects.append(f"channel {delivery.channel}")
    for member, expected in zip(_TYPE_MEMBERS, (MESSAGE_TYPE, ERROR)):
        if data.get(member) != expected:
            defects.append(f"{member} {data.get(member)!r}")
    return defects


def detail_defects(delivery: Delivery) -> list[str]:
    """What NOTIF-ERROR-02 finds wrong: the members beyond the type, against the schema."""
    if not isinstance(delivery.data, dict):
        return [f"data is {type(delivery.data).__name__}, not an object"]
    return [p for p in schemas.errors(SCHEMA, delivery.data) if not p.startswith(_TYPE_MEMBERS) and not any(f"'{m}'" in p for m in _TYPE_MEMBERS)]


def malformed_reason(requirement: str, defects: list[str]) -> str:
    """The BLOCKED reason of a check whose refusal was told by a malformed Error notification."""
    return f"the refusal was told by a malformed Error notification ({requirement}): {'; '.join(defects)}"


def error_type(delivery: Delivery, *, what: str) -> None:
    defects = type_defects(delivery)
    if defects:
        raise CheckFailed(
            f"the Error notification telling {what} has {'; '.join(defects)}",
            expected={"channel": EMAILS_CHANNEL, "messageType": MESSAGE_TYPE, "notificationType": ERROR},
            observed=delivery.message,
        )


def error_details(delivery: Delivery, *, what: str) -> None:
    defects = detail_defects(delivery)
    if defects:
        raise CheckFailed(
            f"the Error notification telling {what} violates {SCHEMA}: {defects[0]}",
            expected=f"valid {SCHEMA}: statusCode an integer > 0, statusMessage a string",
            observed={"problems": defects[:10], "notification": delivery.message},
        )
