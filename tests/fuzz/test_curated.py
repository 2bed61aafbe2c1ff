"""Boundary bodies are valid, every curated violation is one the catalog names (or a tolerated one)."""

from __future__ import annotations

import pytest

from conformance.fuzz.plan.cases import Stream
from conformance.fuzz.plan.curated import LONG_TEXT, UNKNOWN_OPERATION, boundary_cases, violation_cases
from conformance.fuzz.judge.expectations import judge
from conformance.fuzz.plan.operation_needs import OPERATIONS, operation
from conformance.oracle import operations as model
from conformance.oracle.states import State

NAMES = [op.name for op in OPERATIONS]
# Wrong types the positions allow (docs/positions.md#delete-user-data-keys and docs/positions.md#address-lists),
# empty keys to delete, nested userData values, empty queue names, media types and dispositions.
TOLERATED = {
    ("Save", "email.to"), ("Save", "email.cc"), ("Save", "email.bcc"), ("Save", "email.mime"),
    ("Send", "email.to"), ("Send", "email.cc"), ("Send", "email.bcc"), ("Send", "email.mime"), ("Send", "queueName"),
    ("DeleteUserData", "keys"),
    ("Complete", "queueName"), ("Transfer", "queueName"),
    ("Reply", "queueUri"), ("Reply", "queueName"), ("Reply", "mime"), ("Reply", "userData"),
    ("ReplyAll", "queueUri"), ("ReplyAll", "queueName"), ("ReplyAll", "mime"), ("ReplyAll", "userData"),
    ("Create", "queueUri"), ("Create", "userData"),
    ("AttachUserData", "userData"), ("UpdateUserData", "userData"),
    ("SetDisposition", "disposition"), ("AddAttachment", "mime"),
}


@pytest.mark.parametrize("name", NAMES)
def test_boundary_bodies_are_valid(name):
    cases = boundary_cases(operation(name))
    assert cases and all(c.stream is Stream.VALID for c in cases)
    for case in cases:
        assert judge(case.op, case.body).valid, case.label


@pytest.mark.parametrize("name", NAMES)
def test_each_violation_breaks_one_named_member(name):
    for case in violation_cases(operation(name)):
        judgement = judge(case.op, case.body)
        member = case.label.split(":")[0]
        if (name, member) in TOLERATED:
            assert judgement.enforced or judgement.tolerated, case.label
        else:
            assert judgement.enforced, case.label
        assert case.stream is Stream.INVALID


def test_booleans_are_tried_as_the_string_false_first():
    labels = [c.label for c in violation_cases(operation("Accept"))]
    assert labels.index("saveLAR: a string ('false') instead of boolean") < labels.index("saveLAR: a number (1) instead of boolean")


def test_every_parameter_kind_is_covered_for_send():
    labels = {c.label for c in violation_cases(operation("Send"))}
    assert "queueName: missing" in labels
    assert "queueName: a number (42) instead of string" in labels
    assert 'email.from: an empty string ("")' in labels
    assert "email.to: an item of the wrong type ([42])" in labels
    assert f"operationName: unknown operationName {UNKNOWN_OPERATION!r}" in labels
    assert "(body): an array holding the body instead of an object" in labels


def test_the_long_theme_passes_common_column_limits():
    save = next(c for c in boundary_cases(operation("Save")) if c.label == "boundary: long values")
    assert len(save.body["email"]["subject"]) == len(LONG_TEXT) > 1024
    assert len(set(save.body["email"]["to"])) == len(save.body["email"]["to"]) > 1  # distinct addresses


def test_the_fuzzed_operations_are_the_lifecycle_models_in_the_state_it_documents():
    fuzzed = {op.name: op for op in OPERATIONS}
    assert set(model.OPERATIONS) <= set(fuzzed), "every operation the model judges is fuzzed"
    assert set(fuzzed) - set(model.OPERATIONS) == {"UpdateUserData", "Create"}
    for name, op in model.OPERATIONS.items():
        assert State(fuzzed[name].needs.state) in op.valid_in and fuzzed[name].feature == op.feature, name
