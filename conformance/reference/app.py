"""The reference server as one Starlette application: REST, CometD, intake.

    app = build_app(config)
    app.state.service   # EmailService
    app.state.hub       # BayeuxHub (publishes the service's notifications)
    app.state.smtp      # SmtpIntake or None; listening between lifespan startup and shutdown
    app.state.intake    # DelayedIntake: both intakes hand their emails to routing through it
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from conformance.reference.auth import Authenticator
from conformance.reference.bayeux import BayeuxBehaviour, BayeuxHub
from conformance.reference.config import ServerConfig
from conformance.reference.email import EmailService, StatusCode
from conformance.reference.intake import ControlApi, DelayedIntake, SmtpIntake
from conformance.reference.rest import EmailApi

COMETD_PATH = "/api/v2/notifications"


def base_url_of(config: ServerConfig) -> str:
    host = f"[{config.host}]" if ":" in config.host else config.host
    return f"http://{host}:{config.port}"


async def _http_error(request: Request, exc: Exception) -> Response:
    """Unrouted paths (404) and methods (405) outside /api/v2 still answer in the API's error shape."""
    assert isinstance(exc, HTTPException)  # Starlette hands a status-code handler only HTTPExceptions
    code = StatusCode.NOT_FOUND if exc.status_code == 404 else StatusCode.BAD_VALUE
    message = f"No route for {request.method} {request.url.path}"
    return JSONResponse({"statusCode": int(code), "statusMessage": message}, status_code=exc.status_code)


def build_app(config: ServerConfig) -> Starlette:
    """The app for `config`; `config.port` must be the real port (it makes the email URIs)."""
    authenticator = Authenticator(config.agents)
    hub = BayeuxHub(config, authenticator, BayeuxBehaviour.of(config.switches))
    service = EmailService(config, hub, base_url_of(config))
    intake = DelayedIntake(service, delay=config.intake_delay_s, jitter=config.intake_jitter_s, seed=config.intake_seed)
    smtp = None
    if config.smtp_port is not None:
        smtp = SmtpIntake(intake, config.host, config.smtp_port, config.max_body_bytes)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await hub.startup()
        try:
            if smtp is not None:
                await smtp.start()
            yield
        finally:
            if smtp is not None:
                await smtp.stop()
            await intake.stop()
            await hub.shutdown()

    app = Starlette(
        routes=[
            *hub.routes(COMETD_PATH),
            *EmailApi(service, authenticator, config).routes(),
            *ControlApi(service, intake, config.max_body_bytes).routes(),
        ],
        lifespan=lifespan,
        exception_handlers={404: _http_error, 405: _http_error},
    )
    app.state.service = service
    app.state.hub = hub
    app.state.authenticator = authenticator
    app.state.smtp = smtp
    app.state.intake = intake
    return app
