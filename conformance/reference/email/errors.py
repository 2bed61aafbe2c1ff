"""Refusals of the reference server: a GWS statusCode plus a message for statusMessage."""

from __future__ import annotations

from enum import IntEnum


class StatusCode(IntEnum):
    """The GWS statusCode values the reference server answers (docs/positions.md#status-codes)."""

    OK = 0
    MISSING_PARAMETER = 1
    INVALID_STATE = 2
    FORBIDDEN = 3
    INTERNAL_ERROR = 4
    NOT_FOUND = 6
    BAD_VALUE = 10
    NOT_AUTHENTICATED = 20


class OperationError(Exception):
    """A refused request; raised before anything changed, so refusing changes nothing.

    `http_status` overrides the HTTP status derived from the code (413, 415 for bodies).
    """

    def __init__(self, code: StatusCode, message: str, *, http_status: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.http_status = http_status
