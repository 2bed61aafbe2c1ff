"""The shape of REST answers: success, errors, resources (the wire contract)."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, PlainTextResponse, Response

from conformance.reference.email.behaviour import EmailBehaviour
from conformance.reference.email.errors import OperationError, StatusCode
from conformance.reference.email.extra import with_extra_members
from conformance.reference.email.service import OperationResult
from conformance.reference.rest.body import NOT_JSON

HTTP_STATUS: dict[StatusCode, int] = {
    StatusCode.MISSING_PARAMETER: 400,
    StatusCode.INVALID_STATE: 409,
    StatusCode.FORBIDDEN: 403,
    StatusCode.NOT_FOUND: 404,
    StatusCode.BAD_VALUE: 400,
    StatusCode.NOT_AUTHENTICATED: 401,
}
# Variant error-statuses-spread (refusal_statuses "spread"): another server's mapping over the same 4xx statuses.
SPREAD_HTTP_STATUS: dict[StatusCode, int] = {
    StatusCode.MISSING_PARAMETER: 400,
    StatusCode.INVALID_STATE: 403,
    StatusCode.FORBIDDEN: 409,
    StatusCode.NOT_FOUND: 404,
    StatusCode.BAD_VALUE: 400,
    StatusCode.NOT_AUTHENTICATED: 401,
}

_OLD_SHAPE = {"status": "ok"}  # the 8.5.1 answer some switches revert to


def error_response(error: OperationError, behaviour: EmailBehaviour) -> Response:
    body: dict[str, Any] = {"statusCode": int(error.code), "statusMessage": error.message}
    if not behaviour.refusal_has_status_message:
        del body["statusMessage"]
    if behaviour.unparsable_body_refused_empty and error.message.startswith(NOT_JSON):
        return Response(status_code=400)
    if behaviour.bad_value_refusal_extra_member and error.code is StatusCode.BAD_VALUE:
        body["invalidParameter"] = True
    mapping = SPREAD_HTTP_STATUS if behaviour.refusal_statuses == "spread" else HTTP_STATUS
    status = error.http_status or mapping[error.code]
    if behaviour.refusals_http_200:
        status = 200
    return JSONResponse(body, status_code=status)


def success_response(outcome: OperationResult, behaviour: EmailBehaviour) -> Response:
    operation = outcome.operation
    if operation == "Accept" and behaviour.accept_answers_204:
        return Response(status_code=204)
    if operation == "Accept" and behaviour.accept_answers_text_ok:
        return PlainTextResponse("OK")
    if operation in behaviour.answered_in_8_5_1_shape:
        return JSONResponse(_OLD_SHAPE)
    if operation == "Cancel" and behaviour.cancel_answers_sample_shape:
        return JSONResponse({"status": 0})  # the Cancel sample's shape
    status = 202 if operation in behaviour.answered_202 else 200
    if behaviour.success_body_empty and status == 200:
        return Response(status_code=200)
    body: dict[str, Any] = {"statusCode": 0}
    if behaviour.answer_carries_reference_id:
        body["referenceId"] = outcome.reference_id
    return JSONResponse(with_extra_members(body, behaviour.extra_members), status_code=status)


def resource_response(name: str, value: Any, behaviour: EmailBehaviour) -> Response:
    """A GET answer: the resource under its name next to statusCode 0 (docs/positions.md#get-wrappers)."""
    return JSONResponse(with_extra_members({"statusCode": 0, name: value}, behaviour.extra_members))
