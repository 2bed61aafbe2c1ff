"""A request that creates an email, against a target without referenceIds, waits for its new email
under the agent's creating lock (steps/requests.py); when none comes, the check's judge does not
wait the notification timeout a second time, and still FAILS."""

from __future__ import annotations

import asyncio

from conformance.embedded import EMBEDDED_TIMEOUTS, embedded_config, embedded_profile
from conformance.errors import CheckFailed
from conformance.evidence import Recorder, recording_into
from conformance.oracle.params import create_params
from conformance.reference import ReferenceServer
from conformance.reference.email.faults import EmailFault
from conformance.reference.email.variants import AnswerShape
from conformance.steps.requests import send_create
from conformance.target import Target
from conformance.target.sent import Sent
from conformance.verify import lifecycle


def _create_then_judge(faults: frozenset[str]) -> tuple[Sent, Recorder, BaseException | None]:
    config = embedded_config(faults=faults, variants=frozenset({AnswerShape.NO_REFERENCE_ID.value}))

    async def run(server: ReferenceServer) -> tuple[Sent, Recorder, BaseException | None]:
        profile = embedded_profile(server)
        target = Target(profile)
        recorder = Recorder("create")
        try:
            agent = await target.agent(0)
            agent.require_ready()
            with recording_into(recorder):
                sent = await send_create(agent, **create_params(profile.base_url, profile.deployment))
                try:
                    await lifecycle.new_email_notification(sent, what="Create")
                except CheckFailed as failed:
                    return sent, recorder, failed
            return sent, recorder, None
        finally:
            await target.close()

    with ReferenceServer(config).start() as server:
        return asyncio.run(run(server))


def test_an_unnotified_create_is_waited_out_once():
    sent, recorder, failure = _create_then_judge(frozenset({EmailFault.CREATE_NO_NOTIFICATION.value}))
    assert sent.new_email_overdue
    assert isinstance(failure, CheckFailed) and "no notification of a new email" in failure.message
    timeout = EMBEDDED_TIMEOUTS.notification
    waited_out = recorder.timings["wait_timeout"]
    assert len([seconds for seconds in waited_out if seconds >= timeout]) == 1  # the lock's wait
    assert sum(waited_out) < 2 * timeout  # the judge only looked at what had arrived meanwhile


def test_a_notified_create_is_found():
    sent, recorder, failure = _create_then_judge(frozenset())
    assert failure is None
    assert not sent.new_email_overdue
    assert "wait_timeout" not in recorder.timings
