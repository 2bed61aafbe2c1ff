"""The rules of the notification stream invariants (NOTIF-STREAM-*), on hand-made streams:
each catches its violation and passes what conformant servers do."""

from __future__ import annotations

import json
import time
from typing import Any

from conformance.clients.bayeux.inbox import Delivery
from conformance.clients.rest import RestReply
from conformance.evidence import Recorder, use_recorder
from conformance.target.stream_watch import Request, StreamWatch
from conformance.verify import stream_rules as rules

A, B = "agent-a@example.test", "agent-b@example.test"


class Stream:
    """A StreamWatch fed by hand, with a clock that advances one second per event."""

    def __init__(self, label: str = "agent1", address: str | None = A) -> None:
        self.watch = StreamWatch(label, address)
        self.clock = 0.0

    def tick(self) -> float:
        self.clock += 1.0
        return self.clock

    def notify(self, email_id: str, state: str, *, ref: Any = None, kind: str = "StatusChange", check: str = "check-x", **extra: Any) -> None:
        email = {"id": email_id, "state": state, "capabilities": [], "uri": f"http://gws.test/api/v2/me/emails/{email_id}", **extra}
        data: dict[str, Any] = {"messageType": "EmailStateChangeMessage", "notificationType": kind, "email": email}
        if ref is not None:
            data["referenceId"] = ref
        self.raw(data, check=check)

    def raw(self, data: Any, *, check: str = "check-x", channel: str = "/v2/me/emails") -> None:
        previous = use_recorder(Recorder(check))
        try:
            self.watch.saw(Delivery({"channel": channel, "data": data}, channel, data, self.tick(), len(self.watch.seen)))
        finally:
            use_recorder(previous)

    def request(self, email_id: str | None, operation: str, ref: int | None = None) -> None:
        self.watch.requests.append(Request(self.tick(), email_id, operation, ref))


def reasons(violations: list[rules.Violation]) -> list[str]:
    return [v.reason for v in violations]


# --- duplicates --------------------------------------------------------------------------


def test_the_same_referenced_notification_twice_is_a_duplicate() -> None:
    s = Stream()
    s.notify("E1", "Invited")
    s.request("E1", "Accept", 7)
    s.notify("E1", "Processing", ref=7, check="check-accept")
    s.notify("E1", "Processing", ref=7, check="check-later")
    [found] = rules.duplicates(s.watch)
    assert "referenceId 7" in found.reason and found.check == "check-later" and found.agent == "agent1"


def test_an_invitation_delivered_twice_is_a_duplicate() -> None:
    s = Stream()
    s.notify("E1", "Invited")
    s.notify("E1", "Invited")
    assert len(rules.duplicates(s.watch)) == 1


def test_identical_notifications_of_identical_requests_without_reference_id_pass() -> None:
    s = Stream()
    s.notify("E1", "Invited")
    s.request("E1", "Accept")
    s.notify("E1", "Processing")
    s.request("E1", "AttachUserData")
    s.request("E1", "AttachUserData")  # late notifications: both answered before either arrives
    s.notify("E1", "Processing", kind="PropertiesUpdated", userData={"k": "v"})
    s.notify("E1", "Processing", kind="PropertiesUpdated", userData={"k": "v"})
    assert rules.duplicates(s.watch) == []
    s.notify("E1", "Processing", kind="PropertiesUpdated", userData={"k": "v"})  # a third: one request too few
    assert len(rules.duplicates(s.watch)) == 1


def test_a_reoffered_email_is_no_duplicate() -> None:
    s = Stream()
    s.notify("E1", "Invited")
    s.request("E1", "Transfer", 3)
    s.notify("E1", "Completed", ref=3)
    s.notify("E1", "Invited")  # transferred back to this agent
    assert rules.duplicates(s.watch) == []


def test_a_new_drafts_identical_saves_are_explained_by_their_requests() -> None:
    s = Stream()
    s.request(None, "Create")
    s.notify("D1", "Composing")
    s.request("D1", "Save")
    s.request("D1", "Save")
    s.notify("D1", "Composing", kind="EmailSaved")
    s.notify("D1", "Composing", kind="EmailSaved")
    assert rules.duplicates(s.watch) == []


