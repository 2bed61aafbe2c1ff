"""Typed reading of request parameters: a missing one is statusCode 1, a wrong one 10."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.reference.email.errors import OperationError, StatusCode
from conformance.reference.email.model import UserDataValue

_ABSENT = object()


def missing(name: str) -> OperationError:
    return OperationError(StatusCode.MISSING_PARAMETER, f"Missing required parameter '{name}'")


def bad_value(name: str, expected: str) -> OperationError:
    return OperationError(StatusCode.BAD_VALUE, f"Parameter '{name}' must be {expected}")


class Params:
    """The JSON object of a request (or a nested object such as Save's `email`)."""

    def __init__(self, values: Mapping[str, Any], prefix: str = "") -> None:
        self._values = values
        self._prefix = prefix  # "email." for nested objects, so that messages name the full path

    def has(self, name: str) -> bool:
        return name in self._values

    def raw(self, name: str) -> Any:
        """The value as sent (None when absent), unchecked: for fault hooks that misread it."""
        return self._values.get(name)

    def _get(self, name: str, required: bool) -> Any:
        value = self._values.get(name, _ABSENT)
        if value is _ABSENT and required:
            raise missing(self._prefix + name)
        return value

    def string(self, name: str, *, required: bool = False, nonempty: bool = False) -> str | None:
        value = self._get(name, required)
        if value is _ABSENT:
            return None
        # Non-empty as the schemas' minLength 1 says: " " is a name, if an odd one.
        if not isinstance(value, str) or (nonempty and not value):
            raise bad_value(self._prefix + name, "a non-empty string" if nonempty else "a string")
        return value

    def boolean(self, name: str) -> bool | None:
        """True or false only: "yes", 1, null, "" and {} are refused."""
        value = self._get(name, False)
        if value is _ABSENT:
            return None
        if not isinstance(value, bool):
            raise bad_value(self._prefix + name, "true or false")
        return value

    def obj(self, name: str, *, required: bool = False) -> Params | None:
        value = self._get(name, required)
        if value is _ABSENT:
            return None
        if not isinstance(value, dict):
            raise bad_value(self._prefix + name, "an object")
        return Params(value, f"{self._prefix}{name}.")

    def addresses(self, name: str, *, required: bool = False) -> list[str] | None:
        """An array of addresses; a comma-delimited string is also taken (docs/positions.md#address-lists)."""
        value = self._get(name, required)
        if value is _ABSENT:
            return None
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise bad_value(self._prefix + name, "an array of addresses")
        if required and not value:
            raise bad_value(self._prefix + name, "at least one address")
        return list(value)

    def user_data(self, name: str, *, required: bool = False, nested: bool = False) -> dict[str, UserDataValue] | None:
        """An object of key/value pairs: scalar values, or any JSON values when `nested`."""
        value = self._get(name, required)
        if value is _ABSENT:
            return None
        if not isinstance(value, dict):
            raise bad_value(self._prefix + name, "an object of key/value pairs")
        if not nested and not all(_is_user_data_value(v) for v in value.values()):
            raise bad_value(self._prefix + name, "an object whose values are strings, numbers or null")
        return dict(value)

    def strings(self, name: str, *, required: bool = False) -> list[str] | None:
        value = self._get(name, required)
        if value is _ABSENT:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad_value(self._prefix + name, "an array of strings")
        return list(value)

    def keys(self, name: str) -> list[str] | None:
        """Key names: an array of strings, or an object whose keys are meant."""
        value = self._get(name, False)
        if isinstance(value, dict):
            return list(value)
        return self.strings(name)

    def size(self, name: str) -> int | float | str | None:
        value = self._get(name, False)
        if value is _ABSENT:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)) or (not isinstance(value, str) and value < 0):
            raise bad_value(self._prefix + name, "a non-negative number or a string")
        return value


def _is_user_data_value(value: object) -> bool:
    return value is None or isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool))
