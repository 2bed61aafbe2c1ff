"""The sample notifications: the repaired Accept seed, the other valid samples, and the
deliberately invalid ones, each failing with the one error its note announces."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conformance import schemas
from conformance.reference.email.extra import ANSWER_EXTRA, DATA_EXTRA, RESOURCE_EXTRA

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "notifications"
INVALID = FIXTURES / "invalid"
VALID_SAMPLES = sorted(FIXTURES.glob("*.json"))
INVALID_NOTES: dict[str, dict[str, str]] = yaml.safe_load((INVALID / "notes.yaml").read_text(encoding="utf-8"))
SCHEMA_OF_MESSAGE_TYPE = {
    "EmailStateChangeMessage": "email-state-change-message",
    "ChannelStateChangeMessageV2": "channel-state-change-message",
}
PROCESSING_CAPABILITIES = [  # public Genesys sample code
    "Reply", "ReplyAll", "Transfer", "AddComment", "AttachUserData", "UpdateUserData",
    "DeleteUserData", "SetDisposition", "SetInFocus", "Complete",
]


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _data_errors(data: Any) -> list[str]:
    return schemas.errors(SCHEMA_OF_MESSAGE_TYPE[data["messageType"]], data)


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    return _load(FIXTURES / "seed-accept.json")


def test_seed_is_a_valid_email_state_change_message(seed: dict[str, Any]) -> None:
    assert schemas.errors("email-state-change-message", seed) == []


def test_seed_keeps_the_accept_sample(seed: dict[str, Any]) -> None:
    assert (seed["referenceId"], seed["notificationType"], seed["messageType"]) == (2, "StatusChange", "EmailStateChangeMessage")
    email = seed["email"]
    assert (email["id"], email["state"], email["subject"]) == ("00012a9HEEG0325N", "Processing", "Test_V2")
    assert email["from"] == "qwerty@hpe-voicevm-34-23.genesyslab.com"
    assert email["contactId"] == email["userData"]["ContactId"] == "0000Wa9CAM6W018X"
    assert len(email["userData"]) == 39  # every userData key the page prints
    assert email["userData"]["_AutoReplyCount"] == 0 and email["userData"]["_AttachmentsSize"] == "0"


def test_seed_repairs(seed: dict[str, Any]) -> None:
    email = seed["email"]
    user_data = email["userData"]
    assert "statusCode" not in seed
    assert user_data["Header_Content-Type"] == 'multipart/mixed;boundary="===============1990376455=="'
    assert user_data["Header_Date"] == "Tue, 11 Mar 2014 12:22:18 +0200"
    assert user_data["RRequestedSkills"] is None
    assert email["uri"] == "http://localhost:8080/api/v2/email/00012a9HEEG0325N"
    assert email["uri"].endswith("/" + email["id"])
    assert email["capabilities"] == PROCESSING_CAPABILITIES
    assert email["to"] == ["htcc@gplus-w2k3-gf80"]
    assert email["revelantResponseTemplateGroups"] == []


def test_repair_notes_name_every_repaired_member() -> None:
    notes = (FIXTURES / "seed-accept.REPAIRS.md").read_text(encoding="utf-8")
    repair_lines = [line for line in notes.splitlines() if line.startswith("- ")]
    for member in ("statusCode", "Header_Content-Type", "Header_Date", "RRequestedSkills", "userData",
                   "capabilities", "uri", "to", "revelantResponseTemplateGroups", "email"):
        assert any(f"`{member}`" in line for line in repair_lines), member


def test_bayeux_seed_wraps_the_seed(seed: dict[str, Any]) -> None:
    message = _load(FIXTURES / "seed-accept.bayeux.json")
    assert message == {"channel": "/v2/me/emails", "data": seed}
    assert schemas.errors("bayeux-delivery", message) == []


@pytest.mark.parametrize("path", VALID_SAMPLES, ids=lambda p: p.name)
def test_valid_sample(path: Path) -> None:
    sample = _load(path)
    if path.name.endswith(".bayeux.json"):
        assert schemas.errors("bayeux-delivery", sample) == []
        sample = sample["data"]
    assert _data_errors(sample) == []
    email = sample.get("email")
    if email is not None:
        assert email["uri"].endswith("/" + email["id"])


def test_valid_samples_cover_every_notification_type() -> None:
    declared = set(schemas.schema("email-state-change-message")["properties"]["notificationType"]["enum"])
    seen = {_load(p).get("notificationType") for p in VALID_SAMPLES if not p.name.endswith(".bayeux.json")}
    assert declared <= seen


def test_every_invalid_sample_has_a_note_and_every_note_a_sample() -> None:
    assert set(INVALID_NOTES) == {p.name for p in INVALID.glob("*.json")}
    for name, note in INVALID_NOTES.items():
        assert note["wrong"].strip() and "\n" not in note["wrong"].strip(), name


@pytest.mark.parametrize("name", sorted(INVALID_NOTES))
def test_invalid_sample_fails_with_its_one_expected_error(name: str) -> None:
    note = INVALID_NOTES[name]
    problems = schemas.errors(note["schema"], _load(INVALID / name))
    assert len(problems) == 1, problems
    assert problems[0].startswith(note["error"]), problems


def test_unknown_members_are_tolerated_at_every_level(seed):
    """docs/positions.md#unknown-fields (variant extra-members): data, the email resource, the GET
    answers and the success envelope may carry members no schema names."""
    email = {**seed["email"], **RESOURCE_EXTRA}
    assert _data_errors({**seed, **DATA_EXTRA, "email": email}) == []
    assert schemas.errors("email", email) == []
    assert schemas.errors("get-email-response", {"statusCode": 0, "email": email, **ANSWER_EXTRA}) == []
    assert schemas.errors("get-emails-response", {"statusCode": 0, "emails": [email], **ANSWER_EXTRA}) == []
    assert schemas.errors("response-envelope", {"statusCode": 0, "referenceId": 3, **ANSWER_EXTRA}) == []
    delivery = {"channel": "/v2/me/emails", "data": seed, "id": "7", "ext": {"vendor": 1}, "vendorExtension": True}
    assert schemas.errors("bayeux-delivery", delivery) == []


def test_error_sample_is_a_valid_error_notification() -> None:
    """fixtures/notifications/error.json, the shape NOTIF-ERROR-02 holds Error notifications to."""
    sample = _load(FIXTURES / "error.json")
    assert schemas.errors("error-notification", sample) == []
    assert schemas.errors("error-notification", {**sample, "notificationType": "OperationFailed"})[0].startswith("notificationType:")
    assert schemas.errors("error-notification", {**sample, "statusCode": 0})[0].startswith("statusCode:")
