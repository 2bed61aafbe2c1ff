"""Behaviour of allowed variants (variants.py) that takes more than one line at its hook."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from conformance.reference.email.faults import EmailFault as F
from conformance.reference.email.variants import ContentChoice
from conformance.reference.email.params import bad_value

# Names a server may read as "not given" when empty (variant empty-names-as-absent).
_OPTIONAL_NAMES = ("queueUri", "queueName", "mime")
_PLAUSIBLE_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+")
_MAX_ADDRESS = 254


def empty_names_as_absent(body: Mapping[str, Any], switches: frozenset[str]) -> Mapping[str, Any]:
    """`body` without its empty queueUri, queueName and mime (Save/Send's email.mime too)."""
    if ContentChoice.EMPTY_NAMES_AS_ABSENT not in switches:
        return body
    kept = {k: v for k, v in body.items() if not (k in _OPTIONAL_NAMES and v == "")}
    draft = kept.get("email")
    if isinstance(draft, dict) and draft.get("mime") == "":
        kept["email"] = {k: v for k, v in draft.items() if k != "mime"}
    return kept


def check_addresses(addresses: Mapping[str, list[str] | None], switches: frozenset[str]) -> None:
    """Save/Send's addresses, each a plausible email address (variant addresses-validated)."""
    if ContentChoice.ADDRESSES_VALIDATED not in switches:
        return
    for name, values in addresses.items():
        for value in values or ():
            if len(value) > _MAX_ADDRESS or not _PLAUSIBLE_ADDRESS.fullmatch(value):
                raise bad_value(f"email.{name}", "plausible email addresses (local@domain)")


# Switches under which a refusal of an operation on an existing email is told by an Error notification.
_ERROR_NOTIFIED = frozenset({ContentChoice.ASYNC_REFUSALS, ContentChoice.REFUSALS_ALSO_NOTIFIED, F.ERROR_NOTIFICATION_WRONG_TYPE, F.ERROR_NOTIFICATION_WITHOUT_STATUSCODE})


def refusal_notified(switches: frozenset[str]) -> bool:
    """Is a refusal told by an Error notification (async-refusals, refusals-also-notified, the Error faults)?"""
    return bool(_ERROR_NOTIFIED & switches)


def refusal_answered(switches: frozenset[str]) -> bool:
    """Is a refusal still answered with its non-zero statusCode (not {"statusCode":0})?"""
    return not (_ERROR_NOTIFIED - {ContentChoice.REFUSALS_ALSO_NOTIFIED}) & switches
