"""A malformed invitation is judged by EMAIL-INVITE-01 alone: every other check that needs an
invitation is BLOCKED, naming that requirement, never FAIL (it cannot judge its own requirement)."""

from __future__ import annotations

import pytest

from conformance.reference.email.faults import EmailFault as F
from conformance.selftest.inprocess import run_embedded, verdicts
from tests.email_api.runs import by_id, explain

# A check of each kind that needs an invitation: fixture, precondition chain (Accept), lifecycle model.
NEEDING_AN_INVITATION = ("EMAIL-ACCEPT-01", "EMAIL-REJECT-01", "EMAIL-COMPLETE-01", "EMAIL-CAPS-01")

MALFORMED = {
    F.INVITE_STATE_PROCESSING: "state Processing",
    F.INVITE_WRONG_NOTIFICATIONTYPE: "notificationType 'PropertiesUpdated'",
    F.INVITE_EXTRA_CAPABILITY: "capabilities offer Complete",
    F.INVITE_WRONG_MESSAGETYPE: "messageType 'EmailMessage'",
    F.INVITE_WRONG_CAPABILITIES: "capabilities lack Reject",
}


@pytest.mark.parametrize("fault", sorted(MALFORMED))
def test_malformed_invitation_blocks_the_others_naming_email_invite_01(tmp_path, fault):
    requirements = ["EMAIL-INVITE-01", *NEEDING_AN_INVITATION]
    outcome = run_embedded(tmp_path, faults=frozenset({fault}), requirements=requirements, fuzz=None)
    found = by_id(outcome.report)
    invite = found["EMAIL-INVITE-01"]
    assert invite["verdict"] == "PASS-NONSTRICT", explain(invite)  # a SHOULD
    assert MALFORMED[fault] in explain(invite)
    for requirement_id in NEEDING_AN_INVITATION:
        entry = found[requirement_id]
        assert entry["verdict"] == "BLOCKED", explain(entry)
        for check in entry["checks"]:
            assert check["verdict"] == "BLOCKED", explain(entry)
            assert f"the invitation is malformed (EMAIL-INVITE-01): " in check["message"] and MALFORMED[fault] in check["message"], check["message"]


def test_clean_invitation_is_well_formed(tmp_path):
    outcome = run_embedded(tmp_path, requirements=["EMAIL-INVITE-01"], fuzz=None)
    assert verdicts(outcome) == {"EMAIL-INVITE-01": "PASS"}
