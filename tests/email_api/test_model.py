"""The executable lifecycle model: its tables, its oracle, its parameters and its coverage."""

from __future__ import annotations

import pytest

from conformance.clients.outgoing import validate_outgoing
from conformance.deployment import Deployment
from conformance.oracle import (
    OPERATIONS,
    TERMINAL,
    Coverage,
    Expected,
    ParamContext,
    State,
    Step,
    create_params,
    declared,
    expected_outcome,
    forbidden,
    judge_capabilities,
    model_transitions,
    required,
    valid_params,
    wire_name,
)
from conformance.profile import FEATURES

ALL = frozenset(FEATURES)
NONE: frozenset[str] = frozenset()
CTX = ParamContext("http://gws.test:8080", "agent1@gws.test", peer_user_uri="http://gws.test:8080/api/v2/users/agent2", attached=("doc-1",))


def test_states_on_the_wire():
    assert wire_name(State.PROCESSING) == "Processing" and wire_name(State.CANCELED) == "Canceled"
    assert wire_name(State.ENDED) is None  # the state after Reject, Transfer, Send is not asserted


def test_required_capabilities_follow_the_documented_preconditions():
    assert required(State.INVITED, NONE) == ["Accept", "Reject"]
    assert required(State.PROCESSING, NONE) == ["Complete"]
    assert set(required(State.PROCESSING, ALL)) == {"Complete", "Transfer", "Reply", "ReplyAll", "AttachUserData", "DeleteUserData", "SetDisposition"}
    # Save and the attachment operations are never required: the samples do not advertise them.
    assert set(required(State.COMPOSING, ALL)) == {"Send", "Cancel", "AttachUserData", "DeleteUserData", "SetDisposition"}
    assert all(required(state, ALL) == [] for state in TERMINAL)


def test_forbidden_capabilities():
    assert "Complete" in forbidden(State.INVITED, ALL)
    assert "SetDisposition" not in forbidden(State.INVITED, ALL)  # a sample shows it on an invitation
    assert "Transfer" not in forbidden(State.COMPOSING, ALL)  # the Composing samples list it
    assert {"Accept", "Reject", "Cancel"} <= set(forbidden(State.PROCESSING, ALL))
    assert "Send" not in forbidden(State.PROCESSING, ALL)  # the EmailResource sample's Processing email lists it
    assert "Save" not in forbidden(State.PROCESSING, ALL)  # not capability-governed
    assert set(forbidden(State.CANCELED, ALL)) == set(OPERATIONS)


def test_judging_capabilities():
    judged = judge_capabilities(State.INVITED, ["Accept", "Complete", "AddComment"], NONE)
    assert judged.missing == ["Reject"] and judged.unexpected == ["Complete"] and judged.not_judged == ["AddComment"]
    assert not judged.ok
    assert judge_capabilities(State.PROCESSING, ["Complete", "UpdateUserData", "SetInFocus"], NONE).ok


@pytest.mark.parametrize(
    "state, operation, advertised, expected",
    [
        (State.INVITED, "Complete", ["Accept", "Reject"], Expected.REFUSED),
        (State.INVITED, "Accept", ["Accept", "Reject"], Expected.ACCEPTED),
        (State.INVITED, "SetDisposition", ["Accept", "Reject", "SetDisposition"], Expected.ACCEPTED),
        (State.COMPOSING, "Save", ["Send", "Cancel"], Expected.ACCEPTED),  # ungoverned, valid on drafts
        (State.PROCESSING, "AddAttachment", ["Complete"], Expected.REFUSED),
        (State.PROCESSING, "Complete", ["Reply"], Expected.REFUSED),  # governed and not advertised
        (State.COMPLETED, "Complete", ["Complete"], Expected.REFUSED),  # nothing revives an ended email
    ],
)
def test_expected_outcome(state, operation, advertised, expected):
    assert expected_outcome(state, OPERATIONS[operation], advertised) is expected


def test_transitions():
    assert OPERATIONS["Accept"].after(State.INVITED) is State.PROCESSING
    assert OPERATIONS["Complete"].after(State.PROCESSING) is State.COMPLETED
    assert OPERATIONS["Cancel"].after(State.COMPOSING) is State.CANCELED
    assert OPERATIONS["Transfer"].after(State.PROCESSING) is State.ENDED
    assert OPERATIONS["Save"].after(State.COMPOSING) is State.COMPOSING
    assert OPERATIONS["Save"].notification == "EmailSaved"
    assert OPERATIONS["Reply"].creates_draft and OPERATIONS["Reply"].after(State.PROCESSING) is State.PROCESSING


def test_declared_operations_follow_the_profile_features():
    assert [op.name for op in declared(NONE)] == ["Accept", "Reject", "Complete"]
    assert {op.name for op in declared(ALL)} == set(OPERATIONS)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_valid_parameters_pass_the_request_schema(operation):
    validate_outgoing("email-operation-request", {"operationName": operation, **valid_params(operation, CTX)})


def test_parameters_use_the_context():
    assert valid_params("Transfer", CTX) == {"userUri": CTX.peer_user_uri}
    assert "queueName" in valid_params("Transfer", ParamContext("http://gws.test", "a@gws.test"))
    assert valid_params("RemoveAttachment", CTX) == {"documentId": "doc-1"}
    assert valid_params("DeleteUserData", ParamContext("http://gws.test", "a@gws.test", user_data_keys=("K",))) == {"keys": ["K"]}
    validate_outgoing("email-create-request", {"operationName": "Create", **create_params("http://gws.test", Deployment(), parentId="E1")})


def test_coverage_counts_accepted_transitions_by_the_owner():
    coverage = Coverage()
    coverage.record(Step(State.INVITED, "Accept", Expected.ACCEPTED))
    coverage.record(Step(State.INVITED, "Accept", Expected.ACCEPTED))
    coverage.record(Step(State.INVITED, "Complete", Expected.REFUSED))
    coverage.record(Step(State.PROCESSING, "Complete", Expected.ACCEPTED, by_owner=False))
    data = coverage.as_dict(NONE)
    assert data["transitions_total"] == len(model_transitions(NONE)) == 3
    assert data["transitions_covered"] == 1
    assert data["steps"]["Invited --Accept--> accepted"] == 2
    assert "Processing --Complete by another agent--> accepted" in data["steps"]
    assert coverage.summary(NONE).startswith("transition coverage: 1/3")
    assert "not reached: Invited --Reject-->, Processing --Complete-->" in coverage.summary(NONE)
