"""The request schemas accept every documented operation's sample body (valid JSON versions of
the pages' samples: docs/positions.md#samples) and refuse what our harness must never send."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource

from conformance import schemas
from conformance.errors import HarnessError

QUEUE_URI = "http://localhost:8080/api/v2/queues/7d9a1b8c-0f3e-4a8e-9b61-2d4c5e6f7a80"
USER_URI = "http://localhost:8080/api/v2/users/5ae4cd3d3f5f4b0e9d3b2a1c0f9e8d7c"
DRAFT = {
    "subject": "HelloEmail",
    "bodyAsPlainText": "Feelslikegood.",
    "body": "Feelslikegood.",
    "mime": "text/html",
    "to": ["qwerty@hpe-voicevm-34-23.genesyslab.com", "asdfg@hpe-voicevm-34-23.genesyslab.com"],
    "from": "htcc@gplus-w2k3-gf80",
}

# (schema, body): one or more per documented operation.
DOCUMENTED_BODIES: list[tuple[str, dict[str, Any]]] = [
    ("email-operation-request", {"operationName": "Accept"}),
    ("email-operation-request", {"operationName": "Accept", "saveLAR": True}),
    ("email-operation-request", {"operationName": "Accept", "saveLAR": False}),
    ("email-operation-request", {"operationName": "Reject"}),
    ("email-operation-request", {"operationName": "Complete"}),
    ("email-operation-request", {"operationName": "Complete", "queueName": "PostProcessingQueue", "saveLAR": True}),
    ("email-operation-request", {"operationName": "Transfer", "userUri": USER_URI}),
    ("email-operation-request", {"operationName": "Transfer", "queueName": "PostProcessingQueue"}),
    ("email-operation-request", {
        "operationName": "Reply", "queueUri": QUEUE_URI, "bodyAsPlainText": "", "body": "", "mime": "text/html",
        "userData": {"ContactId": "0000Wa9CAM6W018X"}, "subjectPrefix": "Re: ",
        "replyToStartLine": "On Tue, 11 Mar 2014 you wrote:", "quoteOriginal": True, "indentCharacter": ">",
    }),
    ("email-operation-request", {"operationName": "ReplyAll", "queueUri": QUEUE_URI, "quoteOriginal": False}),
    # The ReplyAll sample's queueName: docs/positions.md#reply-queue-name
    ("email-operation-request", {"operationName": "ReplyAll", "queueName": "Forwarde-mails"}),
    ("email-operation-request", {"operationName": "Save", "email": DRAFT}),
    ("email-operation-request", {"operationName": "Send", "queueName": "Forwarde-mails", "email": DRAFT}),
    ("email-operation-request", {
        "operationName": "Send", "queueName": "Forwarde-mails", "saveLAR": True,
        "email": {**DRAFT, "cc": ["cc@hpe-voicevm-34-23.genesyslab.com"], "bcc": ["bcc@hpe-voicevm-34-23.genesyslab.com"]},
    }),
    ("email-operation-request", {"operationName": "Cancel"}),
    ("email-operation-request", {"operationName": "AttachUserData", "userData": {"UserData1": "value1", "UserData2": 123456789}}),
    ("email-operation-request", {"operationName": "UpdateUserData", "userData": {"UserData1": "value2"}}),
    ("email-operation-request", {"operationName": "DeleteUserData", "keys": ["UserData1"]}),
    ("email-operation-request", {"operationName": "SetDisposition", "disposition": "IssueResolved", "dispositionKey": "DispositionCode"}),
    ("email-operation-request", {"operationName": "SetDisposition", "disposition": "IssueResolved"}),
    ("email-operation-request", {"operationName": "AddAttachment", "documentId": "0000Na9B26EF003N", "size": 46, "name": "report.txt", "mime": "text/plain"}),
    ("email-operation-request", {"operationName": "AddAttachment", "documentId": "0000Na9B26EF003N", "size": ""}),
    ("email-operation-request", {"operationName": "RemoveAttachment", "documentId": "0000Na9B26EF003N"}),
    ("email-create-request", {"operationName": "Create", "queueUri": QUEUE_URI}),
    ("email-create-request", {"operationName": "Create", "queueUri": QUEUE_URI, "parentId": "00012a9HEEG0325N", "userData": {"Origin": "suite"}}),
    ("me-operation-request", {"operationName": "StartContactCenterSession", "channels": ["email"]}),
    ("me-operation-request", {"operationName": "StartContactCenterSession", "channels": ["email", "voice"], "place": "a1"}),
    ("me-operation-request", {"operationName": "EndContactCenterSession"}),
    ("channel-operation-request", {"operationName": "Ready"}),
    ("channel-operation-request", {"operationName": "NotReady"}),
]

EMAIL_OPS = "email-operation-request"

# (schema, body, the start of the error conformance.schemas reports).
REFUSED_BODIES: list[tuple[str, Any, str]] = [
    (EMAIL_OPS, {}, "(root): 'operationName' is a required property"),
    (EMAIL_OPS, {"saveLAR": True}, "(root): 'operationName' is a required property"),
    (EMAIL_OPS, {"operationName": "Forward"}, "operationName: 'Forward' is not one of"),
    (EMAIL_OPS, {"operationName": "PlaceInQueue"}, "operationName: 'PlaceInQueue' is not one of"),
    (EMAIL_OPS, {"operationName": "accept"}, "operationName: 'accept' is not one of"),
    (EMAIL_OPS, {"operationName": "Create", "queueUri": QUEUE_URI}, "operationName: 'Create' is not one of"),
    (EMAIL_OPS, {"operationName": 1}, "operationName: 1 is not one of"),
    (EMAIL_OPS, [{"operationName": "Accept"}], "(root): [{'operationName': 'Accept'}] is not of type 'object'"),
    (EMAIL_OPS, "Accept", "(root): 'Accept' is not of type 'object'"),
    (EMAIL_OPS, {"operationName": "Accept", "referenceId": 7}, "(root): Additional properties are not allowed ('referenceId'"),
    (EMAIL_OPS, {"operationName": "Reject", "saveLAR": True}, "(root): Additional properties are not allowed ('saveLAR'"),
    (EMAIL_OPS, {"operationName": "Transfer"}, "(root): {'operationName': 'Transfer'} is not valid under any of the given schemas"),
    (EMAIL_OPS, {"operationName": "Transfer", "userUri": USER_URI, "queueName": "Q"}, "(root): {'operationName': 'Transfer', 'userUri'"),
    (EMAIL_OPS, {"operationName": "Transfer", "queueName": ""}, "queueName: '' should be non-empty"),
    (EMAIL_OPS, {"operationName": "Reply", "quoteOriginal": "true"}, "quoteOriginal: 'true' is not of type 'boolean'"),
    (EMAIL_OPS, {"operationName": "Save"}, "(root): 'email' is a required property"),
    (EMAIL_OPS, {"operationName": "Save", "email": {k: v for k, v in DRAFT.items() if k != "to"}}, "email: 'to' is a required property"),
    (EMAIL_OPS, {"operationName": "Save", "email": {**DRAFT, "to": []}}, "email/to: [] should be non-empty"),
    (EMAIL_OPS, {"operationName": "Save", "email": {**DRAFT, "to": "a@x.example,b@x.example"}}, "email/to: 'a@x.example,b@x.example' is not of type 'array'"),
    (EMAIL_OPS, {"operationName": "Save", "email": {k: v for k, v in DRAFT.items() if k != "from"}}, "email: 'from' is a required property"),
    (EMAIL_OPS, {"operationName": "Save", "email": {**DRAFT, "replyTo": "x"}}, "email: Additional properties are not allowed ('replyTo'"),
    (EMAIL_OPS, {"operationName": "Send", "email": DRAFT}, "(root): 'queueName' is a required property"),
    (EMAIL_OPS, {"operationName": "Send", "queueName": "Forwarde-mails"}, "(root): 'email' is a required property"),
    (EMAIL_OPS, {"operationName": "AttachUserData"}, "(root): 'userData' is a required property"),
    (EMAIL_OPS, {"operationName": "AttachUserData", "userData": ["UserData1", "value1"]}, "userData: ['UserData1', 'value1'] is not of type 'object'"),
    (EMAIL_OPS, {"operationName": "AttachUserData", "userData": {"k": {"nested": 1}}}, "userData/k: {'nested': 1} is not of type 'string', 'number'"),
    (EMAIL_OPS, {"operationName": "AttachUserData", "userData": {"": "v"}}, "userData: '' should be non-empty"),
    (EMAIL_OPS, {"operationName": "DeleteUserData", "keys": []}, "keys: [] should be non-empty"),
    (EMAIL_OPS, {"operationName": "DeleteUserData"}, "(root): 'keys' is a required property"),
    (EMAIL_OPS, {"operationName": "DeleteUserData", "keys": "UserData1"}, "keys: 'UserData1' is not of type 'array'"),
    (EMAIL_OPS, {"operationName": "SetDisposition"}, "(root): 'disposition' is a required property"),
    (EMAIL_OPS, {"operationName": "AddAttachment"}, "(root): 'documentId' is a required property"),
    (EMAIL_OPS, {"operationName": "AddAttachment", "documentId": "d1", "size": -1}, "size: -1 is less than the minimum of 0"),
    (EMAIL_OPS, {"operationName": "RemoveAttachment", "documentId": 42}, "documentId: 42 is not of type 'string'"),
    ("email-create-request", {"operationName": "Create"}, "(root): 'queueUri' is a required property"),
    ("email-create-request", {"operationName": "Accept", "queueUri": QUEUE_URI}, "operationName: 'Create' was expected"),
    ("me-operation-request", {"operationName": "StartContactCenterSession"}, "(root): 'channels' is a required property"),
    ("me-operation-request", {"operationName": "StartContactCenterSession", "channels": []}, "channels: [] should be non-empty"),
    ("me-operation-request", {"operationName": "StartContactCenterSession", "channels": "email"}, "channels: 'email' is not of type 'array'"),
    ("me-operation-request", {"operationName": "Logout"}, "operationName: 'Logout' is not one of"),
    ("channel-operation-request", {"operationName": "OutToLunch"}, "operationName: 'OutToLunch' is not one of"),
    ("channel-operation-request", {"operationName": "Ready", "workmode": "AutoIn"}, "(root): Additional properties are not allowed ('workmode'"),
]


@pytest.mark.parametrize(("schema", "body"), DOCUMENTED_BODIES, ids=lambda v: v if isinstance(v, str) else v.get("operationName"))
def test_documented_body_is_valid(schema: str, body: dict[str, Any]) -> None:
    assert schemas.errors(schema, body) == []
    schemas.check_outgoing(schema, body)


@pytest.mark.parametrize("schema", ["email-operation-request", "me-operation-request", "channel-operation-request"])
def test_every_operation_has_a_documented_body(schema: str) -> None:
    declared = set(schemas.schema(schema)["properties"]["operationName"]["enum"])
    assert declared == {body["operationName"] for name, body in DOCUMENTED_BODIES if name == schema}


@pytest.mark.parametrize(("schema", "body", "error"), REFUSED_BODIES, ids=lambda v: None if isinstance(v, str) else str(v)[:60])
def test_refused_body(schema: str, body: Any, error: str) -> None:
    problems = schemas.errors(schema, body)
    assert len(problems) == 1, problems
    assert problems[0].startswith(error), problems
    with pytest.raises(HarnessError, match=schema):
        schemas.check_outgoing(schema, body)


@pytest.mark.parametrize("operation", ["Accept", "Complete", "Send"])
@pytest.mark.parametrize("save_lar", ["yes", 1, None, "", {}, "true", 0])
def test_non_boolean_save_lar_is_refused(operation: str, save_lar: Any) -> None:
    body: dict[str, Any] = {"operationName": operation, "saveLAR": save_lar}
    if operation == "Send":
        body |= {"queueName": "Forwarde-mails", "email": DRAFT}
    assert schemas.errors("email-operation-request", body) == [f"saveLAR: {save_lar!r} is not of type 'boolean'"]


OPENAPI_ROUTE_OF_SCHEMA = {
    "email-operation-request": "/api/v2/me/emails/{id}",
    "email-create-request": "/api/v2/me/emails",
    "me-operation-request": "/api/v2/me",
    "channel-operation-request": "/api/v2/me/channels/{channel}",
}


@pytest.fixture(scope="module")
def openapi_body_validators() -> dict[str, jsonschema.protocols.Validator]:
    """A validator per request schema, built from the OpenAPI document's request body alone."""
    document = yaml.safe_load((schemas.schema_dir() / "gws-email-api.openapi.yaml").read_text(encoding="utf-8"))
    registry = Registry().with_resources(
        (path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))))
        for path in schemas.schema_dir().glob("*.schema.json")
    )
    return {
        name: jsonschema.Draft202012Validator(
            document["paths"][route]["post"]["requestBody"]["content"]["application/json"]["schema"], registry=registry
        )
        for name, route in OPENAPI_ROUTE_OF_SCHEMA.items()
    }


@pytest.mark.parametrize(("schema", "body"), [*DOCUMENTED_BODIES, *((s, b) for s, b, _ in REFUSED_BODIES)],
                         ids=lambda v: v if isinstance(v, str) else None)
def test_openapi_body_agrees_with_the_json_schema(
    openapi_body_validators: dict[str, jsonschema.protocols.Validator], schema: str, body: Any
) -> None:
    assert openapi_body_validators[schema].is_valid(body) is (schemas.errors(schema, body) == [])
