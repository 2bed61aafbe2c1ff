"""Fixtures of the conformance checks: agents with a Ready email session, invitations.

Agents are set up once per run (session scope); an agent whose setup failed blocks every
check that needs it, naming the failed step. Invitations are fresh for every check. Each fixture
is made by its maker (fixture_makers.py), which also serves the checks running concurrently.
"""

from __future__ import annotations

import pytest

from conformance.clients.rest import GwsRestClient
from conformance.exit_codes import EXIT_USAGE
from conformance.plugin.names import PLUGIN_NAME
from conformance.plugin.suite import SuitePlugin
from conformance.profile import TargetProfile
from conformance.target import AgentHandle, Invitation, Target


@pytest.fixture(scope="session")
def suite(request: pytest.FixtureRequest) -> SuitePlugin:
    plugin: SuitePlugin | None = request.config.pluginmanager.get_plugin(PLUGIN_NAME)  # registered by plugin/__init__
    if plugin is None:
        pytest.exit("conformance checks need a target: run `gws-conformance run` or pytest --target PROFILE", returncode=EXIT_USAGE)
    return plugin


@pytest.fixture(scope="session")
def target(suite: SuitePlugin) -> Target:
    assert suite.target is not None
    return suite.target


@pytest.fixture(scope="session")
def profile(suite: SuitePlugin) -> TargetProfile:
    return suite.profile


@pytest.fixture(scope="session")
def agent_setup(request: pytest.FixtureRequest, suite: SuitePlugin) -> AgentHandle:
    """Agent A as its setup left it, failed steps included (for the SESSION checks)."""
    agent: AgentHandle = suite.make("agent_setup", request)
    return agent


@pytest.fixture(scope="session")
def agent(request: pytest.FixtureRequest, suite: SuitePlugin, agent_setup: AgentHandle) -> AgentHandle:
    """Agent A: logged in, CometD subscribed to /v2/me/emails and /v2/me/channels, Ready on email."""
    handle: AgentHandle = suite.make("agent", request, agent_setup=agent_setup)
    return handle


@pytest.fixture(scope="session")
def peer_agent(request: pytest.FixtureRequest, suite: SuitePlugin) -> AgentHandle:
    """Agent B, set up like agent A."""
    handle: AgentHandle = suite.make("peer_agent", request)
    return handle


@pytest.fixture
def invitation(request: pytest.FixtureRequest, suite: SuitePlugin, agent: AgentHandle) -> Invitation:
    """A fresh inbound email, offered to agent A (its Invited notification received)."""
    made: Invitation = suite.make("invitation", request, agent=agent)
    return made


@pytest.fixture
def offered_invitation(request: pytest.FixtureRequest, suite: SuitePlugin, agent: AgentHandle) -> Invitation:
    """A fresh inbound email offered to agent A, its first notification as the target sent it
    (well formed or not: EMAIL-INVITE-01 judges it)."""
    made: Invitation = suite.make("offered_invitation", request, agent=agent)
    return made


@pytest.fixture
def peer_invitation(request: pytest.FixtureRequest, suite: SuitePlugin, peer_agent: AgentHandle) -> Invitation:
    """A fresh inbound email, offered to agent B."""
    made: Invitation = suite.make("peer_invitation", request, peer_agent=peer_agent)
    return made


@pytest.fixture
def anonymous(request: pytest.FixtureRequest, suite: SuitePlugin) -> GwsRestClient:
    """A REST client that sends no credentials and keeps no cookies of any agent."""
    client: GwsRestClient = suite.make("anonymous", request)
    return client
