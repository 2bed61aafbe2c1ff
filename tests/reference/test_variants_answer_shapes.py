"""Each variant of the block ANSWER_SHAPES does what it says on the wire, and nothing more."""

from __future__ import annotations

import re

import pytest

from conformance.catalog import load_catalog
from conformance.embedded import embedded_profile
from conformance.profile import FEATURES
from conformance.reference.email.variants import ANSWER_SHAPES, AnswerShape
from conformance.reference.email.extra import ATTACHMENT_EXTRA, DATA_EXTRA, RESOURCE_EXTRA
from conformance.reference.switches import all_variants

from .agents import CHANNELS, EMAILS, email_events


@pytest.fixture
def varied(make_server, make_agent):
    """varied(*names) -> (server, agent1 Ready, id of an invitation to agent1)."""

    def make(*names: str):
        server = make_server(variants=frozenset(names))
        agent = make_agent(server, 1)
        agent.subscribe(EMAILS, CHANNELS)
        assert agent.start_session().status_code == 200
        assert agent.set_state("Ready").status_code == 200
        agent.wait_for(lambda e: e["channel"] == CHANNELS)
        email_id = server.inject(to=[agent.address], subject="Variant")
        agent.invitation(email_id)
        return server, agent, email_id

    return make


def test_every_answer_shape_variant_is_registered_and_names_catalog_requirements():
    catalog = load_catalog()
    registered = all_variants()
    for variant in ANSWER_SHAPES:
        assert registered[variant.name] is variant
        assert variant.allowed_by and all(r in catalog for r in variant.allowed_by), variant.name
        assert all(catalog[r].keyword == "SHOULD" for r in variant.nonstrict), variant.name


def test_empty_200(varied, make_server, make_agent):
    _, agent, email_id = varied(AnswerShape.EMPTY_200)
    for answer in (agent.op(email_id, "Accept"), agent.post("/api/v2/me", {"operationName": "EndContactCenterSession"})):
        assert (answer.status_code, answer.content) == (200, b"")
    assert agent.get_email("unknown").json()["statusCode"] == 6  # refusals keep their body


def test_no_reference_id(varied):
    _, agent, email_id = varied(AnswerShape.NO_REFERENCE_ID)
    assert agent.op(email_id, "Accept").json() == {"statusCode": 0}
    assert isinstance(email_events(agent.drain())[0]["referenceId"], int)  # notifications keep theirs


@pytest.mark.parametrize(("variant", "statuses"), [(AnswerShape.ERROR_STATUSES_200, (200, 200, 200)), (AnswerShape.ERROR_STATUSES_SPREAD, (404, 403, 400))])
def test_error_statuses(varied, variant, statuses):
    _, agent, email_id = varied(variant)
    unknown, wrong_state, bad = agent.op("unknown", "Accept"), agent.op(email_id, "Complete"), agent.op(email_id, "Nonsense")
    assert (unknown.status_code, wrong_state.status_code, bad.status_code) == statuses
    assert [a.json()["statusCode"] for a in (unknown, wrong_state, bad)] == [6, 2, 10]


def test_extra_members(varied):
    _, agent, email_id = varied(AnswerShape.EXTRA_MEMBERS)
    accepted = agent.op(email_id, "Accept").json()
    assert accepted["statusCode"] == 0 and "vendorExtension" in accepted
    data = email_events(agent.drain())[0]
    assert set(DATA_EXTRA) <= set(data) and set(RESOURCE_EXTRA) <= set(data["email"])
    fetched = agent.get_email(email_id).json()
    assert "vendorExtension" in fetched and set(RESOURCE_EXTRA) <= set(fetched["email"])
    assert set(agent.op("unknown", "Accept").json()) == {"statusCode", "statusMessage"}  # docs/positions.md#status-codes
    agent.post("/api/v2/me/emails", {"operationName": "Create", "queueUri": "gwsct-outbound"})
    draft_id = next(d["email"]["id"] for d in email_events(agent.drain()) if d["email"]["state"] == "Composing")
    agent.op(draft_id, "AddAttachment", documentId="doc-1", name="a.txt", size=1, mime="text/plain")
    [attached] = agent.get_email(draft_id).json()["email"]["attachments"]
    assert set(ATTACHMENT_EXTRA) <= set(attached)


def test_parent_id_absent(varied):
    _, agent, email_id = varied(AnswerShape.PARENT_ID_ABSENT)
    agent.op(email_id, "Accept")
    agent.op(email_id, "Reply", queueUri="gwsct-outbound", bodyAsPlainText="hi", body="<p>hi</p>")
    drafts = [d["email"] for d in email_events(agent.drain()) if d["email"]["id"] != email_id]
    assert drafts and all("parentId" not in d for d in drafts)


def test_capabilities_reordered(varied):
    _, agent, email_id = varied(AnswerShape.CAPABILITIES_REORDERED)
    assert agent.get_email(email_id).json()["email"]["capabilities"] == ["Reject", "Accept"]


def test_interaction_server_ids(varied):
    server, agent, email_id = varied(AnswerShape.INTERACTION_SERVER_IDS)
    assert re.fullmatch(r"01QG[0-9A-Z]{12}", email_id)
    assert agent.get_email(email_id).json()["email"]["uri"] == f"{server.base_url}/api/v2/email/{email_id}"


@pytest.mark.parametrize("name", [AnswerShape.EMPTY_200, AnswerShape.NO_REFERENCE_ID])
def test_a_server_without_reference_ids_is_profiled_without_the_feature(make_server, name):
    """The embedded profile declares what the server does: answers without referenceId withdraw
    referenceid-in-response, and only that feature."""
    assert all_variants()[name].withdraws == ("referenceid-in-response",)
    assert embedded_profile(make_server(variants=frozenset({name}))).features == frozenset(FEATURES) - {"referenceid-in-response"}
    assert embedded_profile(make_server()).features == frozenset(FEATURES)


def test_every_withdrawn_feature_is_a_profile_feature():
    for variant in all_variants().values():
        assert set(variant.withdraws) <= set(FEATURES), variant.name
