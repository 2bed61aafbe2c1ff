"""Test-side agents: REST over httpx with Basic auth, notifications over raw CometD long-polling."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from conformance.reference import ReferenceServer

Event = dict[str, Any]
EMAILS = "/v2/me/emails"
CHANNELS = "/v2/me/channels"


class Agent:
    def __init__(self, server: ReferenceServer, number: int) -> None:
        self.id = f"agent{number}"
        self.address = f"agent{number}@reference.gws.test"
        self.server = server
        self.http = httpx.Client(base_url=server.base_url, auth=(self.id, f"password{number}"), timeout=10.0)
        self.client_id: str | None = None
        self._buffer: list[Event] = []

    # --- REST ------------------------------------------------------------------------

    def post(self, path: str, body: Any) -> httpx.Response:
        return self.http.post(path, json=body)

    def op(self, email_id: str, operation: str, **params: Any) -> httpx.Response:
        return self.post(f"/api/v2/me/emails/{email_id}", {"operationName": operation, **params})

    def get_email(self, email_id: str) -> httpx.Response:
        return self.http.get(f"/api/v2/me/emails/{email_id}")

    def start_session(self) -> httpx.Response:
        return self.post("/api/v2/me", {"operationName": "StartContactCenterSession", "channels": ["email"]})

    def set_state(self, state: str) -> httpx.Response:
        return self.post("/api/v2/me/channels/email", {"operationName": state})

    def onboard(self, ready: bool = True) -> Agent:
        """CometD subscribed to /v2/me/emails and /v2/me/channels, session started, Ready."""
        self.subscribe(EMAILS, CHANNELS)
        assert self.start_session().json()["statusCode"] == 0
        if ready:
            assert self.set_state("Ready").json()["statusCode"] == 0
            self.wait_for(lambda e: e["channel"] == CHANNELS)
        return self

    # --- CometD (long-polling, raw) --------------------------------------------------

    def _bayeux(self, messages: list[Event], timeout: float = 10.0) -> list[Event]:
        answer = self.http.post(self.server.cometd_url, json=messages, timeout=timeout)
        answer.raise_for_status()
        return answer.json()

    def subscribe(self, *channels: str) -> None:
        if self.client_id is None:
            [reply] = self._bayeux([{"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"]}])
            assert reply["successful"], reply
            self.client_id = reply["clientId"]
        replies = self._bayeux([{"channel": "/meta/subscribe", "clientId": self.client_id, "subscription": list(channels)}])
        assert all(r.get("successful") for r in replies if r["channel"] == "/meta/subscribe"), replies

    def _connect(self, hold_ms: int | None) -> list[Event]:
        message: Event = {"channel": "/meta/connect", "clientId": self.client_id, "connectionType": "long-polling"}
        if hold_ms is not None:
            message["advice"] = {"timeout": hold_ms}
        replies = self._bayeux([message])
        connect = [r for r in replies if r["channel"] == "/meta/connect"]
        assert connect and connect[0]["successful"], replies
        return [r for r in replies if not r["channel"].startswith("/meta/")]

    def drain(self) -> list[Event]:
        """Every notification delivered so far (the server publishes before it answers)."""
        events, self._buffer = self._buffer + self._connect(0), []
        return events

    def wait_for(self, predicate: Callable[[Event], bool], timeout: float = 5.0) -> Event:
        """The first notification matching `predicate`; others stay buffered for drain()."""
        deadline = time.monotonic() + timeout
        while True:
            for index, event in enumerate(self._buffer):
                if predicate(event):
                    return self._buffer.pop(index)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{self.id}: no matching notification within {timeout} s; got {self._buffer}")
            self._buffer.extend(self._connect(int(min(remaining, 1.0) * 1000)))

    def invitation(self, email_id: str | None = None, timeout: float = 5.0) -> Event:
        """Wait for an Invited notification (of `email_id`, if given); returns its email."""
        event = self.wait_for(
            lambda e: e["channel"] == EMAILS
            and e["data"]["email"]["state"] == "Invited"
            and (email_id is None or e["data"]["email"]["id"] == email_id),
            timeout,
        )
        return event["data"]["email"]

    def close(self) -> None:
        self.http.close()


def email_events(events: list[Event]) -> list[Event]:
    return [e["data"] for e in events if e["channel"] == EMAILS]
