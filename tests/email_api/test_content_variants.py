"""No false alarms: a conformant server making a content choice the docs leave open (the
CONTENT_CHOICES variants of the reference server) passes the requirements that used to FAIL it."""

from __future__ import annotations

import pytest

from conformance import schemas
from conformance.catalog import load_catalog
from conformance.reference.email.behaviour import EmailBehaviour
from conformance.reference.email.variants import CONTENT_CHOICES, ContentChoice
from conformance.reference.email.model import Email, EmailType, State
from conformance.reference.email.resource import render
from conformance.selftest.inprocess import run_embedded, verdicts

# Each variant, and the requirements that reported a false alarm on it before the fix.
REPRODUCERS: dict[str, tuple[str, ...]] = {
    ContentChoice.ASYNC_REFUSALS: (
        "EMAIL-TRANSFER-07",
        "EMAIL-ATTACH-05",
        "EMAIL-ACCEPT-12",
        "EMAIL-COMPLETE-07",
        "EMAIL-MULTI-01",
        "EMAIL-REJECT-03",
        "EMAIL-CAPS-02",
        "GEN-ERROR-01",
    ),
    ContentChoice.DELETE_USER_DATA_BY_OBJECT: ("EMAIL-USERDATA-04", "EMAIL-USERDATA-05", "EMAIL-CAPS-03", "EMAIL-LIFECYCLE-01"),
    ContentChoice.NESTED_USER_DATA: ("EMAIL-USERDATA-03", "EMAIL-CREATE-05", "EMAIL-REPLY-07", "EMAIL-GET-02", "EMAIL-USERDATA-02"),
    ContentChoice.EMPTY_DISPOSITION: ("EMAIL-DISPOSITION-04",),
    ContentChoice.EMPTY_NAMES_AS_ABSENT: ("EMAIL-COMPLETE-05", "EMAIL-TRANSFER-07", "EMAIL-SEND-05", "EMAIL-CREATE-04"),
    ContentChoice.CAPABILITIES_CHECKED_FIRST: ("EMAIL-ATTACH-04", "EMAIL-ATTACH-05"),
    ContentChoice.UNADVERTISED_FORBIDDEN: ("EMAIL-REJECT-05", "EMAIL-CAPS-02"),
    ContentChoice.REFUSALS_ALSO_NOTIFIED: ("NOTIF-ERROR-01", "NOTIF-ERROR-02", "EMAIL-ACCEPT-12", "EMAIL-MULTI-01", "EMAIL-COMPLETE-07"),
    ContentChoice.UPDATE_USER_DATA_UNSUPPORTED: ("EMAIL-CAPS-01", "EMAIL-CAPS-03"),
    ContentChoice.ADDRESSES_VALIDATED: ("EMAIL-SAVE-01", "EMAIL-SEND-01"),
    ContentChoice.MIXED_CAPABILITIES: ("EMAIL-CAPS-01", "EMAIL-CAPS-02", "EMAIL-CAPS-03", "EMAIL-LIFECYCLE-01", "EMAIL-USERDATA-02"),
}

# Variants whose false alarms were the fuzz section's.
FUZZ_REPRODUCERS = (
    ContentChoice.ASYNC_REFUSALS,
    ContentChoice.NESTED_USER_DATA,
    ContentChoice.DELETE_USER_DATA_BY_OBJECT,
    ContentChoice.EMPTY_DISPOSITION,
    ContentChoice.EMPTY_NAMES_AS_ABSENT,
    ContentChoice.UPDATE_USER_DATA_UNSUPPORTED,
    ContentChoice.ADDRESSES_VALIDATED,
)


@pytest.mark.parametrize("variant", sorted(REPRODUCERS))
def test_variant_raises_no_false_alarm(tmp_path, variant):
    outcome = run_embedded(tmp_path, variants=frozenset({variant}), requirements=list(REPRODUCERS[variant]))
    found = verdicts(outcome)
    assert {r: found.get(r) for r in REPRODUCERS[variant]} == {r: "PASS" for r in REPRODUCERS[variant]}


@pytest.mark.parametrize("variant", FUZZ_REPRODUCERS)
def test_variant_raises_no_fuzz_false_alarm(tmp_path, variant):
    """The fuzz section with its default budget (about ten seconds a run)."""
    outcome = run_embedded(tmp_path, variants=frozenset({variant}), sections=["fuzz"])
    found = {r: v for r, v in verdicts(outcome).items() if r.startswith("FUZZ-")}
    assert found and set(found.values()) == {"PASS"}, found


def test_every_content_variant_has_a_reproducer():
    assert sorted(REPRODUCERS) == sorted(v.name for v in CONTENT_CHOICES)


def test_nested_user_data_echoed_by_the_reference_is_a_valid_email_resource():
    """EMAIL-GET-02 judges GET answers against email.schema.json: the resource of an email
    holding nested user data (as the reference renders it under nested-user-data) is valid."""
    email = Email(id="e1", email_type=EmailType.INBOUND, state=State.PROCESSING, from_address="c@example.test", to=["a@example.test"], contact_id="c1")
    email.user_data = {"Text": "x", "Nested": {"a": [1, True]}, "List": ["b"], "Flag": False, "Empty": None}
    resource = render(email, "http://127.0.0.1:1", EmailBehaviour.of({ContentChoice.NESTED_USER_DATA}))
    assert schemas.errors("email", resource) == []
    assert schemas.errors("get-email-response", {"statusCode": 0, "email": resource}) == []


def test_every_content_variant_together_raises_no_false_alarm(tmp_path):
    """The whole suite, fuzzing included, against a server making every content choice at once."""
    outcome = run_embedded(tmp_path, variants=frozenset(v.name for v in CONTENT_CHOICES))
    not_passing = {r: v for r, v in verdicts(outcome).items() if v not in ("PASS", "NOT-APPLICABLE")}
    assert not_passing == {}


@pytest.mark.parametrize(
    ("fault", "requirement_id"),
    [
        ("accept-twice-allowed", "EMAIL-ACCEPT-12"),
        ("accept-not-exclusive", "EMAIL-MULTI-01"),
        ("transfer-both-targets-accepted", "EMAIL-TRANSFER-07"),
        ("remove-unknown-attachment-accepted", "EMAIL-ATTACH-05"),
        ("complete-twice-allowed", "EMAIL-COMPLETE-07"),
    ],
)
def test_refusal_checks_still_fail_a_server_refusing_asynchronously(tmp_path, fault, requirement_id):
    """With async-refusals on, a fault that accepts what must be refused (no Error follows) still
    fails the requirement: FAIL for a MUST, PASS-NONSTRICT for a SHOULD."""
    outcome = run_embedded(tmp_path, faults=frozenset({fault}), variants=frozenset({ContentChoice.ASYNC_REFUSALS}), requirements=[requirement_id])
    expected = "FAIL" if load_catalog()[requirement_id].keyword == "MUST" else "PASS-NONSTRICT"
    assert verdicts(outcome)[requirement_id] == expected
