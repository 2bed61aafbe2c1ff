"""Variant extra-members: members no documented schema names, as a newer server may add.

A client matches the documented strings and ignores unknown fields (docs/positions.md#unknown-fields).
The names are those real GWS payloads carry beyond the docs (seen in public Genesys sample code)
plus a vendor member. Refusals keep {statusCode, statusMessage} alone (the Return Values page:
"no other attributes are included"), so they never get any.
"""

from __future__ import annotations

from typing import Any

ANSWER_EXTRA: dict[str, Any] = {"requestDuration": 3, "vendorExtension": {"server": "reference"}}
RESOURCE_EXTRA: dict[str, Any] = {"revelantResponseTemplateGroups": [], "suggestedQueueUris": [], "vendorExtension": {"flags": ["x"]}}
ATTACHMENT_EXTRA: dict[str, Any] = {"contentId": None, "vendorExtension": {"scanned": True}}
DATA_EXTRA: dict[str, Any] = {"timestamp": 1_700_000_000_000, "vendorExtension": {"sequence": 1}}


def _extended(target: dict[str, Any], extra: dict[str, Any], on: bool) -> dict[str, Any]:
    if on:
        for name, value in extra.items():
            target.setdefault(name, value)
    return target


def with_extra_members(body: dict[str, Any], on: bool) -> dict[str, Any]:
    """A success or GET answer body."""
    return _extended(body, ANSWER_EXTRA, on)


def resource_with_extra_members(resource: dict[str, Any], on: bool) -> dict[str, Any]:
    """An email resource (GET answers and notifications alike)."""
    return _extended(resource, RESOURCE_EXTRA, on)


def attachment_with_extra_members(attachment: dict[str, Any], on: bool) -> dict[str, Any]:
    """An entry of an email's attachments."""
    return _extended(attachment, ATTACHMENT_EXTRA, on)


def data_with_extra_members(data: dict[str, Any], on: bool) -> dict[str, Any]:
    """A notification's data member."""
    return _extended(data, DATA_EXTRA, on)
