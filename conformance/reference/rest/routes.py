"""The /api/v2 routes of the reference server: the Email API, and the session operations the suite uses as
test setup (docs/positions.md#session-setup)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from conformance.reference.agents import AgentAccount
from conformance.reference.auth import SESSION_COOKIE, Authenticator
from conformance.reference.config import ServerConfig
from conformance.reference.email.errors import OperationError, StatusCode
from conformance.reference.email.service import EmailService
from conformance.reference.rest.answers import error_response, resource_response, success_response
from conformance.reference.rest.body import read_json_object

Handler = Callable[[Request, AgentAccount], Awaitable[Response]]
# Who acts when a request carries no valid credentials: nobody, unless the behaviour says otherwise.
AnonymousActor = Callable[[Request], Awaitable[AgentAccount | None]]

_ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


class EmailApi:
    def __init__(self, service: EmailService, authenticator: Authenticator, config: ServerConfig) -> None:
        self._service = service
        self._auth = authenticator
        self._config = config
        self._behaviour = service.behaviour

    def routes(self) -> list[BaseRoute]:
        e = self._endpoint
        return [
            Route("/api/v2/me", e(self._get_me, self._anonymous_get_me), methods=["GET"]),
            Route("/api/v2/me", e(self._post_me), methods=["POST"]),
            Route("/api/v2/me/channels/email", e(self._post_channel), methods=["POST"]),
            Route("/api/v2/me/emails", e(self._get_emails), methods=["GET"]),
            Route("/api/v2/me/emails", e(self._create_email), methods=["POST"]),
            Route("/api/v2/me/emails/{email_id}", e(self._get_email), methods=["GET"]),
            Route("/api/v2/me/emails/{email_id}", e(self._post_email, self._anonymous_accept), methods=["POST"]),
            Route("/api/v2/{path:path}", e(self._unknown), methods=_ALL_METHODS),
        ]

    # --- the common frame of every answer ------------------------------------------------

    def _endpoint(self, handler: Handler, anonymous: AnonymousActor | None = None) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            response = await self._answer(request, handler, anonymous)
            if self._config.latency_ms > 0:
                await asyncio.sleep(self._config.latency_ms / 1000)  # simulated latency, by request
            return response

        return endpoint

    async def _answer(self, request: Request, handler: Handler, anonymous: AnonymousActor | None) -> Response:
        agent = self._auth.authenticate(request.headers, request.cookies)
        authenticated = agent is not None
        try:
            if agent is None and anonymous is not None:
                agent = await anonymous(request)
            if agent is None:
                raise OperationError(StatusCode.NOT_AUTHENTICATED, "Access denied")
            response = await handler(request, agent)
        except OperationError as error:
            response = error_response(error, self._behaviour)
        if authenticated and agent is not None and "set-cookie" not in response.headers:
            token = self._auth.session_for(agent, request.cookies)
            if token is not None:
                response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax")
        return response

    async def _body(self, request: Request) -> dict[str, Any]:
        return await read_json_object(request, self._config.max_body_bytes)

    # --- handlers --------------------------------------------------------------------------

    async def _get_me(self, request: Request, agent: AgentAccount) -> Response:
        return resource_response("user", self._service.user(agent), self._behaviour)

    async def _post_me(self, request: Request, agent: AgentAccount) -> Response:
        outcome = await self._service.me_operation(agent, await self._body(request))
        response = success_response(outcome, self._behaviour)
        if outcome.operation == "EndContactCenterSession":
            # The docs: it "invalidates the client's HTTP session".
            self._auth.end_sessions(agent)
            response.delete_cookie(SESSION_COOKIE)
        return response

    async def _post_channel(self, request: Request, agent: AgentAccount) -> Response:
        outcome = await self._service.channel_operation(agent, await self._body(request))
        return success_response(outcome, self._behaviour)

    async def _get_emails(self, request: Request, agent: AgentAccount) -> Response:
        return resource_response("emails", self._service.emails(agent), self._behaviour)

    async def _create_email(self, request: Request, agent: AgentAccount) -> Response:
        outcome = await self._service.create_email(agent, await self._body(request))
        return success_response(outcome, self._behaviour)

    async def _get_email(self, request: Request, agent: AgentAccount) -> Response:
        return resource_response("email", self._service.email(agent, request.path_params["email_id"]), self._behaviour)

    async def _post_email(self, request: Request, agent: AgentAccount) -> Response:
        email_id = request.path_params["email_id"]
        outcome = await self._service.email_operation(agent, email_id, await self._body(request))
        return success_response(outcome, self._behaviour)

    async def _unknown(self, request: Request, agent: AgentAccount) -> Response:
        raise OperationError(StatusCode.NOT_FOUND, f"No resource {request.url.path} for {request.method}")

    # --- anonymous actors (under some faults only) --------------------------------------------------

    async def _anonymous_get_me(self, request: Request) -> AgentAccount | None:
        if not self._behaviour.get_me_needs_credentials:
            return self._config.agents[0]
        return None

    async def _anonymous_accept(self, request: Request) -> AgentAccount | None:
        """Fault accept-without-credentials: an anonymous Accept acts for the email's agent."""
        if self._behaviour.accept_needs_credentials:
            return None
        try:
            body = await self._body(request)
        except OperationError:
            return None
        if body.get("operationName") != "Accept":
            return None
        owner = self._service.offered_to(request.path_params["email_id"])
        return None if owner is None else self._config.agent_by_id(owner)
