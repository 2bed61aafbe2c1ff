"""FUZZ-UNCHANGED-01 against late notifications: the draft of an earlier, accepted Create that
lands in the "nothing happens" window of a later, refused Create is not blamed on it (issue "No
false alarms"); the campaign against the late-notifications variant finds nothing."""

from __future__ import annotations

import asyncio

from conformance.embedded import embedded_config, embedded_profile
from conformance.fuzz.run.campaign import Campaign
from conformance.fuzz.plan.cases import FuzzCase, Stream
from conformance.fuzz.run.execute import Executor
from conformance.fuzz.judge.answer import UNCHANGED
from conformance.fuzz.plan.operation_needs import operation
from conformance.fuzz.plan.pinning import Pins
from conformance.fuzz.run.provisioning import Provisioner
from conformance.fuzz.settings import FuzzSettings
from conformance.reference import ReferenceServer
from conformance.reference.bayeux.variants import Delivery
from conformance.target import Target
from conformance.target.invitations import email_of

LATE = embedded_config(variants=frozenset({Delivery.LATE_NOTIFICATIONS}))


def test_a_late_draft_is_not_blamed_on_the_refused_create_that_followed():
    """The reducer's path: a refused case is watched for the target's negative window."""

    async def scenario(server: ReferenceServer) -> list:
        target = Target(embedded_profile(server))
        try:
            agent = await target.agent(0)
            pins = Pins(agent.profile.base_url, None)
            provisioner = Provisioner(agent, pins)
            executor = Executor(agent, provisioner, pins)
            create = operation("Create")
            accepted = await executor.run(FuzzCase(create, Stream.VALID, {"operationName": "Create", "queueUri": "x"}, "valid"))
            refused = await executor.run(FuzzCase(create, Stream.WILD, {"operationName": "Create", "queueUri": 5}, "numeric queueUri"), watch=True)
            assert (accepted.reply.status_code, refused.reply.status_code) == (0, 10)
            # The watch let the accepted Create's draft in, and did not blame it on the refusal.
            assert [email_of(d)["state"] for d in agent.inbox.since(executor.sent_marks[0])] == ["Composing"]
            return refused.violations
        finally:
            await target.close()

    with ReferenceServer(LATE).start() as server:
        violations = asyncio.run(scenario(server))
    assert [v for v in violations if v.requirement == UNCHANGED] == []


def test_the_campaign_finds_nothing_on_a_target_with_late_notifications():
    async def campaign(server: ReferenceServer):
        target = Target(embedded_profile(server))
        try:
            agent, peer = await target.agent(0), await target.agent(1)
            fuzz = Campaign(agent, FuzzSettings(examples=2), peer=peer, operations=("Create", "AttachUserData"), with_chains=False)
            return await fuzz.run()
        finally:
            await target.close()

    with ReferenceServer(LATE).start() as server:
        run = asyncio.run(campaign(server))
    assert {requirement: [f.violation.message for f in found] for requirement, found in run.findings.items() if found} == {}
