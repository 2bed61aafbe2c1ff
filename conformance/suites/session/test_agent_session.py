"""Agent session: StartContactCenterSession, Ready on email, CometD handshake and subscribe.

https://docs.genesys.com/Documentation/HTCC/latest/API/StartContactCenterSession
The stimulus of these checks is agent A's setup itself (fixture `agent_setup`): the steps
are recorded, not raised, so that each check judges one of them.
"""

from __future__ import annotations

from conformance import verify
from conformance.clients.rest import GwsRestClient
from conformance.errors import Blocked
from conformance.evidence import current_recorder
from conformance.suites import requirement
from conformance.target import AgentHandle, SetupStep
from conformance.target.agent import CHANNELS_CHANNEL, EMAILS_CHANNEL


def _step(agent: AgentHandle, name: str) -> SetupStep:
    current_recorder().include(agent.setup_evidence)
    step = agent.step(name)
    if step is None:
        failed = next((s for s in agent.steps if not s.ok), None)
        reason = f"an earlier step failed: {failed.name}: {failed.detail}" if failed else "the step never ran"
        raise Blocked(f"{agent.label}: {name}", reason)
    return step


@requirement("SESSION-START-01")
async def test_start_contact_center_session(agent_setup: AgentHandle) -> None:
    """POST /api/v2/me StartContactCenterSession with channels ["email"] (agent setup)."""
    verify.success_answer(_step(agent_setup, "start-contact-center-session").reply, "StartContactCenterSession")


@requirement("SESSION-READY-01")
async def test_ready_on_email_channel(agent_setup: AgentHandle) -> None:
    """POST /api/v2/me/channels/email Ready (agent setup)."""
    verify.success_answer(_step(agent_setup, "ready").reply, "Ready on the email channel")


@requirement("SESSION-READY-02")
async def test_ready_announced(agent_setup: AgentHandle) -> None:
    """POST Ready (agent setup); judge the first message on /v2/me/channels after it."""
    _step(agent_setup, "ready")
    if agent_setup.ready_notification is None:
        agent_setup.stream.require_intact()  # silence on a stream that cannot deliver proves nothing
    verify.printed_message(
        agent_setup.ready_notification, channel=CHANNELS_CHANNEL, schema="channel-state-change-message", what=f"the message on {CHANNELS_CHANNEL} after Ready"
    )


@requirement("SESSION-COMETD-01")
async def test_handshake_with_rest_credentials(agent_setup: AgentHandle) -> None:
    """Bayeux handshake at the CometD URL with the agent's credentials (agent setup)."""
    verify.handshake_succeeded(_step(agent_setup, "cometd-handshake").reply)


@requirement("SESSION-COMETD-02")
async def test_subscribe_emails_channel(agent_setup: AgentHandle) -> None:
    """/meta/subscribe to /v2/me/emails (agent setup)."""
    verify.subscription_echoed(_step(agent_setup, f"cometd-subscribe {EMAILS_CHANNEL}").reply, EMAILS_CHANNEL)


@requirement("SESSION-AUTH-01")
async def test_request_without_credentials(anonymous: GwsRestClient) -> None:
    """GET /api/v2/me without credentials."""
    verify.refused(await anonymous.get_me(), status_code=20, what="GET /api/v2/me without credentials")
