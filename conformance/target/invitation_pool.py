"""Invitations injected ahead, per agent: against a slow intake (an E-mail Server polling its
mailbox every few seconds to a minute) each invitation would otherwise cost the whole intake
latency, one after another.

Only interchangeable emails are pooled: the default subject and body, addressed To the agent and
nobody else, recognised by the token in their subject as every invitation is. A check that takes
one finds its invitation already on the agent's stream, or on its way. A pooled email nobody took
yet is the suite's own doing: `explains()` tells so to every "nothing happens" judgement
(`OwedNotifications.quiet`), and `quiesce()` lets those on their way arrive before a stretch of
checks that watches whole streams (the Bayeux section, the fuzz campaign).

Pipelining needs the target to route each email to the agent it is addressed to (the profile's
`addressed` routing): `switch_off()` for anything else. The depth is the profile's
`[intake] pipeline` (0: off); without it, the first invitation slower than AUTO_THRESHOLD_S turns
it on (as soon as it is that late, not when it arrives, deepening while it is missing), as deep
as its latency asks for (at most AUTO_MAX_DEPTH).
"""

from __future__ import annotations

import asyncio
import math
import re
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from conformance.clients.bayeux.inbox import Delivery, Inbox
from conformance.errors import Blocked
from conformance.evidence import shared_context
from conformance.profile import ROUTING_ADDRESSED, ProfileAgent, TargetProfile
from conformance.target.injectors import InboundEmail
from conformance.target.owed import email_of

DEFAULT_SUBJECT = "Conformance check"
DEFAULT_BODY = "Hello from the conformance suite."
AUTO_THRESHOLD_S = 1.0  # an invitation at least this slow turns pipelining on (no [intake] pipeline)
AUTO_MAX_DEPTH = 48
HEARD_DEPTH = 2  # ahead for an agent whose pool another agent's slow invitation turned on; doubles when short
CHECK_PACE_S = 0.1  # about how often the checks ask for an invitation when none has to be waited for
OBSERVATION_KEY = "invitation-pipeline"
_TOKEN = re.compile(r"\[gwsct-[0-9a-f]+\]")


def new_token() -> str:
    return f"[gwsct-{secrets.token_hex(6)}]"


def auto_depth(latency: float) -> int:
    """How many invitations to keep ahead when one takes `latency` seconds: enough that the
    checks rarely wait, bounded."""
    return max(2, min(AUTO_MAX_DEPTH, math.ceil(latency / CHECK_PACE_S)))


def pipelining_unusable(profile: TargetProfile, account: ProfileAgent) -> str | None:
    """Why invitations cannot be injected ahead for this agent on this target, or None."""
    # Another routing mode decides arrival otherwise: an email injected ahead could reach any
    # Ready agent.
    if profile.routing != ROUTING_ADDRESSED:
        return f"routing mode {profile.routing}: only the addressed mode routes an email to the agent it was injected for"
    if profile.injector.kind == "manual":
        return "a manual injector"
    if not account.address:
        return f"no address for {account.label} in the profile"
    return None


@dataclass
class Pooled:
    """One email injected ahead."""

    token: str
    email: InboundEmail
    mark: int  # the agent's inbox mark before it was injected: its invitation comes after
    sent: asyncio.Future[None] = field(repr=False)  # done once injected; its exception when that failed
    email_id: str | None = None  # once its invitation arrived
    injected_at: float | None = None  # time.monotonic() once injected

    async def injected(self) -> None:
        """Return once the email was handed to the injector (Blocked when that failed)."""
        await asyncio.shield(self.sent)


