"""One agent of the target: an authenticated HTTP client shared by REST and CometD.

Setting an agent up records every step (login, handshake, subscribe, contact-center session,
Ready). The steps never raise on a target's misbehaviour: the SESSION checks judge them, and
the fixtures that need a working agent turn the first failed step into BLOCKED.
"""

from __future__ import annotations

import asyncio

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from conformance import schemas
from conformance.clients.bayeux.inbox import Delivery, Inbox
from conformance.clients.bayeux.session import BayeuxSession
from conformance.clients.bayeux.wire import why_meta_failed
from conformance.clients.http import make_http_client
from conformance.clients.outcome import went_through
from conformance.clients.rest import GwsRestClient, RestReply
from conformance.clients.stream_health import STREAMS, StreamBroken, StreamHealth
from conformance.errors import Blocked
from conformance.evidence import Recorder, recording_into
from conformance.harness import claims
from conformance.profile import ProfileAgent, TargetProfile
from conformance.target.injectors import EmailInjector
from conformance.target.invitation_pool import InvitationPool
from conformance.target.owed import OwedNotifications
from conformance.target.stream_watch import StreamWatch
from conformance.target.timing import Timing

EMAILS_CHANNEL = "/v2/me/emails"
CHANNELS_CHANNEL = "/v2/me/channels"


@dataclass
class SetupStep:
    name: str
    ok: bool
    detail: str
    reply: Any = None  # RestReply, WireReply or Delivery, for the checks that judge it


@dataclass(frozen=True)
class StateChange:
    """A state set on the agent's email channel: the answer, and the notification it caused."""

    answer: RestReply
    notification: Delivery | None  # None: refused, not notified in time, or the stream broke
    stream_broken: StreamBroken | None = None

    def notified(self) -> Delivery | None:
        """The notification, None when none came in time; StreamBroken (BLOCKED) when the stream
        could not have delivered it: that is never "not notified"."""
        if self.stream_broken is not None:
            raise self.stream_broken
        return self.notification


