"""Fixtures of the conformance checks: agents with a Ready email session, invitations.

Agents are set up once per run (session scope); an agent whose setup failed blocks every
check that needs it, naming the failed step. Invitations are fresh for every check.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.clients.http import make_http_client
from conformance.clients.rest import GwsRestClient
from conformance.exit_codes import EXIT_USAGE
from conformance.plugin.names import PLUGIN_NAME
from conformance.plugin.suite import SuitePlugin
from conformance.profile import TargetProfile
from conformance.target import AgentHandle, Invitation, Target, invite, receive_invitation


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
def agent_setup(suite: SuitePlugin, target: Target) -> AgentHandle:
    """Agent A as its setup left it, failed steps included (for the SESSION checks)."""
    return suite.run(target.agent(0))


@pytest.fixture(scope="session")
def agent(agent_setup: AgentHandle) -> AgentHandle:
    """Agent A: logged in, CometD subscribed to /v2/me/emails and /v2/me/channels, Ready on email."""
    agent_setup.require_ready()
    return agent_setup


@pytest.fixture(scope="session")
def peer_agent(suite: SuitePlugin, target: Target) -> AgentHandle:
    """Agent B, set up like agent A."""
    handle = suite.run(target.agent(1))
    handle.require_ready()
    return handle


@pytest.fixture
def invitation(suite: SuitePlugin, agent: AgentHandle) -> Invitation:
    """A fresh inbound email, offered to agent A (its Invited notification received)."""
    return suite.run(invite(agent))


@pytest.fixture
def offered_invitation(suite: SuitePlugin, agent: AgentHandle) -> Invitation:
    """A fresh inbound email offered to agent A, its first notification as the target sent it
    (well formed or not: EMAIL-INVITE-01 judges it)."""
    return suite.run(receive_invitation(agent))


@pytest.fixture
def peer_invitation(suite: SuitePlugin, peer_agent: AgentHandle) -> Invitation:
    """A fresh inbound email, offered to agent B."""
    return suite.run(invite(peer_agent))


@pytest.fixture
def anonymous(suite: SuitePlugin, profile: TargetProfile) -> Iterator[GwsRestClient]:
    """A REST client that sends no credentials and keeps no cookies of any agent."""
    http = make_http_client(profile.base_url, None, None, timeout=profile.timeouts.http)
    yield GwsRestClient(http, actor="anonymous")
    suite.run(http.aclose(), timeout=5)
