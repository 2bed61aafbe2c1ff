"""Every email operation after Accept: its answer, its notification, and its refusals."""

from __future__ import annotations

import httpx
import pytest

from conformance import schemas

from .agents import email_events

COMPOSING_CAPABILITIES = [
    "Save", "Send", "Cancel", "AttachUserData", "UpdateUserData", "DeleteUserData", "SetDisposition",
]


def perform(agent, email_id, operation, **params):
    """Run an operation that must succeed; returns the one notification it caused the agent."""
    answer = agent.op(email_id, operation, **params)
    assert (answer.status_code, answer.json()["statusCode"]) == (200, 0), answer.text
    [data] = email_events(agent.drain())
    assert data["referenceId"] == answer.json()["referenceId"]
    assert schemas.errors("email-state-change-message", data) == []
    return data


def refused(agent, email_id, operation, status_code, **params):
    answer = agent.op(email_id, operation, **params)
    assert answer.json()["statusCode"] == status_code, answer.text
    assert 400 <= answer.status_code < 500 and set(answer.json()) == {"statusCode", "statusMessage"}
    assert agent.drain() == []


@pytest.fixture
def agent(server, make_agent):
    return make_agent(server, 1).onboard()


@pytest.fixture
def accepted(server, agent):
    email_id = server.inject(
        to=[agent.address, "other@reference.gws.test"],
        cc=["cc1@example.test", "cc2@example.test"],
        reply_to="replies@example.test",
        subject="Broken widget",
        bodyAsPlainText="line one\nline two",
    )
    agent.invitation(email_id)
    perform(agent, email_id, "Accept")
    return email_id


@pytest.fixture
def draft(agent, accepted):
    return perform(agent, accepted, "Reply")["email"]["id"]


def queue_ids(server, name):
    return [e["id"] for e in httpx.get(f"{server.base_url}/reference/v1/queues/{name}").json()["emails"]]


def test_complete_ends_the_email(agent, accepted):
    email = perform(agent, accepted, "Complete", saveLAR=True)["email"]
    assert (email["state"], email["capabilities"]) == ("Completed", [])
    assert agent.get_email(accepted).json()["email"]["state"] == "Completed"
    assert agent.http.get("/api/v2/me/emails").json()["emails"] == []
    refused(agent, accepted, "Complete", 2)


def test_complete_into_a_queue_parks_the_email_there(server, agent, accepted):
    perform(agent, accepted, "Complete", queueName="PostProcessingQueue")
    assert queue_ids(server, "PostProcessingQueue") == [accepted]


def test_complete_into_the_inbound_queue_routes_the_email_again(server, agent, accepted, make_agent):
    other = make_agent(server, 2).onboard()
    agent.set_state("NotReady")  # else routing by address offers it to agent1 again
    agent.drain()
    perform(agent, accepted, "Complete", queueName="inbound")
    assert other.invitation(accepted)["state"] == "Invited"


def test_complete_validates_parameters(agent, accepted):
    refused(agent, accepted, "Complete", 10, queueName=7)
    refused(agent, accepted, "Complete", 10, saveLAR="no")


def test_complete_needs_an_accepted_email(server, agent):
    email_id = server.inject(to=[agent.address])
    agent.drain()
    refused(agent, email_id, "Complete", 2)


def test_transfer_to_an_agent_invites_the_target(server, agent, accepted, make_agent):
    target = make_agent(server, 2).onboard(ready=False)
    uri = f"{server.base_url}/api/v2/users/agent2"
    email = perform(agent, accepted, "Transfer", userUri=uri)["email"]
    assert (email["id"], email["state"], email["capabilities"]) == (accepted, "Completed", [])
    assert target.invitation(accepted)["capabilities"] == ["Accept", "Reject"]
    assert agent.op(accepted, "Complete").json()["statusCode"] == 3
    assert perform(target, accepted, "Accept")["email"]["state"] == "Processing"


def test_transfer_to_a_queue_parks_the_email(server, agent, accepted):
    assert perform(agent, accepted, "Transfer", queueName="Escalations")["email"]["state"] == "Completed"
    assert queue_ids(server, "Escalations") == [accepted]
    assert agent.get_email(accepted).json()["statusCode"] == 3


def test_transfer_refusals(server, agent, accepted, make_agent):
    make_agent(server, 3)  # exists, but has no contact-center session
    base = f"{server.base_url}/api/v2/users"
    refused(agent, accepted, "Transfer", 1)
    refused(agent, accepted, "Transfer", 10, userUri=f"{base}/agent2", queueName="Q")
    refused(agent, accepted, "Transfer", 10, userUri=f"{base}/nobody")
    refused(agent, accepted, "Transfer", 10, userUri=f"{base}/agent1")
    refused(agent, accepted, "Transfer", 2, userUri=f"{base}/agent3")
    refused(agent, accepted, "Transfer", 10, queueName=["Q"])
    assert agent.get_email(accepted).json()["email"]["state"] == "Processing"


