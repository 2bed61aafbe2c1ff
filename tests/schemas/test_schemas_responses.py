"""The synchronous answers (envelope, GET wrappers) and the email resource's typing rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conformance import schemas

SEED = json.loads((Path(__file__).resolve().parents[2] / "fixtures" / "notifications" / "seed-accept.json").read_text(encoding="utf-8"))
EMAIL: dict[str, Any] = SEED["email"]


@pytest.mark.parametrize("answer", [
    {"statusCode": 0},
    {"statusCode": 0, "referenceId": 74},
    {"statusCode": 6, "statusMessage": "Email 0000 not found"},
    {"statusCode": 20, "statusMessage": "Access denied"},
])
def test_envelope_accepts(answer: dict[str, Any]) -> None:
    assert schemas.errors("response-envelope", answer) == []


@pytest.mark.parametrize(("answer", "error"), [
    ({"status": 0}, "(root): 'statusCode' is a required property"),  # Cancel sample: docs/positions.md#success-answer
    ({"status": "ok"}, "(root): 'statusCode' is a required property"),  # 8.5.1 body
    ({"statusCode": 0, "referenceId": "74"}, "referenceId: '74' is not of type 'integer'"),
    ({"statusCode": 0, "referenceId": 7.5}, "referenceId: 7.5 is not of type 'integer'"),
    ({"statusCode": 2}, "(root): 'statusMessage' is a required property"),
    ({"statusCode": 2, "statusMessage": ""}, "statusMessage: '' should be non-empty"),
    ({"statusCode": 2, "statusMessage": "Invalid state", "referenceId": 8}, "(root): Additional properties are not allowed ('referenceId'"),
    ({"statusCode": -1, "statusMessage": "?"}, "statusCode: -1 is less than the minimum of 1"),
    ([], "(root): [] is not of type 'object'"),
])
def test_envelope_refuses(answer: Any, error: str) -> None:
    problems = schemas.errors("response-envelope", answer)
    assert any(p.startswith(error) for p in problems), problems


def test_string_status_code_is_refused() -> None:
    """The supervisor Ready sample's "statusCode": "0" (AgentStateControlReady page) is neither success nor error."""
    assert "statusCode: '0' is not of type 'integer'" in schemas.errors("response-envelope", {"statusCode": "0"})


def test_get_email_answer() -> None:
    assert schemas.errors("get-email-response", {"statusCode": 0, "email": EMAIL}) == []
    assert schemas.errors("get-email-response", {"statusCode": 0}) == ["(root): 'email' is a required property"]
    assert schemas.errors("get-email-response", {"statusCode": 0, "email": {**EMAIL, "state": "Open"}})[0].startswith("email/state: 'Open'")


def test_get_emails_answer() -> None:
    assert schemas.errors("get-emails-response", {"statusCode": 0, "emails": []}) == []
    assert schemas.errors("get-emails-response", {"statusCode": 0, "emails": [EMAIL, EMAIL]}) == []
    assert schemas.errors("get-emails-response", {"statusCode": 0, "emails": [{"id": "x"}]})[0].startswith("emails/0: 'state' is a required")
    assert schemas.errors("get-emails-response", {"statusCode": 6, "emails": []}) == ["statusCode: 0 was expected"]


def test_get_me_answer_is_loose_but_typed() -> None:
    user = {"id": "5ae4cd3d", "userName": "agent1", "firstName": "A", "lastName": "One",
            "emailAddress": "agent1@example.test", "channels": [{"name": "email"}], "roles": ["ROLE_AGENT"]}
    assert schemas.errors("get-me-response", {"statusCode": 0, "user": user}) == []
    assert schemas.errors("get-me-response", {"statusCode": 0, "user": {**user, "id": 5}}) == ["user/id: 5 is not of type 'string'"]
    assert schemas.errors("get-me-response", {"statusCode": 0}) == ["(root): 'user' is a required property"]


@pytest.mark.parametrize("value", ["text", "", 0, 123456789, 1.5, True, None])
def test_user_data_scalars_are_allowed(value: object) -> None:
    assert schemas.errors("email", {**EMAIL, "userData": {"Key": value}}) == []


@pytest.mark.parametrize("value", [[], ["a"], {"nested": "x"}])
def test_user_data_containers_are_allowed(value: object) -> None:
    """userData values are untyped in the docs, and Genesys key/value lists nest."""
    assert schemas.errors("email", {**EMAIL, "userData": {"Key": value}}) == []


def test_user_data_that_is_no_object_is_refused() -> None:
    assert len(schemas.errors("email", {**EMAIL, "userData": ["Key"]})) == 1


@pytest.mark.parametrize(("size", "valid"), [(46, True), ("", True), ("46", True), (0, True), (-1, False), (True, False), (None, False)])
def test_attachment_size_is_a_number_or_a_string(size: object, valid: bool) -> None:
    attachment = {"id": "d1", "name": "a.txt", "size": size, "mime": "text/plain", "uri": EMAIL["uri"] + "/attachments/d1"}
    assert (schemas.errors("email", {**EMAIL, "attachments": [attachment]}) == []) is valid


def test_attachment_needs_an_id() -> None:
    assert schemas.errors("email", {**EMAIL, "attachments": [{"name": "a.txt"}]}) == ["attachments/0: 'id' is a required property"]


def test_unknown_fields_are_allowed() -> None:
    extra = {"assignedTo": "agent1", "suggestedQueueUris": [], "vendorField": {"x": 1}}
    assert schemas.errors("email", {**EMAIL, **extra}) == []


def test_capabilities_are_unique() -> None:
    assert schemas.errors("email", {**EMAIL, "capabilities": ["Complete", "Complete"]})[0].startswith("capabilities: ['Complete', 'Complete'] has non-unique")


def test_every_state_is_accepted() -> None:
    for state in ("Invited", "Processing", "Composing", "Completed", "Canceled"):
        assert schemas.errors("email", {**EMAIL, "state": state}) == []


def test_error_notification_may_omit_the_email() -> None:
    error = {"messageType": "EmailStateChangeMessage", "notificationType": "Error", "referenceId": 9,
             "statusCode": 2, "statusMessage": "Invalid state"}
    assert schemas.errors("email-state-change-message", error) == []
    assert schemas.errors("email-state-change-message", {**error, "email": EMAIL}) == []
    assert schemas.errors("email-state-change-message", {**error, "notificationType": "StatusChange"}) == ["(root): 'email' is a required property"]


def test_invitation_has_no_reference_id() -> None:
    invitation = {"messageType": "EmailStateChangeMessage", "notificationType": "StatusChange",
                  "email": {**EMAIL, "state": "Invited", "capabilities": ["Accept", "Reject"]}}
    assert schemas.errors("email-state-change-message", invitation) == []


@pytest.mark.parametrize(("change", "error"), [
    ({"messageType": "EmailStatechangeMessage"}, "messageType: 'EmailStateChangeMessage' was expected"),
    # The outbound records' spelling (docs/positions.md#unknown-fields)
    ({"notificationType": "StatusChanged"}, "notificationType: 'StatusChanged' is not one of"),
])
def test_notification_strings_match_exactly(change: dict[str, str], error: str) -> None:
    problems = schemas.errors("email-state-change-message", {**SEED, **change})
    assert len(problems) == 1 and problems[0].startswith(error), problems
