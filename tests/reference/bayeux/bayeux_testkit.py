"""A raw Bayeux peer for the hub's tests: httpx for long-polling, websockets for WebSocket.

Replies are located by channel and id, never by position: the order of replies inside a batch
is not fixed (CometD puts queued events first, faye the connect reply first), and a reply to a
/meta/** message carries its id (https://docs.cometd.org/current/reference/#_bayeux_id).
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import httpx
from websockets.sync.client import ClientConnection
from websockets.sync.client import connect as ws_connect

from conformance.reference.bayeux.standalone import HubServer

Message = dict[str, Any]
_executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="bayeux-peer")
_ids = itertools.count(1)


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def find(replies: list[Message], channel: str, id: object = None) -> Message:
    """The reply on `channel` (with `id`, when given); fails the test if absent or ambiguous."""
    hits = [r for r in replies if r.get("channel") == channel and (id is None or r.get("id") == id)]
    assert len(hits) == 1, f"expected one {channel} reply (id={id!r}) in {replies}"
    return hits[0]


def events(replies: list[Message]) -> list[Message]:
    return [r for r in replies if not str(r.get("channel", "")).startswith("/meta/")]


def error_code(reply: Message) -> int:
    return int(str(reply["error"]).split(":", 1)[0])


def next_id() -> str:
    return str(next(_ids))


class Peer:
    """One Bayeux client over long-polling, speaking raw messages."""

    def __init__(
        self,
        server: HubServer,
        user: str | None = "agent1",
        password: str | None = None,
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.server = server
        self.headers = dict(headers or {})
        if user is not None:
            self.headers.setdefault("Authorization", basic(user, password or _password_of(user)))
        self.client_id: str | None = None

    def post(self, body: object, *, path: str = "", timeout: float = 10.0, **kwargs: Any) -> httpx.Response:
        content = body if isinstance(body, (bytes, str, Iterator)) else json.dumps(body)
        headers = {"Content-Type": "application/json", **self.headers, **kwargs.pop("headers", {})}
        with httpx.Client(timeout=timeout) as http:
            return http.post(self.server.url + path, content=content, headers=headers, **kwargs)

    def send(self, *messages: Message, path: str = "", timeout: float = 10.0) -> list[Message]:
        response = self.post(list(messages), path=path, timeout=timeout)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/json")
        replies = response.json()
        assert isinstance(replies, list), replies
        return replies

    def send_later(self, *messages: Message, timeout: float = 10.0) -> Future[list[Message]]:
        return _executor.submit(self.send, *messages, timeout=timeout)

    # -- message builders -------------------------------------------------------------

    def handshake_message(self, **fields: Any) -> Message:
        return {
            "channel": "/meta/handshake",
            "version": "1.0",
            "supportedConnectionTypes": ["long-polling"],
            "id": next_id(),
            **fields,
        }

    def connect_message(self, **fields: Any) -> Message:
        return {
            "channel": "/meta/connect",
            "clientId": self.client_id,
            "connectionType": "long-polling",
            "id": next_id(),
            **fields,
        }

    def subscribe_message(self, subscription: object, **fields: Any) -> Message:
        return {
            "channel": "/meta/subscribe",
            "clientId": self.client_id,
            "subscription": subscription,
            "id": next_id(),
            **fields,
        }

    # -- conversations ----------------------------------------------------------------

    def handshake(self, **fields: Any) -> Message:
        message = self.handshake_message(**fields)
        reply = find(self.send(message), "/meta/handshake", message["id"])
        assert reply["successful"] is True, reply
        self.client_id = reply["clientId"]
        return reply

    def connect(self, *, timeout_ms: int | None = None, http_timeout: float = 10.0) -> list[Message]:
        fields: Message = {} if timeout_ms is None else {"advice": {"timeout": timeout_ms}}
        message = self.connect_message(**fields)
        replies = self.send(message, timeout=http_timeout)
        find(replies, "/meta/connect", message["id"])
        return replies

    def connect_later(self, **fields: Any) -> tuple[Message, Future[list[Message]]]:
        message = self.connect_message(**fields)
        return message, self.send_later(message)

    def subscribe(self, subscription: object) -> Message:
        message = self.subscribe_message(subscription)
        return find(self.send(message), "/meta/subscribe", message["id"])

    def disconnect(self) -> Message:
        message = {"channel": "/meta/disconnect", "clientId": self.client_id, "id": next_id()}
        return find(self.send(message), "/meta/disconnect", message["id"])

    def ready(self, *subscriptions: str) -> Peer:
        """Handshake, subscribe, and make the first (immediate) connect."""
        self.handshake()
        for subscription in subscriptions:
            assert self.subscribe(subscription)["successful"] is True
        self.connect(timeout_ms=0)
        return self


class WsPeer:
    """One Bayeux client over a WebSocket (sync `websockets` client)."""

    def __init__(self, server: HubServer, user: str | None = "agent1", password: str | None = None) -> None:
        headers = {} if user is None else {"Authorization": basic(user, password or _password_of(user))}
        self._stack = contextlib.ExitStack()
        self.socket: ClientConnection = self._stack.enter_context(
            ws_connect(server.ws_url, additional_headers=headers, open_timeout=5)
        )
        self.client_id: str | None = None
        self.inbox: list[Message] = []

    def send(self, *messages: Message) -> None:
        self.socket.send(json.dumps(list(messages)))

    def receive(self, timeout: float = 5.0) -> list[Message]:
        frame = json.loads(self.socket.recv(timeout=timeout))
        assert isinstance(frame, list), frame
        self.inbox.extend(frame)
        return frame

    def wait_for(self, predicate: Callable[[Message], bool], timeout: float = 5.0) -> Message:
        """The first message (already received or arriving within `timeout`) matching."""
        deadline = time.monotonic() + timeout
        while True:
            for message in self.inbox:
                if predicate(message):
                    self.inbox.remove(message)
                    return message
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"no matching message within {timeout} s; got {self.inbox}"
            self.receive(timeout=remaining)

    def reply(self, channel: str, id: str, timeout: float = 5.0) -> Message:
        return self.wait_for(lambda m: m.get("channel") == channel and m.get("id") == id, timeout)

    def handshake(self) -> Message:
        id = next_id()
        self.send({"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["websocket"], "id": id})
        reply = self.reply("/meta/handshake", id)
        assert reply["successful"] is True, reply
        self.client_id = reply["clientId"]
        return reply

    def connect(self, **fields: Any) -> str:
        id = next_id()
        self.send({"channel": "/meta/connect", "clientId": self.client_id, "connectionType": "websocket", "id": id, **fields})
        return id

    def subscribe(self, subscription: object) -> Message:
        id = next_id()
        self.send({"channel": "/meta/subscribe", "clientId": self.client_id, "subscription": subscription, "id": id})
        return self.reply("/meta/subscribe", id)

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> WsPeer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _password_of(user: str) -> str:
    # The documented default agents: agentN / passwordN.
    return "password" + user.removeprefix("agent")