def test_different_reference_ids_are_different_changes() -> None:
    s = Stream()
    s.notify("E1", "Processing", ref=1, kind="PropertiesUpdated")
    s.notify("E1", "Processing", ref=2, kind="PropertiesUpdated")
    assert rules.duplicates(s.watch) == []


# --- lifecycle ---------------------------------------------------------------------------


def test_a_conformant_lifecycle_passes() -> None:
    s = Stream()
    s.notify("E1", "Invited")
    s.request("E1", "Accept", 1)
    s.notify("E1", "Processing", ref=1)
    s.request("E1", "Reply", 2)
    s.notify("D1", "Composing", ref=2)  # the new draft
    s.request("E1", "Complete", 3)
    s.notify("E1", "Completed", ref=3)
    s.request("D1", "Send", 4)
    s.notify("D1", "Sent-or-anything", ref=4)  # after Send the wire state is undocumented
    s.notify("E2", "Invited")
    s.request("E2", "Reject", 5)
    s.notify("E2", "Completed", ref=5)
    s.notify("E2", "Invited")  # offered again
    assert rules.lifecycle(s.watch) == []


def test_without_reference_ids_some_operation_must_lead_there() -> None:
    s = Stream()
    s.notify("E1", "Invited")
    s.notify("E1", "Processing")
    s.notify("E1", "Processing", kind="PropertiesUpdated")
    s.notify("E1", "Completed")
    assert rules.lifecycle(s.watch) == []
    s.notify("E1", "Processing")  # no operation of the model leads a Completed email back to Processing
    [found] = rules.lifecycle(s.watch)
    assert "from Completed to Processing" in found.reason


def test_the_operation_the_reference_id_names_must_lead_to_the_state_shown() -> None:
    s = Stream()
    s.notify("E1", "Invited")
    s.request("E1", "Accept", 1)
    s.notify("E1", "Completed", ref=1)  # Accept skipped Processing
    s.request("E1", "Complete", 2)
    s.notify("E1", "Completed", ref=2)  # judged from the model's Processing: fine
    [found] = rules.lifecycle(s.watch)
    assert "Accept leads from Invited to Processing, but the notification shows Completed" in found.reason


def test_a_repeated_notification_is_no_transition() -> None:
    s = Stream()
    s.notify("E1", "Invited")
    s.request("E1", "Accept", 1)
    s.notify("E1", "Processing", ref=1)
    s.notify("E1", "Processing", ref=1)  # a duplicate (NOTIF-STREAM-01), not Accept in Processing
    assert rules.lifecycle(s.watch) == []


def test_an_email_must_enter_invited_or_composing() -> None:
    s = Stream()
    s.notify("E1", "Processing")
    [found] = rules.lifecycle(s.watch)
    assert "first appears in state 'Processing'" in found.reason


def test_errors_are_not_state_changes() -> None:
    s = Stream()
    s.notify("E1", "Invited")
    s.notify("E1", "Invited", kind="Error")
    s.notify("E1", "Invited", kind="Error")
    assert rules.lifecycle(s.watch) == [] and rules.duplicates(s.watch) == []


# --- referenceId, schema ----------------------------------------------------------------


def test_reference_id_must_be_an_integer() -> None:
    s = Stream()
    s.notify("E1", "Processing", ref=4)
    s.notify("E1", "Completed", ref="5")
    s.notify("E1", "Completed", ref=True)
    assert reasons(rules.reference_ids(s.watch)) == ["referenceId is '5', not an integer", "referenceId is True, not an integer"]


def test_schema_and_message_type() -> None:
    s = Stream()
    s.notify("E1", "Invited")
    s.notify("E1", "Invited", ref="7")  # the referenceId is NOTIF-STREAM-03's, not this rule's
    s.raw({"messageType": "InteractionStateChangeMessage", "notificationType": "StatusChange", "email": {"id": "E1"}})
    s.raw({"messageType": "EmailStateChangeMessage", "notificationType": "StatusChange"})  # no email
    s.raw("not an object")
    s.raw({"messageType": "ChannelStateChangeMessageV2"}, channel="/v2/me/channels")  # not an email notification
    found = reasons(rules.shapes(s.watch))
    assert len(found) == 3, found
    assert found[0] == "messageType is 'InteractionStateChangeMessage', not 'EmailStateChangeMessage'"
    assert "email" in found[1] and "messageType is None" in found[2]


