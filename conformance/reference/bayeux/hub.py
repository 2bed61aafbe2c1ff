"""The reference server's CometD endpoint: a Bayeux 1.0 server in CometD 3 style, on Starlette.

The hub puts the parts together and delivers what the server publishes: `sessions.py` (the
session table, expiry), `protocol.py` (each message's reply, without a transport), `holds.py`
(the long-poll hold), `transports.py` (HTTP long-polling and WebSocket), and `behaviour.py`
(what the active fault and variant switches change). Over WebSocket, events queued while no
connect is held are pushed at once.

Shutdown: uvicorn waits for in-flight requests *before* it runs the lifespan shutdown, so
whoever runs the server should `await hub.shutdown()` before asking uvicorn to exit (e.g. on
the server's loop, then set `should_exit`); calling it again from the lifespan is harmless.
"""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.routing import BaseRoute, Route, WebSocketRoute

from conformance.reference.auth import Authenticator
from conformance.reference.bayeux.behaviour import BayeuxBehaviour
from conformance.reference.bayeux.channels import channel_error, is_meta, matches
from conformance.reference.bayeux.client_ids import ClientIds
from conformance.reference.bayeux.holds import HoldLoop, Lifecycle
from conformance.reference.bayeux.protocol import Protocol
from conformance.reference.bayeux.sessions import Message, Session, SessionTable, Socket
from conformance.reference.bayeux.transports import Transports
from conformance.reference.config import ServerConfig

PER_USER_PREFIX = "/v2/me/"


