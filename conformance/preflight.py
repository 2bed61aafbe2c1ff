"""A preflight of a target in seconds (`gws-conformance doctor`): can the suite run against it?

Each step is what the suite needs before its first check: every agent logs in, opens CometD,
starts its session and goes Ready; websocket works when declared; the injector's email reaches
its agent as an invitation, which is accepted and completed again; on the way, the deployment
objects the profile names are tried (preflight_resources). A failed step says what the
user can change. The intake and notification latencies measured suggest the profile's timeouts.
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass, field

from conformance import preflight_resources as resources
from conformance.clients.bayeux.session import BayeuxSession, Transport
from conformance.preflight_finding import Finding, timed
from conformance.profile import TargetProfile
from conformance.target import AgentHandle, invite
from conformance.target.agent import CHANNELS_CHANNEL, EMAILS_CHANNEL
from conformance.steps.reach import operated, processing
from conformance.target.invitation_pool import AUTO_THRESHOLD_S, auto_depth

# What to change when a setup step (AgentHandle.steps names) fails.
SETUP_HINTS = {
    "login": "check the agent's username and password (password_env must name a set variable) and [target].base_url",
    "cometd-handshake": "check [target].cometd_url (default <base_url>/api/v2/notifications) and that CometD accepts the agent's login",
    "cometd-subscribe": "the agent may not subscribe to this channel: check its permissions in the deployment",
    "start-contact-center-session": "check that the agent has a place and the email media in the deployment",
    "ready": "the agent cannot go Ready on email: check its email capacity and that no other desktop holds its session",
}
READY_NOTIFICATION_HINT = (
    "no ChannelStateChangeMessage arrived on /v2/me/channels: if a proxy sits in front of CometD, "
    "turn its response buffering off for long-polling; or raise [timeouts].notification"
)
INVITATION_HINT = (
    "check [injector] and that the deployment routes an email To the agent's address to that agent "
    "(or set [routing].mode = \"any-ready\" when any Ready agent of a group takes it); "
    "if intake is slow, raise [timeouts].invitation"
)
ACCEPT_HINT = (
    "the suite's checks start from an accepted invitation: check that EmailStateChangeMessage events "
    "reach /v2/me/emails, or raise [timeouts].notification"
)
WEBSOCKET_HINT = "declare websocket = false under [features], or let the WebSocket upgrade through the proxy"


@dataclass
class Diagnosis:
    findings: list[Finding] = field(default_factory=list)
    intake_seconds: float | None = None
    notification_seconds: float | None = None

    @property
    def ok(self) -> bool:
        return all(finding.ok for finding in self.findings)

    def suggested_timeouts(self) -> dict[str, int]:
        """Generous bounds from one measurement: waits end on the event, so a high bound costs
        nothing on a healthy target, and a low one turns a slow target's checks BLOCKED."""
        suggested = {}
        if self.intake_seconds is not None:
            suggested["invitation"] = max(15, math.ceil(3 * self.intake_seconds))
        if self.notification_seconds is not None:
            suggested["notification"] = max(5, math.ceil(5 * self.notification_seconds))
        return suggested

    def pipelined_invitations(self) -> int | None:
        """How many invitations per agent a run will inject ahead for the intake measured
        (conformance/target/invitation_pool.py), or None when it will not."""
        if self.intake_seconds is None or self.intake_seconds < AUTO_THRESHOLD_S:
            return None
        return auto_depth(self.intake_seconds)


async def diagnose(profile: TargetProfile) -> Diagnosis:
    diagnosis = Diagnosis()
    agents: list[AgentHandle] = []
    try:
        agents = [AgentHandle(profile, account) for account in profile.agents]
        for agent in agents:  # they share the deployment's routing (conformance/target/routing.py)
            agent.colleagues = [other for other in agents if other is not agent]
        for found in await asyncio.gather(*(_set_up(agent) for agent in agents)):
            diagnosis.findings.append(found)
        if profile.kind != "bayeux-only":
            diagnosis.findings += [resources.user_uri(agent) for agent in agents if _logged_in(agent)]
        if profile.kind == "bayeux-only":
            await _bayeux_session(profile, agents[0], "long-polling", diagnosis)
        elif profile.declares("websocket") and agents and _is_ready(agents[0]):
            await _bayeux_session(profile, agents[0], "websocket", diagnosis)
        if profile.kind != "bayeux-only" and agents and _is_ready(agents[0]):
            await _intake(agents[0], diagnosis)
        elif profile.kind != "bayeux-only" and agents:
            diagnosis.findings += resources.untried(profile, agents[0], f"not tried: {agents[0].label} is not set up")
    finally:
        for agent in agents:
            await agent.close()
    return diagnosis


