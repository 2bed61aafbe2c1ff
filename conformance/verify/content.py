"""Judging the content of an email resource: echoed fields, user data, attachments."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from conformance.clients.rest import RestReply
from conformance.errors import CheckFailed
from conformance.verify.resources import answer_member


def fields_echo(resource: Mapping[str, Any], expected: Mapping[str, Any], *, where: str) -> None:
    """Each field of `expected` is present in `resource` with the same value and type."""
    wrong = {
        name: resource.get(name)
        for name, value in expected.items()
        if resource.get(name) != value or type(resource.get(name)) is not type(value)
    }
    if wrong:
        raise CheckFailed(
            f"{where}: {', '.join(sorted(wrong))} do not echo the request",
            expected={name: expected[name] for name in wrong},
            observed=wrong,
        )


def parent_named(resource: Mapping[str, Any], parent_id: str, *, where: str) -> None:
    """A parentId, when the resource has one, is `parent_id`. The docs show parentId only as a
    Create request parameter, in no resource sample (docs/positions.md#reply-link-and-addresses): its absence
    is conformant."""
    if "parentId" in resource and resource["parentId"] != parent_id:
        raise CheckFailed(f"{where} names {resource['parentId']!r} as its parent, not {parent_id!r}", expected=parent_id, observed=resource["parentId"])


def user_data(resource: Mapping[str, Any], *, where: str) -> dict[str, Any]:
    value = resource.get("userData")
    if not isinstance(value, dict):
        raise CheckFailed(f"{where}: userData is not an object", expected="an object of key/value pairs", observed=value)
    return value


def user_data_holds(resource: Mapping[str, Any], pairs: Mapping[str, Any], *, where: str) -> None:
    """userData holds every pair, each value with the type it was sent with."""
    fields_echo(user_data(resource, where=where), pairs, where=f"{where} userData")


def user_data_keeps(resource: Mapping[str, Any], keys: Iterable[str], *, where: str) -> None:
    """Every key in `keys` is still in userData (whatever its value now)."""
    lost = [k for k in keys if k not in user_data(resource, where=where)]
    if lost:
        raise CheckFailed(f"{where}: userData lost {', '.join(lost)}", expected=f"keys {lost} kept", observed=user_data(resource, where=where))


def user_data_lacks(resource: Mapping[str, Any], keys: Iterable[str], *, where: str) -> None:
    present = [k for k in keys if k in user_data(resource, where=where)]
    if present:
        raise CheckFailed(f"{where}: userData still holds {', '.join(present)}", expected=f"no keys {present}", observed=user_data(resource, where=where))


def attachment(resource: Mapping[str, Any], document_id: str, *, where: str) -> dict[str, Any] | None:
    """The attachments entry whose id is `document_id` (CheckFailed if attachments is not an array)."""
    entries = resource.get("attachments", [])
    if not isinstance(entries, list):
        raise CheckFailed(f"{where}: attachments is not an array", expected="an array of attachments", observed=entries)
    return next((e for e in entries if isinstance(e, dict) and e.get("id") == document_id), None)


def listed_emails(reply: RestReply) -> list[dict[str, Any]]:
    """The emails of a GET /api/v2/me/emails answer ({"statusCode":0,"emails":[...]})."""
    emails = answer_member(reply, "emails", list, "GET /api/v2/me/emails")
    return [e for e in emails if isinstance(e, dict)]


def agrees_with(resource: Mapping[str, Any], notified: Mapping[str, Any], *, where: str) -> None:
    """`resource` shows the state and (as a set) the capabilities of the notified email."""
    state, capabilities = resource.get("state"), resource.get("capabilities")
    expected_caps = notified.get("capabilities")
    same_caps = isinstance(capabilities, list) and isinstance(expected_caps, list) and set(capabilities) == set(expected_caps)
    if state != notified.get("state") or not same_caps:
        raise CheckFailed(
            f"{where} disagrees with the last notification",
            expected={"state": notified.get("state"), "capabilities": expected_caps},
            observed={"state": state, "capabilities": capabilities},
        )