class InvitationPool:
    def __init__(
        self,
        *,
        label: str,
        address: str,
        inbox: Inbox,
        inject: Callable[[InboundEmail], Awaitable[None]],
        setting: int | None,
        invitation_timeout: float,
        observe: Callable[[str, str], None] | None = None,
        on_slow: Callable[[float, str], None] | None = None,
    ) -> None:
        """`setting`: the profile's `[intake] pipeline` (None: decided by the first invitations'
        latency, 0: off). `observe(key, sentence)` records what the run should report.
        `on_slow(seconds, label)`: told when a slow invitation of this agent's turned pipelining
        on (the other agents share the intake: `heard()` turns theirs on)."""
        self.label = label
        self._address = address
        self._inbox = inbox
        self._inject = inject
        self._setting = setting
        self._timeout = invitation_timeout
        self._observe = observe
        self.depth = setting or 0
        self.off_reason: str | None = "[intake] pipeline = 0" if setting == 0 else None
        self._why = f"[intake] pipeline = {setting}" if setting else ""
        self._ahead: deque[Pooled] = deque()  # injected, not taken, in injection order
        self._lost: list[Pooled] = []  # not arrived within the invitation timeout: never given to a check
        self._by_token: dict[str, Pooled] = {}
        self._ids: set[str] = set()  # ids of the untaken emails whose invitation arrived
        self._to_send: deque[Pooled] = deque()
        self._feeder: asyncio.Task[None] | None = None
        self._slow_timer: asyncio.TimerHandle | None = None
        self._paused = False  # by quiesce(): nothing more is injected until a check takes one
        self._ceiling = self.depth  # how deep doubling may take it
        self._latency = 0.0  # the longest an invitation injected on demand was seen to take
        self._on_slow = on_slow
        self.injected_count = 0
        self.taken_count = 0
        inbox.observe(self._saw)

    # -- switching -----------------------------------------------------------------------

    @property
    def on(self) -> bool:
        return self.off_reason is None and self.depth > 0

    def switch_off(self, reason: str) -> None:
        """No more emails ahead (a routing mode that cannot use them, a failed injection...);
        those already injected stay recognised, so never blamed on a check."""
        if self.off_reason is None:
            self.off_reason = reason
            self.depth = 0  # those queued are still sent: a check may have taken one already
            self._report()

    @property
    def _auto(self) -> bool:
        return self._setting is None and self.off_reason is None

    def injected_on_demand(self) -> None:
        """An invitation was just injected on demand: in auto mode, once it is AUTO_THRESHOLD_S
        late, pipelining starts, and deepens every AUTO_THRESHOLD_S while it is still missing
        (the checks waiting for it will ask for as many as its lateness is long)."""
        if self._auto and self._slow_timer is None:
            self._arm(AUTO_THRESHOLD_S)

    def _arm(self, lateness: float) -> None:
        def tick() -> None:
            self._late(lateness, arrived=False)
            self._slow_timer = None
            if self._auto and self.depth < AUTO_MAX_DEPTH:
                self._arm(lateness + AUTO_THRESHOLD_S)

        self._slow_timer = asyncio.get_running_loop().call_later(AUTO_THRESHOLD_S, tick)

    def note_latency(self, seconds: float | None) -> None:
        """The invitation injected on demand arrived `seconds` after it was injected (None: it
        never did): in auto mode, a slow one sets the depth."""
        if self._slow_timer is not None:
            self._slow_timer.cancel()
            self._slow_timer = None
        if seconds is None:
            if self._auto and self.depth:  # turned on by a lateness that was an absence
                self.switch_off("an invitation injected on demand never arrived")
        elif seconds >= AUTO_THRESHOLD_S:
            self._late(seconds, arrived=True)

    def _late(self, seconds: float, *, arrived: bool) -> None:
        if not self._auto or seconds < self._latency:
            return
        self._latency = seconds
        self._why = f"an invitation took {seconds:.1f} s" if arrived else f"an invitation was still missing after {seconds:.0f} s"
        if auto_depth(seconds) > self.depth:
            self.depth = self._ceiling = auto_depth(seconds)
            self._top_up()
            if self._on_slow is not None:
                self._on_slow(seconds, self.label)
        self._report()

    def heard(self, seconds: float, who: str) -> None:
        """Another agent's invitation took `seconds` (the same intake): in auto mode, a few
        ahead at once, more as this agent's checks ask for them (doubling when one was short)."""
        if not self._auto:
            return
        self._ceiling = max(self._ceiling, auto_depth(seconds))
        if not self.depth:
            self.depth = HEARD_DEPTH
            self._why = f"{who}'s invitations are slow, from the same intake"
            self._top_up()

    # -- taking --------------------------------------------------------------------------

    def take(self) -> Pooled | None:
        """The oldest email injected ahead (topped up first), or None when pipelining is off."""
        if not self.on:
            return None
        self._paused = False
        self._give_up_on(lambda p: p.injected_at is not None and time.monotonic() - p.injected_at > self._timeout)
        self._top_up(extra=1)
        pooled = self._ahead.popleft()
        if pooled.email_id is None and self.depth < self._ceiling:
            self.depth = min(self._ceiling, 2 * self.depth)  # the checks caught up with the pool
        del self._by_token[pooled.token]
        if pooled.email_id is not None:
            self._ids.discard(pooled.email_id)
        self.taken_count += 1
        self._top_up()
        return pooled

    def explains(self, delivery: Delivery) -> bool:
        """`delivery` is about an email injected ahead that no check took yet."""
        email = email_of(delivery)
        if email is None:
            return False
        if email.get("id") in self._ids:
            return True
        return any(token in self._by_token for token in _TOKEN.findall(str(email.get("subject", ""))))

    async def quiesce(self) -> None:
        """Let every email injected ahead arrive (each wait bounded by the invitation timeout
        after it was injected) and inject no more until the next take(): what a check watching
        the agent's whole stream, or making it NotReady, needs. At once when none is on its way."""
        self._paused = True
        if self._feeder is not None:  # those queued are sent first (a check may have taken one)
            await asyncio.gather(self._feeder, return_exceptions=True)
        if self._all_arrived():
            return
        deadline = max(p.injected_at or 0.0 for p in self._ahead) + self._timeout
        what = f"the invitations injected ahead for {self.label}"
        await self._inbox.wait_for(lambda _: self._all_arrived(), timeout=max(0.0, deadline - time.monotonic()), since=self._inbox.mark(), what=what)
        self._give_up_on(lambda _: True)

    @property
    def unused(self) -> int:
        return len(self._ahead) + len(self._lost)

    async def close(self) -> None:
        if self._slow_timer is not None:
            self._slow_timer.cancel()
        self._to_send.clear()
        if self._feeder is not None:
            self._feeder.cancel()
            await asyncio.gather(self._feeder, return_exceptions=True)
        self._report()

    # -- inside --------------------------------------------------------------------------

    def _all_arrived(self) -> bool:
        return all(p.email_id is not None for p in self._ahead)

    def _give_up_on(self, overdue: Callable[[Pooled], bool]) -> None:
        """The emails not arrived that are `overdue` are lost: still recognised if they ever
        come, never waited for again."""
        lost = [p for p in self._ahead if p.email_id is None and overdue(p)]
        for pooled in lost:
            self._ahead.remove(pooled)
        self._lost += lost

    def _saw(self, delivery: Delivery) -> None:
        email = email_of(delivery)
        if email is None or not isinstance(email.get("id"), str):
            return
        for token in _TOKEN.findall(str(email.get("subject", ""))):
            pooled = self._by_token.get(token)
            if pooled is not None and pooled.email_id is None:
                pooled.email_id = email["id"]
                self._ids.add(email["id"])

    def _top_up(self, extra: int = 0) -> None:
        while not self._paused and len(self._ahead) < self.depth + extra:
            token = new_token()
            email = InboundEmail(to=[self._address], subject=f"{DEFAULT_SUBJECT} {token}", body=DEFAULT_BODY)
            pooled = Pooled(token, email, self._inbox.mark(), asyncio.get_running_loop().create_future())
            self._ahead.append(pooled)
            self._by_token[token] = pooled
            self._to_send.append(pooled)
            self.injected_count += 1
        if self._to_send and (self._feeder is None or self._feeder.done()):
            self._feeder = asyncio.get_running_loop().create_task(self._feed(), context=shared_context())
        self._report()

    async def _feed(self) -> None:
        """Inject the emails due, one after another (the injector sees the order of the checks)."""
        while self._to_send:
            pooled = self._to_send.popleft()
            try:
                await self._inject(pooled.email)
            except Exception as exc:  # the injector BLOCKs on what it knows; anything else too, here
                blocked = exc if isinstance(exc, Blocked) else Blocked("inject ahead", f"{type(exc).__name__}: {exc}")
                self._failed([pooled, *self._to_send], blocked)
                return
            pooled.injected_at = time.monotonic()
            pooled.sent.set_result(None)

    def _failed(self, unsent: list[Pooled], blocked: Blocked) -> None:
        """Injecting failed: the emails not sent are dropped (a check that took one is BLOCKED
        by it), and pipelining is off for the rest of the run."""
        self._to_send.clear()
        for pooled in unsent:
            pooled.sent.set_exception(blocked)
            pooled.sent.exception()  # retrieved: one that no check took must not warn
            self.injected_count -= 1
            if self._by_token.pop(pooled.token, None) is not None and pooled in self._ahead:
                self._ahead.remove(pooled)
        self.switch_off(f"injecting ahead failed: {blocked.reason}")

    def _report(self) -> None:
        if self._observe is None or not self.injected_count:
            return
        state = f"on, {self.depth} ahead" if self.on else f"switched off ({self.off_reason})"
        self._observe(
            f"{OBSERVATION_KEY} {self.label}",
            f"{self.label}: invitations were injected ahead ({self._why}; {state}): {self.injected_count} injected ahead, "
            f"{self.unused} left unused at the end of the run (still offered to the agent; the suite cleans up nothing)",
        )
