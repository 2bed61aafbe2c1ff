"""The control endpoint (outside /api/v2, no authentication): inject emails, inspect queues.

    POST /reference/v1/inbound          JSON (see inbound.from_json) or message/rfc822 -> 202 {"id"}
    GET  /reference/v1/queues/{name}    {"queue": name, "emails": [...]}
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from conformance.reference.email.behaviour import EmailBehaviour
from conformance.reference.email.errors import OperationError, StatusCode
from conformance.reference.email.service import EmailService
from conformance.reference.intake.delay import DelayedIntake
from conformance.reference.intake.inbound import from_json, from_rfc822
from conformance.reference.rest.answers import error_response
from conformance.reference.rest.body import media_type, parse_json, read_limited

INBOUND_PATH = "/reference/v1/inbound"
CLEAN = EmailBehaviour()  # faults distort the GWS API, not our own control endpoint


class ControlApi:
    def __init__(self, service: EmailService, intake: DelayedIntake, max_body_bytes: int) -> None:
        self._service = service
        self._intake = intake
        self._max_body_bytes = max_body_bytes

    def routes(self) -> list[BaseRoute]:
        return [
            Route(INBOUND_PATH, self._inbound, methods=["POST"]),
            Route("/reference/v1/queues/{name}", self._queue, methods=["GET"]),
        ]

    async def _inbound(self, request: Request) -> Response:
        try:
            kind = media_type(request)
            if kind not in ("application/json", "message/rfc822"):
                raise OperationError(
                    StatusCode.BAD_VALUE, "Content-Type must be application/json or message/rfc822", http_status=415
                )
            raw = await read_limited(request, self._max_body_bytes)
            message = from_json(parse_json(raw)) if kind == "application/json" else from_rfc822(raw)
        except OperationError as error:
            return error_response(error, CLEAN)
        email_id = await self._intake.deliver(message)
        return JSONResponse({"id": email_id}, status_code=202)

    async def _queue(self, request: Request) -> Response:
        name = request.path_params["name"]
        return JSONResponse({"queue": name, "emails": self._service.queue(name)})