def _logged_in(agent: AgentHandle) -> bool:
    login = agent.step("login")
    return login is not None and login.ok


def _is_ready(agent: AgentHandle) -> bool:
    return bool(agent.steps) and all(step.ok for step in agent.steps) and agent.ready_notification is not None


async def _set_up(agent: AgentHandle) -> Finding:
    """One line per agent: its setup as the suite does it, or the first step that failed."""
    started = time.monotonic()
    await agent.set_up(ready=True)
    elapsed = time.monotonic() - started
    who = agent.label if agent.label == agent.account.username else f"{agent.label} ({agent.account.username})"
    step = f"{who}: set-up"
    failed = next((s for s in agent.steps if not s.ok), None)
    if failed is not None:
        hint = SETUP_HINTS.get(failed.name.split(" ", 1)[0], "")
        return Finding(step, False, f"{failed.name}: {failed.detail}", hint)
    if agent.profile.kind == "bayeux-only":
        return Finding(step, True, "logged in", seconds=elapsed)
    if agent.ready_notification is None:
        detail = f"Ready was answered but nothing arrived on {CHANNELS_CHANNEL} within {agent.profile.timeouts.notification:g} s"
        return Finding(step, False, detail, READY_NOTIFICATION_HINT)
    done = "logged in, CometD handshake and subscriptions, session started, Ready notified"
    return Finding(step, True, done, seconds=elapsed)


async def _bayeux_session(profile: TargetProfile, agent: AgentHandle, transport: Transport, diagnosis: Diagnosis) -> None:
    """A CometD session of its own on `transport`, opened as the agent's own is."""
    if not agent.steps or not agent.steps[0].ok:
        return  # the login already failed, and said why
    async with BayeuxSession(agent.http, profile.cometd_url, actor=f"{agent.label} doctor", transport=transport) as session:
        steps = await agent.open_cometd(session, (EMAILS_CHANNEL,))
        failed = next((s for s in steps if not s.ok), None)
        detail = f"handshake and subscribe to {EMAILS_CHANNEL} succeeded" if failed is None else failed.detail
        hint = WEBSOCKET_HINT if transport == "websocket" else SETUP_HINTS["cometd-handshake"]
        diagnosis.findings.append(Finding(f"{agent.label}: cometd {transport}", failed is None, detail, "" if failed is None else hint))
        if session.client_id is not None:
            await session.disconnect(timeout=profile.timeouts.http)


async def _intake(agent: AgentHandle, diagnosis: Diagnosis) -> None:
    """One email through the injector to its invitation, accepted and completed: the suite's
    own first steps, timed."""
    found = await timed(invite(agent, subject="Conformance doctor"))
    if isinstance(found, str):
        diagnosis.findings.append(Finding(f"{agent.label}: invitation", False, found, INVITATION_HINT))
        diagnosis.findings += resources.untried(agent.profile, agent, "not tried: the doctor's email never reached the agent")
        return
    invitation, seconds = found
    diagnosis.intake_seconds = seconds
    diagnosis.findings.append(Finding(f"{agent.label}: invitation", True, f"the injected email was offered as {invitation.id}", seconds=seconds))
    accepted = await timed(processing(agent, invitation))
    if isinstance(accepted, str):
        diagnosis.findings.append(Finding(f"{agent.label}: accept", False, accepted, ACCEPT_HINT))
        diagnosis.findings += resources.untried(agent.profile, agent, "not tried: the doctor's email was never accepted")
        return
    email, seconds = accepted
    diagnosis.notification_seconds = seconds
    diagnosis.findings.append(Finding(f"{agent.label}: accept", True, "Accept was answered and notified (Processing)", seconds=seconds))
    diagnosis.findings += await resources.draft_objects(agent, email)
    parked, done = await resources.completed_into_parking(agent, email)
    diagnosis.findings += parked
    if done:
        diagnosis.findings.append(Finding(f"{agent.label}: complete", True, "the email is Completed again"))
        return
    completed = await timed(operated(agent, email, "Complete", step="Complete", state="Completed"))
    ok = not isinstance(completed, str)
    detail = "the email is Completed again" if ok else str(completed)
    diagnosis.findings.append(Finding(f"{agent.label}: complete", ok, detail, "" if ok else "the email stays with the agent: complete it by hand"))
