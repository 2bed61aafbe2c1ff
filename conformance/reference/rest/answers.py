"""The shape of REST answers: success, errors, resources (the wire contract)."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, PlainTextResponse, Response

from conformance.reference.email import faults as F
from conformance.reference.email import variants as V
from conformance.reference.email.errors import OperationError, StatusCode
from conformance.reference.email.extra import with_extra_members
from conformance.reference.email.fuzz_effects import distorted_refusal
from conformance.reference.email.fault_effects import answers_202
from conformance.reference.email.service import OperationResult

HTTP_STATUS: dict[StatusCode, int] = {
    StatusCode.MISSING_PARAMETER: 400,
    StatusCode.INVALID_STATE: 409,
    StatusCode.FORBIDDEN: 403,
    StatusCode.NOT_FOUND: 404,
    StatusCode.BAD_VALUE: 400,
    StatusCode.NOT_AUTHENTICATED: 401,
}
# Variant error-statuses-spread: another server's mapping over the same 4xx statuses.
SPREAD_HTTP_STATUS: dict[StatusCode, int] = {
    StatusCode.MISSING_PARAMETER: 400,
    StatusCode.INVALID_STATE: 403,
    StatusCode.FORBIDDEN: 409,
    StatusCode.NOT_FOUND: 404,
    StatusCode.BAD_VALUE: 400,
    StatusCode.NOT_AUTHENTICATED: 401,
}

_OLD_SHAPE = {"status": "ok"}  # the 8.5.1 answer some switches revert to


def error_response(error: OperationError, switches: frozenset[str]) -> Response:
    body: dict[str, Any] = {"statusCode": int(error.code), "statusMessage": error.message}
    if F.ERROR_WITHOUT_STATUSMESSAGE in switches:
        del body["statusMessage"]
    distorted = distorted_refusal(error, body, switches)
    if distorted is not None:
        return distorted
    mapping = SPREAD_HTTP_STATUS if V.ERROR_STATUSES_SPREAD in switches else HTTP_STATUS
    status = error.http_status or mapping[error.code]
    if F.ERRORS_HTTP_200 in switches or V.ERROR_STATUSES_200 in switches:
        status = 200
    return JSONResponse(body, status_code=status)


def success_response(outcome: OperationResult, switches: frozenset[str]) -> Response:
    operation = outcome.operation
    if operation == "Accept" and F.ACCEPT_HTTP_204 in switches:
        return Response(status_code=204)
    if operation == "Accept" and F.ACCEPT_BODY_NOT_JSON in switches:
        return PlainTextResponse("OK")
    if (operation == "StartContactCenterSession" and F.START_SESSION_OLD_SHAPE in switches) or (
        operation == "Ready" and F.READY_OLD_SHAPE in switches
    ):
        return JSONResponse(_OLD_SHAPE)
    if operation == "Cancel" and F.CANCEL_OLD_SHAPE in switches:
        return JSONResponse({"status": 0})  # the Cancel sample's shape
    status = 202 if (operation == "Reject" and F.REJECT_HTTP_202 in switches) or answers_202(operation, switches) else 200
    if V.EMPTY_200 in switches and status == 200:
        return Response(status_code=200)
    body: dict[str, Any] = {"statusCode": 0}
    if V.NO_REFERENCE_ID not in switches:
        body["referenceId"] = outcome.reference_id
    return JSONResponse(with_extra_members(body, switches), status_code=status)


def resource_response(name: str, value: Any, switches: frozenset[str]) -> Response:
    """A GET answer: the resource under its name next to statusCode 0 (docs/positions.md#get-wrappers)."""
    return JSONResponse(with_extra_members({"statusCode": 0, name: value}, switches))
