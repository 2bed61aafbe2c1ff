"""Late notifications are never blamed on a later request (issue "No false alarms").

Against the reference server's `late-notifications` variant (every notification 300-500 ms
after the HTTP answer, one event per connect reply): an accepted request whose notification is
still on its way, then a refused one. The "nothing happens" judgements must let the accepted
request's own notification arrive and attribute it, not blame the refusal. And they still
blame what nobody explains.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from conformance.embedded import embedded_config, embedded_profile
from conformance.errors import CheckFailed
from conformance.oracle.params import create_params
from conformance.reference import ReferenceServer
from conformance.reference.bayeux.variants import Delivery
from conformance.steps.requests import send, send_create
from conformance.target import AgentHandle, Target, invite
from conformance.target.invitations import email_of
from conformance.verify import lifecycle
from conformance.verify.notifications import no_notification_about

Scenario = Callable[[ReferenceServer, AgentHandle, Target], Awaitable[Any]]


def _against(scenario: Scenario) -> Any:
    """`scenario` with agent 1 of a fresh reference server with late notifications."""

    async def run(server: ReferenceServer) -> Any:
        target = Target(embedded_profile(server))
        try:
            agent = await target.agent(0)
            agent.require_ready()
            return await scenario(server, agent, target)
        finally:
            await target.close()

    with ReferenceServer(embedded_config(variants=frozenset({Delivery.LATE_NOTIFICATIONS}))).start() as server:
        return asyncio.run(run(server))


def test_a_late_draft_is_not_blamed_on_a_later_refused_create():
    async def scenario(server: ReferenceServer, agent: AgentHandle, target: Target) -> None:
        accepted = await send_create(agent, **create_params(agent.profile.base_url, agent.profile.deployment))
        assert accepted.reply.status_code == 0
        refused = await send_create(agent, deliberately_invalid=True)
        assert refused.reply.status_code == 1
        assert agent.inbox.since(accepted.since) == []  # the accepted Create's draft is still on its way
        await lifecycle.no_new_email(refused, what="a refused Create")
        (draft,) = agent.inbox.since(accepted.since)  # it came, during the wait, and was not blamed
        assert email_of(draft)["state"] == "Composing"

    _against(scenario)


def test_a_late_notification_about_the_email_is_not_blamed_on_a_later_refusal():
    async def scenario(server: ReferenceServer, agent: AgentHandle, target: Target) -> None:
        invitation = await invite(agent)
        accepted = await send(agent, invitation.id, "Accept")
        refused = await send(agent, invitation.id, "Accept")  # a second Accept: refused
        assert (accepted.reply.status_code, refused.reply.status_code) == (0, 2)
        assert agent.inbox.since(accepted.since) == []
        await no_notification_about(agent, invitation.id, since=refused.since, what="a refused second Accept")
        assert [email_of(d)["state"] for d in agent.inbox.since(accepted.since)] == ["Processing"]

    _against(scenario)


def test_a_notification_no_accepted_request_explains_is_still_blamed():
    async def scenario(server: ReferenceServer, agent: AgentHandle, target: Target) -> CheckFailed | None:
        invitation = await invite(agent)
        accepted = await send(agent, invitation.id, "Accept")
        refused = await send(agent, invitation.id, "Accept")
        assert (accepted.reply.status_code, refused.reply.status_code) == (0, 2)
        # A notification about the email that no request of the agent caused, published while
        # the Accept's own is still on its way.
        stray = {"messageType": "EmailStateChangeMessage", "notificationType": "PropertiesUpdated", "email": {"id": invitation.id}}
        await asyncio.to_thread(server.call, server.app.state.hub.publish(agent.account.username, "/v2/me/emails", stray))
        try:
            await no_notification_about(agent, invitation.id, since=refused.since, what="a refused second Accept")
        except CheckFailed as failure:
            return failure
        return None

    failure = _against(scenario)
    assert failure is not None
    assert failure.observed["data"]["notificationType"] == "PropertiesUpdated"
