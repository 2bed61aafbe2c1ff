"""The two ways Bayeux messages reach the hub: HTTP long-polling and WebSocket, on Starlette.

Long-polling: POST on the CometD URL and on every sub-path of it (CometD JS appends
`/handshake`, `/connect`, ...). Bayeux POSTs always answer **HTTP 200 with Bayeux replies**, even
without credentials; only undecodable or oversized bodies get HTTP 400. WebSocket (when
`config.websocket`): an upgrade without valid credentials is refused (HTTP 403, before the
socket is accepted); each frame is a batch, answered on the socket.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.websockets import WebSocket

from conformance.reference.auth import Authenticator
from conformance.reference.bayeux.behaviour import BayeuxBehaviour
from conformance.reference.bayeux.holds import Hold, HoldLoop
from conformance.reference.bayeux.origin import LONG_POLLING, WEBSOCKET, Context
from conformance.reference.bayeux.protocol import Protocol
from conformance.reference.bayeux.sessions import Message, Socket
from conformance.reference.bayeux.wire import BadRequest, decode_body, decode_frame
from conformance.reference.config import ServerConfig


class Transports:
    def __init__(
        self,
        config: ServerConfig,
        authenticator: Authenticator,
        behaviour: BayeuxBehaviour,
        protocol: Protocol,
        holds: HoldLoop,
    ) -> None:
        self._config = config
        self._auth = authenticator
        self._behaviour = behaviour
        self._protocol = protocol
        self._holds = holds

    def _hold_all(self, holds: list[Hold]) -> asyncio.Future[list[Message]]:
        """Starts every hold now; resolves to their replies."""
        return asyncio.gather(*(self._holds.run(h) for h in holds))

    def _answers(self, holds: list[Hold], replies: list[Message]) -> list[Message]:
        """The held connects' part of the answer: each one's events and reply."""
        return [m for hold, reply in zip(holds, replies, strict=True) for m in self._protocol.answer(hold, reply)]

    async def long_polling(self, request: Request) -> Response:
        if request.path_params.get("rest") and not self._behaviour.serve_sub_paths:
            return Response(status_code=404)  # only the bare CometD URL is served
        limit = self._config.max_body_bytes
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return _bad_request(f"the body exceeds {limit} bytes")
        body = bytearray()
        try:
            async for chunk in request.stream():
                body += chunk
                if len(body) > limit:
                    return _bad_request(f"the body exceeds {limit} bytes")
        except ClientDisconnect:
            return Response(status_code=400)
        try:
            messages = decode_body(bytes(body), request.headers.get("content-type", ""))
        except BadRequest as exc:
            return _bad_request(str(exc))
        refused = self._behaviour.handshake_batch_http_status
        if refused is not None and _handshake_among_others(messages):
            return Response(status_code=refused)
        agent = self._auth.authenticate(request.headers, request.cookies)
        context = Context(agent.id if agent else None, LONG_POLLING, gone=_gone_waiter(request))
        replies, holds = self._protocol.dispatch(messages, context)
        if holds:
            replies.extend(self._answers(holds, await self._hold_all(holds)))
            replaced = self._behaviour.replaced_connect_http_status
            if replaced is not None and any(h.superseded for h in holds):
                return Response(status_code=replaced)  # CometD answers a replaced connect so, without a body
        bare = not self._behaviour.reply_always_array and len(replies) == 1
        return JSONResponse(replies[0] if bare else replies)

    async def websocket(self, websocket: WebSocket) -> None:
        agent = self._auth.authenticate(websocket.headers, websocket.cookies)
        agent_id = agent.id if agent else None
        if agent_id is None and not self._behaviour.websocket_needs_credentials:
            agent_id = "(anonymous)"
        if not self._config.websocket or agent_id is None:
            await websocket.close(code=1008)  # before accept: the upgrade is refused with HTTP 403
            return
        await websocket.accept()
        socket = Socket(websocket.send_text, bare_single=not self._behaviour.frame_always_array)
        context = Context(agent_id, WEBSOCKET, socket=socket)
        tasks: set[asyncio.Task[None]] = set()
        try:
            while True:
                frame = await websocket.receive()
                if frame["type"] == "websocket.disconnect":
                    break
                text = frame.get("text")
                if text is None and frame.get("bytes") is not None:
                    text = frame["bytes"].decode("utf-8", errors="replace")
                task = asyncio.create_task(self._frame(text or "", context))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
        finally:
            socket.release()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _frame(self, text: str, context: Context) -> None:
        socket = context.socket
        assert socket is not None
        if len(text.encode("utf-8")) > self._config.max_body_bytes:
            await socket.send([{"successful": False, "error": "400::message_too_large"}])
            return
        try:
            messages = decode_frame(text)
        except BadRequest as exc:
            await socket.send([{"successful": False, "error": f"400::{exc}"}])
            return
        replies, holds = self._protocol.dispatch(messages, context)
        if not holds:
            if replies:
                await socket.send(replies)
            return
        pending = self._hold_all(holds)
        try:
            if replies:  # e.g. a subscribe batched with the connect: answered now, not after the hold
                await socket.send(replies)
            results = await pending
        except asyncio.CancelledError:
            pending.cancel()
            raise
        if not await socket.send(self._answers(holds, results)):
            for hold in holds:
                hold.session.requeue(hold.events)


def _handshake_among_others(messages: list[object]) -> bool:
    return len(messages) > 1 and any(isinstance(m, dict) and m.get("channel") == "/meta/handshake" for m in messages)


def _bad_request(reason: str) -> Response:
    return JSONResponse([{"successful": False, "error": f"400::{reason}"}], status_code=400)


def _gone_waiter(request: Request) -> Callable[[], Awaitable[None]]:
    """A coroutine factory that returns once the HTTP client has disconnected."""

    async def wait() -> None:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return
        await asyncio.Future()  # no way to tell any more: never resolves (cancelled with the hold)

    return wait