class BayeuxHub:
    """Sessions, subscriptions and delivery of one reference server's CometD endpoint."""

    def __init__(self, config: ServerConfig, authenticator: Authenticator, behaviour: BayeuxBehaviour) -> None:
        self._config = config
        self._behaviour = behaviour
        self.sessions = SessionTable(
            ClientIds(behaviour),
            bound_to_agent=behaviour.session_bound_to_agent,
            expire=behaviour.expire_idle_sessions,
        )
        self._lifecycle = Lifecycle()
        self.protocol = Protocol(
            behaviour,
            self.sessions,
            self._lifecycle,
            timeout_ms=config.bayeux_timeout_ms,
            interval_ms=config.bayeux_interval_ms,
            websocket=config.websocket,
            client_publish=lambda agent_id, channel, data: self._spawn(self.publish(agent_id, channel, data)),
        )
        self.holds = HoldLoop(
            self.sessions,
            self._lifecycle,
            self.protocol.settle,
            events_end_long_polling_hold=behaviour.event_ends_long_polling_hold,
            answer_replaced_connect=behaviour.answer_replaced_connect,
        )
        self._transports = Transports(config, authenticator, behaviour, self.protocol, self.holds)
        self._sweeper: asyncio.Task[None] | None = None
        self._delayed: asyncio.Queue[tuple[float, list[Session], Message]] | None = None
        self._event_ids = 0  # events given an id so far (behaviour.event_id_and_ext)
        self._deliverer: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[Any]] = set()
        self._published = 0  # events published so far: seeds the late-delivery jitter

    # ------------------------------------------------------------------ public API

    def routes(self, path: str = "/api/v2/notifications") -> list[BaseRoute]:
        path = "/" + path.strip("/")
        return [
            Route(path, self._transports.long_polling, methods=["POST"]),
            Route(path + "/{rest:path}", self._transports.long_polling, methods=["POST"]),
            WebSocketRoute(path, self._transports.websocket),
            WebSocketRoute(path + "/{rest:path}", self._transports.websocket),
        ]

    async def startup(self) -> None:
        """Start the sweeper that expires sessions idle for longer than maxInterval."""
        self._lifecycle.closing = False
        self._lifecycle.stop.clear()
        if self._sweeper is None or self._sweeper.done():
            self._sweeper = asyncio.create_task(self._sweep_loop(), name="bayeux-sweeper")

    async def shutdown(self) -> None:
        """Release every held connect (so uvicorn exits promptly) and stop the background tasks."""
        self._lifecycle.closing = True
        self._lifecycle.stop.set()
        for session in self.sessions.all():
            session.wake.set()
        tasks = [t for t in (self._sweeper, self._deliverer, *self._background) if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._sweeper = self._deliverer = None
        self._delayed = None
        self._background.clear()

    async def publish(self, agent_id: str, channel: str, data: dict[str, Any]) -> int:
        """Deliver `{channel, data}` to each of the agent's sessions subscribed to a matching
        pattern; returns how many sessions it went to. `/v2/me/**` channels are per user:
        never delivered to another agent's sessions."""
        if channel_error(channel, wildcard_ok=False) or is_meta(channel):
            raise ValueError(f"cannot publish to {channel!r}")
        json.dumps(data, allow_nan=False)  # fail here, not later inside some client's connect reply
        behaviour = self._behaviour
        everyone = not behaviour.per_user_channels_private and channel.startswith(PER_USER_PREFIX)
        drop_websocket = not behaviour.deliver_over_websocket
        targets = [
            s
            for s in self.sessions.all()
            if (everyone or s.agent_id == agent_id)
            and not (drop_websocket and s.socket is not None)
            and any(self._matches(p, channel) for p in s.subscriptions)
        ]
        event: Message = {"channel": channel, "data": data} if behaviour.event_has_channel else {"data": data}
        if not targets:
            return 0
        if behaviour.event_carries_client_id:
            event["clientId"] = targets[0].client_id
        if behaviour.event_id_and_ext:
            self._event_ids += 1
            event.update(id=f"event-{self._event_ids}", ext={"vendor": {"server": "reference"}})
        delay = self._delivery_delay(data)
        if delay > 0:
            if self._delayed is None:
                self._delayed = asyncio.Queue()
            if self._deliverer is None or self._deliverer.done():
                self._deliverer = asyncio.create_task(self._deliver_delayed(), name="bayeux-latency")
            due = asyncio.get_running_loop().time() + delay
            self._delayed.put_nowait((due, targets, event))
        else:
            for session in targets:
                self._enqueue(session, event)
        return len(targets)

    def session_count(self) -> int:
        return len(self.sessions)

    # ------------------------------------------------------------------ extra helpers

    async def drop_sessions(self, agent_id: str | None = None) -> int:
        """Forget every session (or one agent's), as a server restart would: their next
        message, and any connect held now, get `402::Unknown client` + reconnect=handshake."""
        doomed = [s for s in self.sessions.all() if agent_id is None or s.agent_id == agent_id]
        for session in doomed:
            self.sessions.remove(session, "dropped")
        return len(doomed)

    def subscribers(self, agent_id: str, channel: str) -> int:
        """How many of the agent's sessions `publish(agent_id, channel, ...)` would reach now.
        Safe to call from another thread (it reads copies)."""
        return sum(
            1
            for s in self.sessions.all()
            if s.agent_id == agent_id and any(self._matches(p, channel) for p in list(s.subscriptions))
        )

    def wait_until(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Block (from another thread, e.g. a test) until `predicate()` holds or `timeout` s
        pass. Woken by every change of sessions, subscriptions or held connects (handshake,
        (un)subscribe, connect start and end, sweep, disconnect, drop), so nothing polls on a
        fixed sleep. Returns the last value."""
        return self.sessions.wait_until(predicate, timeout)

    # ------------------------------------------------------------------ delivery

    def _matches(self, pattern: str, channel: str) -> bool:
        behaviour = self._behaviour
        if not behaviour.double_star_matches_deeper and pattern.endswith("/**"):
            pattern = pattern[:-1]
        return matches(
            pattern,
            channel,
            star_is_deep=behaviour.star_matches_deeper,
            parent_too=behaviour.wildcard_matches_parent,
            loose_prefix=behaviour.wildcard_matches_prefix,
        )

    def _delivery_delay(self, data: dict[str, Any]) -> float:
        """Seconds between publishing an event and queueing it for its sessions: the simulated
        latency (the REST answer waits as long), plus the behaviour's late delivery if any."""
        self._published += 1
        delay = self._config.latency_ms / 1000
        if self._behaviour.late_delivery_s is not None:
            # Seeded by the event's rank and its request's referenceId: a run that sends the
            # same requests in the same order gets the same delays.
            seed = f"{self._published}:{data.get('referenceId')}"
            delay += random.Random(seed).uniform(*self._behaviour.late_delivery_s)
        return delay

    def _enqueue(self, session: Session, event: Message) -> None:
        if session.removed:
            return
        session.queue.append(dict(event))
        session.wake.set()
        socket = session.socket
        if socket is not None and not socket.closed and session.held == 0:
            # No connect is held on the socket: push the event frame at once.
            self._spawn(self._flush(session, socket))

    async def _flush(self, session: Session, socket: Socket) -> None:
        while not session.held and session.socket is socket and session.queue:
            events = session.drain(self._behaviour.events_per_delivery)
            if not await socket.send(events):
                session.requeue(events)
                return

    async def _deliver_delayed(self) -> None:
        """Simulated notification latency: FIFO, so events keep their order."""
        assert self._delayed is not None
        loop = asyncio.get_running_loop()
        while True:
            due, targets, event = await self._delayed.get()
            delay = due - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)  # simulated latency (config.latency_ms), bounded
            for session in targets:
                self._enqueue(session, event)

    def _spawn(self, coro: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _sweep_loop(self) -> None:
        max_interval = self._config.bayeux_max_interval_ms / 1000
        tick = min(1.0, max(0.02, max_interval / 4))
        while not self._lifecycle.closing:
            try:
                await asyncio.wait_for(self._lifecycle.stop.wait(), tick)
            except TimeoutError:
                pass
            self.sessions.sweep(max_interval)