def test_reply_creates_an_outbound_draft(agent, accepted):
    email = perform(agent, accepted, "Reply", queueUri="http://gws/api/v2/queues/q1", userData={"Tag": "x"})["email"]
    assert email["id"] != accepted and email["parentId"] == accepted
    assert (email["state"], email["emailType"], email["capabilities"]) == ("Composing", "Outbound", COMPOSING_CAPABILITIES)
    assert email["to"] == ["replies@example.test"] and email["cc"] == []
    assert email["from"] == agent.address and email["subject"] == "Re: Broken widget"
    assert email["userData"]["Tag"] == "x" and email["userData"]["ContactId"] == email["contactId"]
    assert agent.get_email(accepted).json()["email"]["state"] == "Processing"
    listed = {e["id"] for e in agent.http.get("/api/v2/me/emails").json()["emails"]}
    assert listed == {accepted, email["id"]}


def test_reply_all_copies_cc_and_quotes_the_original(agent, accepted):
    email = perform(
        agent, accepted, "ReplyAll",
        subjectPrefix="RE: ", quoteOriginal=True, replyToStartLine="You wrote:", indentCharacter="| ",
        bodyAsPlainText="Thanks.",
    )["email"]
    assert email["cc"] == ["cc1@example.test", "cc2@example.test"] and email["subject"] == "RE: Broken widget"
    assert email["bodyAsPlainText"] == "Thanks.\nYou wrote:\n| line one\n| line two"
    assert "| line two" in email["body"]


def test_reply_refusals(server, agent, accepted):
    refused(agent, accepted, "Reply", 10, quoteOriginal="true")
    refused(agent, accepted, "ReplyAll", 10, userData={"nested": {"a": 1}})
    invited = server.inject(to=[agent.address])
    agent.drain()
    refused(agent, invited, "Reply", 2)


def test_create_makes_an_empty_draft(agent, accepted):
    answer = agent.post("/api/v2/me/emails", {"operationName": "Create", "queueUri": "http://gws/api/v2/queues/q", "parentId": accepted})
    assert answer.json()["statusCode"] == 0
    [data] = email_events(agent.drain())
    assert data["referenceId"] == answer.json()["referenceId"]
    email = data["email"]
    assert (email["state"], email["parentId"], email["from"], email["to"]) == ("Composing", accepted, agent.address, [])


def test_create_refusals(agent, accepted, server, make_agent):
    def create(**body):
        return agent.post("/api/v2/me/emails", {"operationName": "Create", **body}).json()["statusCode"]

    assert create() == 1
    assert create(queueUri=3) == 10
    assert create(queueUri="q", parentId="NOSUCH") == 6
    other = make_agent(server, 2)
    assert other.post("/api/v2/me/emails", {"operationName": "Create", "queueUri": "q", "parentId": accepted}).json()["statusCode"] == 3
    assert agent.post("/api/v2/me/emails", {"operationName": "Accept"}).json()["statusCode"] == 10
    assert agent.drain() == []


def test_save_stores_the_draft_and_echoes_it(agent, draft):
    saved = {
        "to": ["a@example.test", "b@example.test"], "from": agent.address, "subject": "HelloEmail",
        "body": "<p>Feels like good.</p>", "bodyAsPlainText": "Feels like good.", "cc": "c@example.test, d@example.test",
    }
    data = perform(agent, draft, "Save", email=saved)
    assert data["notificationType"] == "EmailSaved"
    email = data["email"]
    assert (email["to"], email["subject"], email["body"]) == (saved["to"], "HelloEmail", saved["body"])
    assert email["cc"] == ["c@example.test", "d@example.test"] and email["state"] == "Composing"


def test_save_refusals(agent, draft, accepted):
    refused(agent, draft, "Save", 1)
    refused(agent, draft, "Save", 10, email="not an object")
    refused(agent, draft, "Save", 1, email={"from": "x@example.test"})
    refused(agent, draft, "Save", 1, email={"to": ["a@example.test"]})
    refused(agent, draft, "Save", 10, email={"to": [], "from": "x@example.test"})
    refused(agent, draft, "Save", 10, email={"to": [1], "from": "x@example.test"})
    refused(agent, accepted, "Save", 2, email={"to": ["a@example.test"], "from": "x@example.test"})


def test_send_completes_the_draft(server, agent, draft):
    email = perform(agent, draft, "Send", queueName="Forwarde-mails", email={"to": ["a@example.test"], "from": agent.address}, saveLAR=False)["email"]
    assert (email["state"], email["capabilities"], email["to"]) == ("Completed", [], ["a@example.test"])
    assert queue_ids(server, "Forwarde-mails") == [draft]
    refused(agent, draft, "Save", 2, email={"to": ["a@example.test"], "from": agent.address})


