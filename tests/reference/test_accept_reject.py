"""Invitations, Accept, Reject and GET: the first slice of the lifecycle."""

from __future__ import annotations

import threading

import httpx

from conformance import schemas

from .agents import EMAILS, email_events

PROCESSING_CAPABILITIES = [
    "Reply", "ReplyAll", "Transfer", "AttachUserData", "UpdateUserData", "DeleteUserData", "SetDisposition", "Complete",
]


def invite(server, agent, **fields):
    email_id = server.inject(to=[agent.address], subject=fields.pop("subject", "Question"), body="Hello", **fields)
    agent.invitation(email_id)
    return email_id


def test_invitation_is_a_valid_status_change_without_reference_id(server, make_agent):
    agent = make_agent(server, 1).onboard()
    email_id = server.inject(to=[agent.address], cc=["boss@example.test"], subject="Order 42", body="<p>Hi</p>")
    [event] = agent.drain()
    assert event["channel"] == EMAILS
    data = event["data"]
    assert schemas.errors("email-state-change-message", data) == []
    assert data["messageType"] == "EmailStateChangeMessage" and data["notificationType"] == "StatusChange"
    assert "referenceId" not in data
    email = data["email"]
    assert (email["id"], email["state"], email["capabilities"]) == (email_id, "Invited", ["Accept", "Reject"])
    assert email["uri"] == f"{server.base_url}/api/v2/me/emails/{email_id}"
    assert (email["emailType"], email["from"], email["to"], email["cc"]) == (
        "Inbound", "customer@example.test", [agent.address], ["boss@example.test"],
    )
    assert email["subject"] == "Order 42" and email["bodyAsPlainText"] == "Hi"
    assert email["userData"]["FromAddress"] == "customer@example.test" and email["userData"]["Mailbox"] == agent.address
    assert email["contactId"] and email["receivedDate"]


def test_accept_answers_200_and_notifies_processing_with_the_same_reference_id(server, make_agent):
    agent = make_agent(server, 1).onboard()
    email_id = invite(server, agent)
    answer = agent.op(email_id, "Accept")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    assert body["statusCode"] == 0 and isinstance(body["referenceId"], int)
    [data] = email_events(agent.drain())
    assert schemas.errors("email-state-change-message", data) == []
    assert (data["messageType"], data["notificationType"], data["referenceId"]) == (
        "EmailStateChangeMessage", "StatusChange", body["referenceId"],
    )
    assert (data["email"]["id"], data["email"]["state"]) == (email_id, "Processing")
    assert data["email"]["capabilities"] == PROCESSING_CAPABILITIES
    got = agent.get_email(email_id).json()
    assert got["statusCode"] == 0 and got["email"]["state"] == "Processing"
    listed = agent.http.get("/api/v2/me/emails", params={"fields": "*"}).json()
    assert [e["id"] for e in listed["emails"]] == [email_id]


def test_save_lar_true_and_false_are_accepted(server, make_agent):
    agent = make_agent(server, 1).onboard()
    for value in (True, False):
        email_id = invite(server, agent)
        assert agent.op(email_id, "Accept", saveLAR=value).json()["statusCode"] == 0


def test_invalid_save_lar_is_refused_and_changes_nothing(server, make_agent):
    agent = make_agent(server, 1).onboard()
    email_id = invite(server, agent)
    for value in ("yes", 1, None, "", {}, "true"):
        answer = agent.op(email_id, "Accept", saveLAR=value)
        assert (answer.status_code, answer.json()["statusCode"]) == (400, 10), value
        assert set(answer.json()) == {"statusCode", "statusMessage"}
    assert agent.drain() == []
    assert agent.get_email(email_id).json()["email"]["state"] == "Invited"


def test_second_accept_is_refused_with_status_2(server, make_agent):
    agent = make_agent(server, 1).onboard()
    email_id = invite(server, agent)
    agent.op(email_id, "Accept")
    agent.drain()
    answer = agent.op(email_id, "Accept")
    assert (answer.status_code, answer.json()["statusCode"]) == (409, 2)
    assert agent.drain() == []


def test_unknown_email_is_status_6(server, make_agent):
    answer = make_agent(server, 1).op("NOSUCHEMAIL", "Accept")
    assert (answer.status_code, answer.json()["statusCode"]) == (404, 6)
    assert make_agent(server, 2).get_email("NOSUCHEMAIL").json()["statusCode"] == 6


