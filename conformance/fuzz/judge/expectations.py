"""What a conforming target must do with a request body: accept it, refuse it, or either.

A body is judged against our JSON Schema for the whole route (it dispatches on
operationName, so a body that is valid for another operation counts as valid). Only the
violations the catalog names must be refused (wrong types, missing required parameters,
unknown operationName, out-of-range values, bodies that are not JSON objects); the others
are tolerated variations, each with the position that allows it (docs/positions.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from jsonschema.exceptions import ValidationError

from conformance import schemas
from conformance.fuzz.plan.jsonvalue import Body
from conformance.fuzz.plan.operation_needs import FuzzedOperation
from conformance.oracle.operations import UNDOCUMENTED


class Expect(StrEnum):
    ACCEPT = "accepted"
    REFUSE = "refused"
    EITHER = "accepted or refused"


# Keywords whose violation a target may tolerate: unknown members, URI syntax, list sizes and
# uniqueness, the shape of userData keys. The catalog position of FUZZ-INVALID-01 lists them.
TOLERATED_KEYWORDS = frozenset({"additionalProperties", "format", "propertyNames", "minItems", "maxItems", "uniqueItems"})


@dataclass(frozen=True)
class Judgement:
    """The violations a body carries, split into those that must be refused and the rest."""

    enforced: tuple[str, ...]
    tolerated: tuple[str, ...]
    # Why even a schema-valid body may be refused: the operation itself is left open by the docs.
    undecided: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.enforced and not self.tolerated

    def expect(self, in_right_state_with_known_lookups: bool) -> Expect:
        if self.enforced:
            return Expect.REFUSE
        if self.valid and not self.undecided and in_right_state_with_known_lookups:
            return Expect.ACCEPT
        return Expect.EITHER


def _path(error: ValidationError) -> tuple[str, ...]:
    return tuple(str(p) for p in error.absolute_path)


def _any_user_data_value(error: ValidationError, body: dict[str, Any]) -> bool:
    """userData values may be null (the Accept sample's RRequestedSkills), and nested objects,
    arrays or booleans: the docs say only "key/value pairs", and Genesys key/value lists nest
    (docs/positions.md#user-data-values)."""
    path = _path(error)
    return error.validator == "type" and len(path) >= 2 and path[-2] == "userData"


def _address_string(error: ValidationError, body: dict[str, Any]) -> bool:
    """to/cc/bcc as a comma-delimited string, as the Save/Send text says (docs/positions.md#address-lists)."""
    path = _path(error)
    return error.validator == "type" and isinstance(error.instance, str) and path[-1:] in (("to",), ("cc",), ("bcc",)) and path[:1] == ("email",)


def _empty_optional_name(error: ValidationError, body: dict[str, Any]) -> bool:
    """An empty queueUri, queueName, mime or disposition: nothing documents its refusal (a target
    may read it as not given, or store it)."""
    path = _path(error)
    return error.validator == "minLength" and path[-1:] in (("queueUri",), ("queueName",), ("mime",), ("disposition",))


def _keys_as_object(error: ValidationError, body: dict[str, Any]) -> bool:
    """DeleteUserData keys given as an object whose keys are meant (docs/positions.md#delete-user-data-keys)."""
    return body.get("operationName") == "DeleteUserData" and _path(error) == ("keys",) and isinstance(error.instance, dict)


def _keys_as_user_data(error: ValidationError, body: dict[str, Any]) -> bool:
    """DeleteUserData naming its keys under `userData`, as its table does (docs/positions.md#delete-user-data-keys)."""
    if body.get("operationName") != "DeleteUserData" or error.validator != "required" or _path(error):
        return False
    required: Any = error.validator_value  # types-jsonschema allows Unset, which only a hand-built error has
    missing = [name for name in required if name not in body]
    return missing == ["keys"] and isinstance(body.get("userData"), (dict, list))


def _empty_key_name(error: ValidationError, body: dict[str, Any]) -> bool:
    """An empty key name to delete: userData key names are as free as AttachUserData leaves them
    (propertyNames is tolerated), so deleting "" is no violation either."""
    path = _path(error)
    return body.get("operationName") == "DeleteUserData" and error.validator == "minLength" and path[:1] == ("keys",)


_TOLERATED_POSITIONS: tuple[Callable[[ValidationError, dict[str, Any]], bool], ...] = (
    _any_user_data_value,
    _empty_optional_name,
    _empty_key_name,
    _address_string,
    _keys_as_object,
    _keys_as_user_data,
)


def _tolerated(error: ValidationError, body: dict[str, Any]) -> bool:
    if error.validator in TOLERATED_KEYWORDS or "propertyNames" in error.absolute_schema_path:
        return True
    return any(position(error, body) for position in _TOLERATED_POSITIONS)


def _describe(error: ValidationError) -> str:
    where = "/".join(_path(error)) or "(body)"
    return f"{where}: {error.message}"[:300]


def judge(op: FuzzedOperation, body: Body) -> Judgement:
    """The violations of `body` (a JSON value, or raw bytes) as a request body of `op`'s route."""
    if isinstance(body, (bytes, bytearray)):
        try:
            body = json.loads(bytes(body).decode("utf-8"), parse_constant=_refuse_constant)
        except (ValueError, RecursionError):
            return Judgement(("(body): not JSON",), ())
    if not isinstance(body, dict):
        return Judgement((f"(body): a JSON {type(body).__name__}, not an object",), ())
    enforced: list[str] = []
    tolerated: list[str] = []
    for error in schemas.validation_errors(op.schema_name, body):
        (tolerated if _tolerated(error, body) else enforced).append(_describe(error))
    return Judgement(tuple(enforced), tuple(tolerated), _undecided(body))


def _undecided(body: dict[str, Any]) -> tuple[str, ...]:
    name = body.get("operationName")
    if name in UNDOCUMENTED:
        return (f"{name} has no email page: whether a target takes it is not documented",)
    if name == "DeleteUserData" and "userData" not in body:
        # Our schema names the keys `keys`, as the sample does; the parameter table names them
        # `userData` (docs/positions.md#delete-user-data-keys), and a target following the table refuses `keys`.
        return ("keys: the DeleteUserData table names this parameter userData (docs/positions.md#delete-user-data-keys)",)
    return ()


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")