def test_send_refusals(agent, draft):
    refused(agent, draft, "Send", 1, email={"to": ["a@example.test"], "from": "x@example.test"})
    refused(agent, draft, "Send", 1, queueName="Q")
    refused(agent, draft, "Send", 10, queueName="", email={"to": ["a@example.test"], "from": "x@example.test"})


def test_cancel_abandons_the_draft(agent, draft):
    email = perform(agent, draft, "Cancel")["email"]
    assert (email["state"], email["capabilities"]) == ("Canceled", [])
    refused(agent, draft, "Cancel", 2)


@pytest.mark.parametrize("operation", ["AttachUserData", "UpdateUserData"])
def test_user_data_is_merged_with_its_types(agent, accepted, operation):
    data = perform(agent, accepted, operation, userData={"UserData1": "value", "UserData2": 123456789, "Empty": None})
    assert data["notificationType"] == "PropertiesUpdated"
    user_data = data["email"]["userData"]
    assert (user_data["UserData1"], user_data["UserData2"], user_data["Empty"]) == ("value", 123456789, None)
    assert user_data["FromAddress"] == "customer@example.test"


def test_user_data_refusals(agent, accepted):
    refused(agent, accepted, "AttachUserData", 1)
    refused(agent, accepted, "AttachUserData", 10, userData=["a"])
    refused(agent, accepted, "AttachUserData", 10, userData={"flag": True})
    refused(agent, accepted, "DeleteUserData", 1)
    refused(agent, accepted, "DeleteUserData", 10, keys="Subject")


def test_delete_user_data_by_keys_or_object(agent, accepted):
    perform(agent, accepted, "AttachUserData", userData={"A": "1", "B": "2", "C": "3"})
    assert "A" not in perform(agent, accepted, "DeleteUserData", keys=["A", "Missing"])["email"]["userData"]
    user_data = perform(agent, accepted, "DeleteUserData", keys={"B": None})["email"]["userData"]
    assert "B" not in user_data and user_data["C"] == "3"
    assert "C" not in perform(agent, accepted, "DeleteUserData", userData=["C"])["email"]["userData"]


def test_set_disposition_uses_the_given_or_the_default_key(agent, accepted):
    assert perform(agent, accepted, "SetDisposition", disposition="IssueResolved")["email"]["userData"]["DispositionCode"] == "IssueResolved"
    data = perform(agent, accepted, "SetDisposition", disposition="Sold", dispositionKey="DISP_KEY")
    assert data["notificationType"] == "PropertiesUpdated" and data["email"]["userData"]["DISP_KEY"] == "Sold"
    refused(agent, accepted, "SetDisposition", 1)
    refused(agent, accepted, "SetDisposition", 10, disposition=5)


def test_attachments_are_added_and_removed_on_drafts(agent, draft, accepted):
    data = perform(agent, draft, "AddAttachment", documentId="DOC1", name="quote.pdf", size=46, mime="application/pdf")
    assert data["notificationType"] == "AttachmentAdded"
    [attachment] = data["email"]["attachments"]
    assert attachment == {
        "id": "DOC1", "name": "quote.pdf", "size": 46, "mime": "application/pdf",
        "uri": f"{data['email']['uri']}/attachments/DOC1",
    }
    refused(agent, draft, "AddAttachment", 10, documentId="DOC1")
    refused(agent, draft, "AddAttachment", 1)
    refused(agent, draft, "AddAttachment", 10, documentId="DOC2", size=-1)
    refused(agent, draft, "RemoveAttachment", 6, documentId="NOPE")
    refused(agent, accepted, "AddAttachment", 2, documentId="DOC3")
    data = perform(agent, draft, "RemoveAttachment", documentId="DOC1")
    assert data["notificationType"] == "AttachmentRemoved" and data["email"]["attachments"] == []


def test_a_queue_or_document_the_deployment_lacks_is_a_resource_not_found(make_server, make_agent):
    """Held names only (serve --queue, --document-id): any other is refused with statusCode 6."""
    server = make_server(queues=("parking",), documents=("doc-1",))
    agent = make_agent(server, 1).onboard()
    email_id = server.inject(to=[agent.address], subject="Held names")
    agent.invitation(email_id)
    perform(agent, email_id, "Accept")
    refused(agent, email_id, "Complete", 6, queueName="elsewhere")
    draft = perform(agent, email_id, "Reply", queueUri="http://gws/api/v2/queues/parking")["email"]["id"]
    refused(agent, draft, "AddAttachment", 6, documentId="doc-2")
    perform(agent, draft, "AddAttachment", documentId="doc-1")
    perform(agent, email_id, "Complete", queueName="parking")
