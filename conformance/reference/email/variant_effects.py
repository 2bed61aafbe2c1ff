"""Behaviour of allowed variants (variants.py) that takes more than one line where it is decided."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from conformance.reference.email.behaviour import EmailBehaviour
from conformance.reference.email.params import bad_value

# Names a server may read as "not given" when empty (variant empty-names-as-absent).
_OPTIONAL_NAMES = ("queueUri", "queueName", "mime")
_PLAUSIBLE_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+")
_MAX_ADDRESS = 254


def empty_names_as_absent(body: Mapping[str, Any], behaviour: EmailBehaviour) -> Mapping[str, Any]:
    """`body` without its empty queueUri, queueName and mime (Save/Send's email.mime too)."""
    if not behaviour.empty_names_read_as_absent:
        return body
    kept = {k: v for k, v in body.items() if not (k in _OPTIONAL_NAMES and v == "")}
    draft = kept.get("email")
    if isinstance(draft, dict) and draft.get("mime") == "":
        kept["email"] = {k: v for k, v in draft.items() if k != "mime"}
    return kept


def check_addresses(addresses: Mapping[str, list[str] | None], behaviour: EmailBehaviour) -> None:
    """Save/Send's addresses, each a plausible email address (variant addresses-validated)."""
    if not behaviour.addresses_validated:
        return
    for name, values in addresses.items():
        for value in values or ():
            if len(value) > _MAX_ADDRESS or not _PLAUSIBLE_ADDRESS.fullmatch(value):
                raise bad_value(f"email.{name}", "plausible email addresses (local@domain)")