# --- ownership --------------------------------------------------------------------------


def test_an_event_about_the_other_agents_email_is_a_leak() -> None:
    a, b = Stream("agent1", A), Stream("agent2", B)
    b.notify("X", "Invited", to=[B], cc=[])
    a.notify("X", "Completed", ref=9, check="check-complete")  # B's Complete, published to A
    [found] = rules.others_emails(a.watch, b.watch)
    assert found.agent == "agent1" and found.check == "check-complete" and "agent2's" in found.reason
    assert rules.others_emails(b.watch, a.watch) == []


def test_emails_addressed_to_both_or_released_are_no_leak() -> None:
    a, b = Stream("agent1", A), Stream("agent2", B)
    a.notify("T", "Invited", to=[A])  # A transfers it to B
    a.request("T", "Transfer", 2)
    b.notify("T", "Invited", to=[A])
    b.notify("R", "Invited", to=[B], cc=[A])  # B rejects it, it is offered to A (copied)
    b.request("R", "Reject", 4)
    a.notify("R", "Invited", to=[B], cc=[A])
    b.notify("S", "Invited", to=[B])  # B transfers it to A
    b.request("S", "Transfer", 5)
    a.notify("S", "Invited", to=[B])
    b.notify("D", "Composing", **{"from": B, "to": ["customer@example.test"]})
    assert rules.others_emails(a.watch, b.watch) == [] and rules.others_emails(b.watch, a.watch) == []


def test_an_email_for_a_that_the_deployment_offered_to_b_breaks_no_rule() -> None:
    """The suite's answer to a misrouted invitation (conformance/target/routing.py): B accepts and
    completes the email addressed to A, which never saw it; A gets the email injected again."""
    a, b = Stream("agent1", A), Stream("agent2", B)
    b.notify("M", "Invited", to=[A], check="check-invited")
    b.request("M", "Accept", 11)
    b.notify("M", "Processing", ref=11, to=[A])
    b.request("M", "Complete", 12)
    b.notify("M", "Completed", ref=12, to=[A])
    a.notify("N", "Invited", to=[A], check="check-invited")
    for one, other in ((a, b), (b, a)):
        assert rules.others_emails(one.watch, other.watch) == []
        assert rules.lifecycle(one.watch) == [] and rules.duplicates(one.watch) == [] and rules.reference_ids(one.watch) == []


def test_without_an_address_ownership_is_not_judged() -> None:
    a, b = Stream("agent1", None), Stream("agent2", B)
    b.notify("X", "Invited", to=[B])
    a.notify("X", "Invited", to=[B])
    assert rules.others_emails(a.watch, b.watch) == []


# --- the watcher -------------------------------------------------------------------------


def test_the_watcher_keeps_email_notifications_and_accepted_requests() -> None:
    s = Stream()
    s.raw({"messageType": "ChannelStateChangeMessageV2"}, channel="/v2/me/channels")
    s.notify("E1", "Invited", check="check-invite")
    assert [seen.check for seen in s.watch.seen] == ["check-invite"]

    def reply(path: str, body: dict[str, Any], answer: dict[str, Any], status: int = 200) -> RestReply:
        raw = json.dumps(answer).encode()
        return RestReply("POST", "http://gws.test" + path, status, {}, raw, answer, None, None, 0.01, time.monotonic(), json.dumps(body).encode())

    s.watch.answered(reply("/api/v2/me/emails/E1", {"operationName": "Accept"}, {"statusCode": 0, "referenceId": 4}))
    s.watch.answered(reply("/api/v2/me/emails/E1", {"operationName": "Complete"}, {"statusCode": 3, "statusMessage": "no"}, 400))
    s.watch.answered(reply("/api/v2/me/channels/email", {"operationName": "Ready"}, {"statusCode": 0}))
    assert [(r.email_id, r.operation, r.reference_id) for r in s.watch.requests] == [("E1", "Accept", 4)]
