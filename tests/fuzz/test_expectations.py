"""Which bodies a conforming target must refuse, accept, or may treat either way."""

from __future__ import annotations

import pytest

from conformance.fuzz.judge.expectations import Expect, judge
from conformance.fuzz.plan.operation_needs import operation


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("Accept", {"operationName": "Accept", "saveLAR": "false"}),
        ("Accept", {"operationName": "Accept", "saveLAR": None}),
        ("Accept", {"saveLAR": True}),
        ("Accept", {"operationName": "FuzzUnknownOperation"}),
        ("Accept", {"operationName": "accept"}),
        ("Accept", [{"operationName": "Accept"}]),
        ("Accept", b"\x00"),
        ("Accept", b'{"operationName": NaN}'),
        ("Complete", {"operationName": "Complete", "queueName": 42}),
        ("Transfer", {"operationName": "Transfer"}),
        ("Transfer", {"operationName": "Transfer", "userUri": "http://h/api/v2/users/u", "queueName": "q"}),
        ("AddAttachment", {"operationName": "AddAttachment", "documentId": "d", "size": -1}),
        ("AttachUserData", {"operationName": "AttachUserData", "userData": ["k"]}),
        ("Create", {"operationName": "Create"}),
    ],
)
def test_violations_the_catalog_names_must_be_refused(name, body):
    judgement = judge(operation(name), body)
    assert judgement.enforced
    assert judgement.expect(True) is Expect.REFUSE


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("Accept", {"operationName": "Accept", "unknownMember": 1}),
        ("AttachUserData", {"operationName": "AttachUserData", "userData": {"": "empty key", "k": None}}),
        ("AttachUserData", {"operationName": "AttachUserData", "userData": {"k": {"nested": 1}, "b": True, "l": [1]}}),
        ("Create", {"operationName": "Create", "queueUri": "http://h/api/v2/queues/q", "userData": {"k": {"nested": 1}}}),
        ("Save", {"operationName": "Save", "email": {"to": "a@x.test, b@x.test", "from": "me@x.test"}}),
        ("DeleteUserData", {"operationName": "DeleteUserData", "keys": {"a": 1}}),
        ("DeleteUserData", {"operationName": "DeleteUserData", "userData": ["a"]}),
        ("DeleteUserData", {"operationName": "DeleteUserData", "keys": ["a", "a"]}),
        ("DeleteUserData", {"operationName": "DeleteUserData", "keys": [""]}),
        ("Complete", {"operationName": "Complete", "queueName": ""}),
        ("SetDisposition", {"operationName": "SetDisposition", "disposition": ""}),
        ("Save", {"operationName": "Save", "email": {"to": ["a@x.test"], "from": "me@x.test", "mime": ""}}),
    ],
)
def test_tolerated_variations_are_neither_required_nor_refused(name, body):
    judgement = judge(operation(name), body)
    assert not judgement.enforced and judgement.tolerated
    assert judgement.expect(True) is Expect.EITHER


def test_a_valid_body_is_accepted_only_where_the_state_and_lookups_are_right():
    judgement = judge(operation("Accept"), {"operationName": "Accept", "saveLAR": False})
    assert judgement.valid
    assert judgement.expect(True) is Expect.ACCEPT
    assert judgement.expect(False) is Expect.EITHER


def test_a_body_valid_for_another_operation_counts_as_valid():
    """The route's schema dispatches on operationName: Reject sent where Accept was fuzzed is valid."""
    assert judge(operation("Accept"), {"operationName": "Reject"}).valid


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("UpdateUserData", {"operationName": "UpdateUserData", "userData": {"k": "v"}}),
        ("DeleteUserData", {"operationName": "DeleteUserData", "keys": ["a"]}),
    ],
)
def test_schema_valid_bodies_of_operations_the_docs_leave_open_may_be_refused(name, body):
    """UpdateUserData has no email page; DeleteUserData's table names its parameter userData."""
    judgement = judge(operation(name), body)
    assert judgement.valid and judgement.undecided
    assert judgement.expect(True) is Expect.EITHER