class AgentHandle:
    # After this many consecutive timeouts of the same precondition wait, later checks are
    # BLOCKED at once instead of each waiting out its timeout again: a target that stopped
    # sending invitations would otherwise cost one full timeout per remaining check.
    GIVE_UP_AFTER = 2

    def __init__(
        self,
        profile: TargetProfile,
        account: ProfileAgent,
        *,
        timing: Timing | None = None,
        pipeline: int | None = 0,
        observe: Callable[[str, str], None] | None = None,
        on_slow_intake: Callable[[float, str], None] | None = None,
    ) -> None:
        """`timing`: the target's latency record and negative window the agent shares (its own
        when None, as for the preflight); `pipeline`: how many invitations to inject ahead
        (None: decided by the intake's latency, 0: none, as for the preflight);
        `observe(key, sentence)` takes what the run should report; `on_slow_intake(seconds,
        label)` hears that a slow invitation of this agent's turned pipelining on."""
        self.profile = profile
        self.account = account
        # The target's timing, shared by its agents (the Target itself in a run; one of its own for doctor).
        self.timing = timing if timing is not None else Timing(profile.timeouts)
        self.label = account.label
        self.http = make_http_client(profile.base_url, account.username, account.password, timeout=profile.timeouts.http)
        self.stream: StreamHealth = STREAMS.of(self.label)  # whether notifications can still reach it
        self.bayeux = BayeuxSession(self.http, profile.cometd_url, actor=self.label, health=self.stream, shared=True)
        # Every accepted request owes the agent a notification: "nothing happens" waits for it.
        self.owed = OwedNotifications(self.bayeux.inbox, profile.timeouts.notification)
        # Every email notification and accepted request, for the stream invariants (NOTIF-STREAM-*).
        self.watch = StreamWatch(self.label, account.address)
        self.bayeux.inbox.observe(self.watch.saw)
        self.rest = GwsRestClient(self.http, actor=self.label, on_reply=self._answered)
        self.steps: list[SetupStep] = []
        self.ready_notification: Delivery | None = None
        self._timed_out: dict[str, int] = {}  # precondition wait -> consecutive timeouts
        self.setup_evidence = Recorder(f"{self.label} setup")  # the SESSION checks show it
        self.injector = EmailInjector(profile)  # emails for this agent's invitations
        # The other agents of its pair (set by Target): the deployment may route an email for this
        # agent to them (conformance/target/routing.py); and the run's observations, shared.
        self.colleagues: list[AgentHandle] = []
        self.observations: dict[str, str] = {}
        self.creating = asyncio.Lock()  # one request creating an email at a time (steps/requests.py)
        self.strays: list[str] = []  # ids of emails meant for a colleague that were offered to this agent
        # Its own injector: an email injected ahead is recorded in the evidence of whichever
        # check runs meanwhile, under an actor that says it is not that check's.
        self._injector_ahead = EmailInjector(profile, actor="injector (ahead, for a later check)")
        self.pool = InvitationPool(
            label=self.label,
            address=account.address or "",
            inbox=self.inbox,
            inject=self._injector_ahead.inject,
            setting=pipeline,
            invitation_timeout=profile.timeouts.invitation,
            observe=observe,
            on_slow=on_slow_intake,
        )
        self.owed.suite_explains = self.watch.injected_ahead = self.pool.explains

    def _answered(self, reply: RestReply) -> None:
        self.owed.record(reply)
        self.watch.answered(reply)

    def give_up_early(self, step: str) -> None:
        count = self._timed_out.get(step, 0)
        if count >= self.GIVE_UP_AFTER:
            raise Blocked(f"{self.label}: {step}", f"not attempted: the last {count} waits for it in this run timed out")

    def note_wait(self, step: str, *, arrived: bool) -> None:
        self._timed_out[step] = 0 if arrived else self._timed_out.get(step, 0) + 1

    @property
    def inbox(self) -> Inbox:
        return self.bayeux.inbox

    def step(self, name: str) -> SetupStep | None:
        return next((s for s in self.steps if s.name == name), None)

    def _record(self, name: str, ok: bool, detail: str, reply: Any = None) -> bool:
        self.steps.append(SetupStep(name, ok, detail, reply))
        return ok

    async def connect_cometd(self, channels: tuple[str, ...] = (EMAILS_CHANNEL, CHANNELS_CHANNEL)) -> bool:
        steps = await self.open_cometd(self.bayeux, channels)
        self.steps.extend(steps)
        return all(step.ok for step in steps)

    async def open_cometd(self, session: BayeuxSession, channels: tuple[str, ...]) -> list[SetupStep]:
        """Handshake `session` and subscribe it to `channels`, as the agent's own session is
        opened: the steps, up to the first that failed."""
        timeout = self.profile.timeouts.http
        reply = await session.handshake(timeout=timeout)
        handshake = reply.reply_to(reply.messages[0].get("id")) if reply.messages else None
        ok = bool(handshake and handshake.get("successful") is True and handshake.get("clientId"))
        detail = "handshake succeeded" if ok else f"handshake failed: {why_meta_failed(reply, handshake, '/meta/handshake')}"
        steps = [SetupStep("cometd-handshake", ok, detail, reply)]
        if not ok:
            return steps
        await session.start()
        for channel in channels:
            reply = await session.subscribe(channel, timeout=timeout)
            answer = next(iter(reply.by_channel("/meta/subscribe")), None)
            ok = bool(answer and answer.get("successful") is True)
            detail = f"subscribed to {channel}" if ok else f"subscribe to {channel} failed: {why_meta_failed(reply, answer, '/meta/subscribe')}"
            steps.append(SetupStep(f"cometd-subscribe {channel}", ok, detail, reply))
            if not ok:
                break
        return steps

    async def set_up(self, *, ready: bool = True) -> None:
        """Log in, open CometD, start the contact-center session, go Ready on email."""
        # The harness's work for the whole run, whichever check happened to need the agent first.
        with recording_into(self.setup_evidence), claims.harness_work():
            await self._set_up(ready=ready)

    async def _set_up(self, *, ready: bool) -> None:
        me = await self.rest.get_me()
        failure = login_failure(me)
        if not self._record("login", failure is None, failure or "logged in", me):
            return
        if self.profile.kind == "bayeux-only":
            return
        if not await self.connect_cometd():
            return
        start = await self.rest.start_contact_center_session(channels=["email"])
        if not self._record("start-contact-center-session", went_through(start), start.outcome("StartContactCenterSession"), start):
            return
        if not ready:
            return
        change = await self.set_state("Ready")
        if self._record("ready", went_through(change.answer), change.answer.outcome("Ready on email"), change.answer):
            # A wait the broken stream cut short leaves it None: SESSION-READY-02 is then BLOCKED by the stream.
            self.ready_notification = change.notification

    async def set_state(self, state: str, *, what: str | None = None) -> StateChange:
        """POST `state` on the email channel and, when it went through, wait for its notification on
        /v2/me/channels, at most the notification timeout."""
        mark = self.inbox.mark()
        answer = await self.rest.set_channel_state("email", state)
        if not went_through(answer):
            return StateChange(answer, None)
        try:
            notification = await self.inbox.wait_for(
                lambda d: d.channel == CHANNELS_CHANNEL, timeout=self.profile.timeouts.notification, since=mark, what=what or f"the {state} notification of {self.label}"
            )
        except StreamBroken as broken:
            return StateChange(answer, None, broken)
        return StateChange(answer, notification)

    def is_ready(self) -> bool:
        """Set up Ready on email by the suite, every step of its setup through."""
        return self.step("ready") is not None and all(step.ok for step in self.steps)

    def require_ready(self) -> None:
        """Raise Blocked naming the first setup step that failed."""
        failed = next((s for s in self.steps if not s.ok), None)
        if failed is not None:
            raise Blocked(f"{self.label}: {failed.name}", failed.detail)
        if not self.steps:
            raise Blocked(f"{self.label}: setup", "the agent was never set up")

    async def close(self) -> None:
        await self.pool.close()
        await self._injector_ahead.close()
        await self.injector.close()
        await self.bayeux.close()
        await self.http.aclose()


def login_failure(reply: RestReply) -> str | None:
    """Why GET /api/v2/me did not log in, or None when it did: a 2xx answer whose body is the
    documented user object ({"statusCode": 0, "user": {...}}), not merely any 2xx."""
    what = "GET /api/v2/me"
    if not reply.ok:
        return reply.outcome(what)
    if reply.json_error is not None or reply.is_empty:
        return f"{what}: not the documented user object: {reply.summary()}"
    problems = schemas.errors("get-me-response", reply.json)
    if problems:
        return f'{what}: HTTP {reply.status} but not the documented {{"statusCode": 0, "user": {{...}}}}: {problems[0]}'
    return None
