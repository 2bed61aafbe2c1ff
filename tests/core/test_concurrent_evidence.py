"""Evidence while checks run concurrently: each check's task records into its own timeline;
what the agents' shared sessions hear goes to the checks it is about, or to every check in flight."""

from __future__ import annotations

import asyncio

from conformance.evidence import Recorder, SharedRecorder, current_recorder, recording_into, shared_context
from conformance.harness.waiting import current_wait, waiting


def _email_event(email_id: str, subject: str = "") -> list[dict[str, object]]:
    return [
        {"channel": "/v2/me/emails", "data": {"email": {"id": email_id, "subject": subject}}},
        {"channel": "/meta/connect", "successful": True},
    ]


def _recorders() -> tuple[SharedRecorder, Recorder, Recorder]:
    shared, accepting, rejecting = SharedRecorder(), Recorder("accept"), Recorder("reject")
    accepting.http("agent1", "POST", "http://gws/api/v2/me/emails/e-1", {}, b"{}", 200, {}, b"", 0.01)
    rejecting.tokens.add("tok-2")
    shared.active += [accepting, rejecting]
    return shared, accepting, rejecting


def test_a_notification_goes_to_the_check_that_acted_on_its_email():
    shared, accepting, rejecting = _recorders()
    shared.bayeux("agent1", "in", "long-polling", _email_event("e-1"))
    assert [e.kind for e in accepting.events] == ["http", "bayeux-in"]
    assert rejecting.events == []


def test_an_invitation_goes_to_the_check_whose_token_its_subject_carries():
    shared, accepting, rejecting = _recorders()
    shared.bayeux("agent1", "in", "long-polling", _email_event("e-2", subject="gws-conformance tok-2"))
    assert [e.kind for e in rejecting.events] == ["bayeux-in"]
    assert [e.kind for e in accepting.events] == ["http"]


def test_what_no_check_claims_goes_to_every_check_in_flight():
    shared, accepting, rejecting = _recorders()
    shared.bayeux("agent1", "in", "long-polling", _email_event("e-9"))
    shared.bayeux("agent1", "out", "long-polling", [{"channel": "/meta/connect"}])
    assert len(accepting.events) == 3 and len(rejecting.events) == 2


def test_each_task_records_into_its_check_and_background_tasks_into_the_shared_one():
    process_wide = Recorder("process-wide")

    async def check(recorder: Recorder) -> str:
        with recording_into(recorder):
            await asyncio.sleep(0)
            background = asyncio.get_running_loop().create_task(_name_of_current(), context=shared_context())
            return f"{current_recorder().name}/{await background}"

    async def _name_of_current() -> str:
        return current_recorder().name

    async def both() -> list[str]:
        from conformance.evidence import use_recorder

        previous = use_recorder(process_wide)
        try:
            return list(await asyncio.gather(check(Recorder("a")), check(Recorder("b"))))
        finally:
            use_recorder(previous)

    assert asyncio.run(both()) == ["a/process-wide", "b/process-wide"]


def test_the_progress_line_shows_a_wait_still_in_progress():
    """Concurrent checks end their waits in any order: an ended one is never shown again."""
    invitation, window = waiting("the invitation of agent1", 3), waiting("a quiet window", 1)
    invitation.__enter__()
    window.__enter__()
    invitation.__exit__(None, None, None)  # the earlier wait ends first
    shown = current_wait()
    assert shown is not None and shown.what == "a quiet window"
    window.__exit__(None, None, None)
    assert current_wait() is None
