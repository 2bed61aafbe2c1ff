"""Reading request bodies without trusting them: size, content type, JSON, shape."""

from __future__ import annotations

import json
import math
from typing import Any

from starlette.requests import Request

from conformance.reference.email.errors import OperationError, StatusCode

NOT_JSON = "Request body is not valid JSON"  # how an unparsable body is refused


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


async def read_limited(request: Request, max_bytes: int) -> bytes:
    """The raw body; HTTP 413 as soon as it exceeds `max_bytes` (declared or actual)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise _too_large(max_bytes)
    return bytes(body)


def _too_large(max_bytes: int) -> OperationError:
    return OperationError(StatusCode.BAD_VALUE, f"Request body larger than {max_bytes} bytes", http_status=413)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number {text[:20]} out of range")
    return value


def parse_json(raw: bytes) -> Any:
    """Strict JSON in UTF-8: no NaN/Infinity, no overflowing numbers; errors are statusCode 10."""
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant, parse_float=_finite)
    except RecursionError:
        raise OperationError(StatusCode.BAD_VALUE, "Request body is nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise OperationError(StatusCode.BAD_VALUE, f"{NOT_JSON}: {exc}"[:200]) from None


async def read_json_object(request: Request, max_bytes: int) -> dict[str, Any]:
    """The body of an API POST: an application/json object. Parsed once per request."""
    cached: dict[str, Any] | None = getattr(request.state, "json_body", None)  # set below, an object
    if cached is not None:
        return cached
    if media_type(request) != "application/json":
        raise OperationError(StatusCode.BAD_VALUE, "Content-Type must be application/json", http_status=415)
    value = parse_json(await read_limited(request, max_bytes))
    if not isinstance(value, dict):
        raise OperationError(StatusCode.BAD_VALUE, "Request body must be a JSON object")
    request.state.json_body = value
    return value
