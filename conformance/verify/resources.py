"""Judging the email resource inside a notification or a GET answer."""

from __future__ import annotations

from typing import Any, TypeVar

from conformance import schemas
from conformance.clients.bayeux.inbox import Delivery
from conformance.clients.rest import RestReply
from conformance.errors import CheckFailed
from conformance.target.owed import email_of
from conformance.verify.answers import no_answer

_T = TypeVar("_T")


def email_resource(delivery: Delivery) -> dict[str, Any]:
    email = email_of(delivery)
    if email is None:
        raise CheckFailed("the notification carries no email object", expected="data.email object", observed=delivery.message)
    return email


def email_field(delivery: Delivery, path: str, expected: Any) -> None:
    """data.<path> (dotted) of the notification equals `expected`."""
    value: Any = delivery.data
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if value != expected or type(value) is not type(expected):
        raise CheckFailed(f"data.{path} is {value!r}, not {expected!r}", expected=expected, observed=value)


def email_state(delivery: Delivery, state: str) -> None:
    email_field(delivery, "email.state", state)


def _capabilities(delivery: Delivery) -> list[str]:
    capabilities = email_resource(delivery).get("capabilities")
    if not isinstance(capabilities, list) or not all(isinstance(c, str) for c in capabilities):
        raise CheckFailed("email.capabilities is not an array of strings", expected="array of operation names", observed=capabilities)
    return capabilities


def capabilities_include(delivery: Delivery, *names: str) -> None:
    capabilities = _capabilities(delivery)
    missing = [n for n in names if n not in capabilities]
    if missing:
        raise CheckFailed(f"capabilities lack {', '.join(missing)}", expected=f"includes {list(names)}", observed=capabilities)


def capabilities_exclude(delivery: Delivery, *names: str) -> None:
    capabilities = _capabilities(delivery)
    present = [n for n in names if n in capabilities]
    if present:
        raise CheckFailed(f"capabilities still offer {', '.join(present)}", expected=f"excludes {list(names)}", observed=capabilities)


def valid_against(schema_name: str, instance: Any, what: str) -> None:
    problems = schemas.errors(schema_name, instance)
    if problems:
        raise CheckFailed(f"{what} violates {schema_name}: {problems[0]}", expected=f"valid {schema_name}", observed=problems[:10])


def answer_member(reply: RestReply, member: str, kind: type[_T], what: str) -> _T:
    """`member` of a GET answer {"statusCode":0, member: ...}, which must be of `kind`."""
    if reply.error:
        raise no_answer(reply, what)
    value = reply.json.get(member) if isinstance(reply.json, dict) else None
    if reply.status != 200 or reply.status_code != 0 or not isinstance(value, kind):
        shape = "{...}" if kind is dict else "[...]"
        raise CheckFailed(
            f"{what} answered HTTP {reply.status} statusCode {reply.status_code!r} without {member!r} as {kind.__name__}",
            expected=f'HTTP 200 {{"statusCode":0,"{member}":{shape}}}',
            observed=reply.body[:500].decode("utf-8", "replace"),
        )
    return value


def fetched_email(reply: RestReply, email_id: str) -> dict[str, Any]:
    """The email of a GET /api/v2/me/emails/{id} answer ({"statusCode":0,"email":{...}})."""
    email = answer_member(reply, "email", dict, f"GET of email {email_id}")
    if email.get("id") != email_id:
        raise CheckFailed(f"GET of email {email_id} returned email {email.get('id')!r}", expected=email_id, observed=email.get("id"))
    return email


def fetched_state(reply: RestReply, email_id: str, state: str, *, after: str) -> None:
    """GET /api/v2/me/emails/{id} shows the email in `state` (after `after`)."""
    observed = fetched_email(reply, email_id).get("state")
    if observed != state:
        raise CheckFailed(f"GET shows state {observed!r} after {after}", expected=state, observed=observed)