def test_another_agents_invitation_cannot_be_accepted_or_read(server, make_agent):
    owner, other = make_agent(server, 1).onboard(), make_agent(server, 2).onboard()
    email_id = invite(server, owner)
    answer = other.op(email_id, "Accept")
    assert (answer.status_code, answer.json()["statusCode"]) == (403, 3)
    read = other.get_email(email_id)
    assert (read.status_code, read.json()["statusCode"]) == (403, 3)
    assert "email" not in read.json()
    assert owner.drain() == [] and other.drain() == []
    assert owner.get_email(email_id).json()["email"]["state"] == "Invited"


def test_missing_and_unknown_operation_names(server, make_agent):
    agent = make_agent(server, 1).onboard()
    email_id = invite(server, agent)
    missing = agent.post(f"/api/v2/me/emails/{email_id}", {"saveLAR": True})
    assert (missing.status_code, missing.json()["statusCode"]) == (400, 1)
    unknown = agent.op(email_id, "Teleport")
    assert (unknown.status_code, unknown.json()["statusCode"]) == (400, 10)
    assert "Teleport" in unknown.json()["statusMessage"]
    assert agent.drain() == [] and agent.get_email(email_id).json()["email"]["state"] == "Invited"


def test_reject_ends_it_for_the_agent_and_offers_it_to_another(server, make_agent):
    first = make_agent(server, 1).onboard()
    second = make_agent(server, 2).onboard()
    email_id = server.inject(to=["sales@example.test"], subject="Anyone")
    receiver = first if any(e["data"]["email"]["id"] == email_id for e in first.drain()) else second
    other = second if receiver is first else first
    answer = receiver.op(email_id, "Reject")
    assert answer.status_code == 200 and answer.json()["statusCode"] == 0
    [data] = email_events(receiver.drain())
    assert (data["notificationType"], data["referenceId"]) == ("StatusChange", answer.json()["referenceId"])
    assert (data["email"]["id"], data["email"]["state"], data["email"]["capabilities"]) == (email_id, "Completed", [])
    assert other.invitation(email_id)["capabilities"] == ["Accept", "Reject"]
    assert receiver.op(email_id, "Accept").json()["statusCode"] == 3
    assert other.op(email_id, "Accept").json()["statusCode"] == 0


def test_rejected_email_waits_for_an_agent_that_has_not_rejected_it(server, make_agent):
    first = make_agent(server, 1).onboard()
    email_id = invite(server, first)
    first.op(email_id, "Reject")
    first.drain()
    queued = httpx.get(server.base_url + "/reference/v1/queues/inbound").json()["emails"]
    assert [e["id"] for e in queued] == [email_id]
    first.set_state("NotReady")
    first.set_state("Ready")
    assert email_events(first.drain()) == []
    second = make_agent(server, 2).onboard(ready=False)
    second.set_state("Ready")
    assert second.invitation(email_id)["state"] == "Invited"


def test_reject_after_accept_is_status_2(server, make_agent):
    agent = make_agent(server, 1).onboard()
    email_id = invite(server, agent)
    agent.op(email_id, "Accept")
    agent.drain()
    answer = agent.op(email_id, "Reject")
    assert (answer.status_code, answer.json()["statusCode"]) == (409, 2)
    assert agent.drain() == [] and agent.get_email(email_id).json()["email"]["state"] == "Processing"


def test_racing_accepts_have_exactly_one_winner(make_server, make_agent):
    # Even with ownership unchecked (the fault), the state check-and-set admits one Accept.
    server = make_server(faults={"accept-other-agent-allowed"})
    agents = [make_agent(server, n).onboard() for n in (1, 2, 3)]
    email_id = invite(server, agents[0])
    barrier = threading.Barrier(9)
    codes: list[int] = []

    def accept(agent):
        barrier.wait(5)
        codes.append(agent.op(email_id, "Accept").json()["statusCode"])

    threads = [threading.Thread(target=accept, args=(a,)) for a in agents for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(codes) == [0] + [2] * 8
    accepted = [e for a in agents for e in email_events(a.drain()) if e["email"]["state"] == "Processing"]
    assert len(accepted) == 1
