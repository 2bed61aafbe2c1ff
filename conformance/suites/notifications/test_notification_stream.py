"""Invariants of each agent's email notification stream, judged on every notification any
check received in this process (after a small lifecycle of our own: invite, Accept, Complete,
and a Transfer to agent B that B accepts and completes).

https://docs.genesys.com/Documentation/HTCC/latest/API/EmailMessageType
https://docs.genesys.com/Documentation/HTCC/latest/API/AsynchronousEvents
"""

from __future__ import annotations

from conformance import steps
from conformance.suites import STREAM, exclusive, requirement
from conformance.target import AgentHandle, Target
from conformance.verify import stream_rules as rules
from conformance.verify.stream import stream_holds

# Judged on the whole streams, once every earlier check's notifications are in.
pytestmark = exclusive(STREAM)


@requirement("NOTIF-STREAM-01")
async def test_each_change_notified_once(agent: AgentHandle, peer_agent: AgentHandle, target: Target) -> None:
    """Judge every email notification of agents A and B: no state change is delivered twice."""
    await steps.driven_once(agent, peer_agent, target)
    await stream_holds(lambda watch, _: rules.duplicates(watch), "each state change is notified once", agent, peer_agent, target)


@requirement("NOTIF-STREAM-02")
async def test_states_follow_the_model(agent: AgentHandle, peer_agent: AgentHandle, target: Target) -> None:
    """Judge every email notification of agents A and B: per email, the states follow the lifecycle model."""
    await steps.driven_once(agent, peer_agent, target)
    await stream_holds(lambda watch, _: rules.lifecycle(watch), "per email, the states follow the lifecycle model", agent, peer_agent, target)


@requirement("NOTIF-STREAM-03")
async def test_reference_ids_are_integers(agent: AgentHandle, peer_agent: AgentHandle, target: Target) -> None:
    """Judge every email notification of agents A and B: a referenceId, when present, is an integer."""
    await steps.driven_once(agent, peer_agent, target)
    await stream_holds(lambda watch, _: rules.reference_ids(watch), "referenceId is an integer", agent, peer_agent, target)


@requirement("NOTIF-STREAM-04")
async def test_every_notification_is_valid(agent: AgentHandle, peer_agent: AgentHandle, target: Target) -> None:
    """Judge every email notification of agents A and B against the EmailStateChangeMessage schema."""
    await steps.driven_once(agent, peer_agent, target)
    await stream_holds(lambda watch, _: rules.shapes(watch), "a valid EmailStateChangeMessage", agent, peer_agent, target)


@requirement("NOTIF-STREAM-05")
async def test_no_event_about_others_emails(agent: AgentHandle, peer_agent: AgentHandle, target: Target) -> None:
    """Judge every email notification of agents A and B: none names an email of the other agent."""
    await steps.driven_once(agent, peer_agent, target)
    await stream_holds(rules.others_emails, "no event names the other agent's email", agent, peer_agent, target)
