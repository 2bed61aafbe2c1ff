"""Each fault switch of the REST routes and the email lifecycle breaks what it says, and only that."""

from __future__ import annotations

import httpx
import pytest

from conformance.catalog import load_catalog
from conformance.reference.email.faults import EmailFault as F
from conformance.reference.email.faults import FAULTS
from conformance.reference.switches import all_faults

from .agents import CHANNELS, EMAILS, email_events


@pytest.fixture
def faulty(make_server, make_agent):
    """faulty(name) -> (server, agent1 onboarded, email id of an invitation to agent1)."""

    def make(name: str, *, invite: bool = True):
        server = make_server(faults={name})
        agent = make_agent(server, 1).onboard()
        email_id = None
        if invite:
            email_id = server.inject(to=[agent.address], subject="Fault")
            agent.invitation(email_id)
        return server, agent, email_id

    return make


def test_every_email_fault_is_registered_and_names_catalog_requirements():
    catalog_ids = {r.id for r in load_catalog()}
    registered = all_faults()
    for fault in FAULTS:
        assert registered[fault.name] is fault
        assert fault.breaks and set(fault.breaks) <= catalog_ids, fault.name
        assert fault.description.endswith(".")


def test_invite_wrong_capabilities(make_server, make_agent):
    server = make_server(faults={F.INVITE_WRONG_CAPABILITIES})
    agent = make_agent(server, 1).onboard()
    email_id = server.inject(to=[agent.address])
    assert agent.invitation(email_id)["capabilities"] == ["Accept"]
    assert agent.op(email_id, "Reject").json()["statusCode"] == 0  # only the advertisement is wrong


def test_accept_http_204(faulty):
    _, agent, email_id = faulty(F.ACCEPT_HTTP_204)
    answer = agent.op(email_id, "Accept")
    assert answer.status_code == 204 and answer.content == b""
    assert email_events(agent.drain())[0]["email"]["state"] == "Processing"


def test_accept_body_not_json(faulty):
    _, agent, email_id = faulty(F.ACCEPT_BODY_NOT_JSON)
    answer = agent.op(email_id, "Accept")
    assert (answer.status_code, answer.text) == (200, "OK")
    assert answer.headers["content-type"].startswith("text/plain")


def test_accept_no_notification(faulty):
    _, agent, email_id = faulty(F.ACCEPT_NO_NOTIFICATION)
    assert agent.op(email_id, "Accept").json()["statusCode"] == 0
    assert agent.drain() == []
    assert agent.get_email(email_id).json()["email"]["state"] == "Processing"


def test_accept_on_interactions_channel(faulty):
    _, agent, email_id = faulty(F.ACCEPT_ON_INTERACTIONS_CHANNEL)
    agent.subscribe("/v2/me/interactions")
    agent.op(email_id, "Accept")
    [event] = agent.drain()
    assert event["channel"] == "/v2/me/interactions" and event["data"]["email"]["state"] == "Processing"


def _accept_notification(faulty, name):
    _, agent, email_id = faulty(name)
    answer = agent.op(email_id, "Accept").json()
    [data] = email_events(agent.drain())
    return email_id, answer, data


def test_accept_wrong_message_type(faulty):
    _, _, data = _accept_notification(faulty, F.ACCEPT_WRONG_MESSAGE_TYPE)
    assert data["messageType"] == "InteractionStateChangeMessage"


def test_accept_wrong_email_id(faulty):
    email_id, _, data = _accept_notification(faulty, F.ACCEPT_WRONG_EMAIL_ID)
    assert data["email"]["id"] != email_id and data["email"]["uri"].endswith("/" + data["email"]["id"])


def test_accept_state_stays_invited(faulty):
    _, agent, email_id = faulty(F.ACCEPT_STATE_STAYS_INVITED)
    agent.op(email_id, "Accept")
    [data] = email_events(agent.drain())
    assert data["email"]["state"] == "Invited" and "Complete" in data["email"]["capabilities"]
    assert agent.get_email(email_id).json()["email"]["state"] == "Processing"


def test_accept_capabilities_stale(faulty):
    _, _, data = _accept_notification(faulty, F.ACCEPT_CAPABILITIES_STALE)
    assert data["email"]["state"] == "Processing" and data["email"]["capabilities"] == ["Accept", "Reject"]


def test_accept_referenceid_mismatch(faulty):
    _, answer, data = _accept_notification(faulty, F.ACCEPT_REFERENCEID_MISMATCH)
    assert data["referenceId"] != answer["referenceId"]


def test_accept_notification_no_uri(faulty):
    _, _, data = _accept_notification(faulty, F.ACCEPT_NOTIFICATION_NO_URI)
    assert "uri" not in data["email"] and data["email"]["state"] == "Processing"


def test_accept_savelar_false_refused(faulty):
    server, agent, email_id = faulty(F.ACCEPT_SAVELAR_FALSE_REFUSED)
    assert agent.op(email_id, "Accept", saveLAR=False).json()["statusCode"] == 10
    assert agent.op(email_id, "Accept", saveLAR=True).json()["statusCode"] == 0


def test_accept_invalid_savelar_accepted(faulty):
    _, agent, email_id = faulty(F.ACCEPT_INVALID_SAVELAR_ACCEPTED)
    assert agent.op(email_id, "Accept", saveLAR="yes").json()["statusCode"] == 0


def test_accept_twice_allowed(faulty):
    _, agent, email_id = faulty(F.ACCEPT_TWICE_ALLOWED)
    agent.op(email_id, "Accept")
    agent.drain()
    assert agent.op(email_id, "Accept").json()["statusCode"] == 0
    assert email_events(agent.drain())[0]["email"]["state"] == "Processing"


def test_accept_unknown_id_wrong_status(faulty):
    _, agent, _ = faulty(F.ACCEPT_UNKNOWN_ID_WRONG_STATUS, invite=False)
    assert agent.op("NOSUCHEMAIL", "Accept").json()["statusCode"] == 2
    assert agent.op("NOSUCHEMAIL", "Reject").json()["statusCode"] == 6


def test_accept_other_agent_allowed(faulty, make_agent):
    server, owner, email_id = faulty(F.ACCEPT_OTHER_AGENT_ALLOWED)
    intruder = make_agent(server, 2).onboard()
    assert intruder.op(email_id, "Accept").json()["statusCode"] == 0
    assert email_events(intruder.drain())[0]["email"]["state"] == "Processing"


def test_accept_without_credentials(faulty):
    server, agent, email_id = faulty(F.ACCEPT_WITHOUT_CREDENTIALS)
    url = f"{server.base_url}/api/v2/me/emails/{email_id}"
    assert httpx.post(url, json={"operationName": "Reject"}).status_code == 401
    answer = httpx.post(url, json={"operationName": "Accept"})
    assert answer.json()["statusCode"] == 0 and "set-cookie" not in answer.headers
    assert email_events(agent.drain())[0]["email"]["state"] == "Processing"


def test_missing_operation_wrong_status(faulty):
    _, agent, email_id = faulty(F.MISSING_OPERATION_WRONG_STATUS)
    assert agent.post(f"/api/v2/me/emails/{email_id}", {}).json()["statusCode"] == 10


def test_unknown_operation_accepted(faulty):
    _, agent, email_id = faulty(F.UNKNOWN_OPERATION_ACCEPTED)
    answer = agent.op(email_id, "Teleport")
    assert answer.status_code == 200 and answer.json()["statusCode"] == 0
    assert agent.drain() == [] and agent.get_email(email_id).json()["email"]["state"] == "Invited"


def test_get_email_stale_state(faulty):
    _, agent, email_id = faulty(F.GET_EMAIL_STALE_STATE)
    agent.op(email_id, "Accept")
    assert email_events(agent.drain())[0]["email"]["state"] == "Processing"
    assert agent.get_email(email_id).json()["email"]["state"] == "Invited"


def test_reject_http_202(faulty):
    _, agent, email_id = faulty(F.REJECT_HTTP_202)
    answer = agent.op(email_id, "Reject")
    assert answer.status_code == 202 and answer.json()["statusCode"] == 0


def test_reject_no_notification(faulty):
    _, agent, email_id = faulty(F.REJECT_NO_NOTIFICATION)
    assert agent.op(email_id, "Reject").json()["statusCode"] == 0
    assert agent.drain() == []


def test_reject_keeps_ownership(faulty, make_agent):
    server, first, email_id = faulty(F.REJECT_KEEPS_OWNERSHIP)
    second = make_agent(server, 2).onboard()
    first.op(email_id, "Reject")
    second.invitation(email_id)
    assert first.op(email_id, "Accept").json()["statusCode"] == 0


def test_reject_not_reoffered(faulty, make_agent):
    server, first, email_id = faulty(F.REJECT_NOT_REOFFERED)
    second = make_agent(server, 2).onboard()
    first.op(email_id, "Reject")
    assert email_events(second.drain()) == []
    parked = httpx.get(server.base_url + "/reference/v1/queues/rejected").json()["emails"]
    assert [e["id"] for e in parked] == [email_id]


def test_reject_after_accept_allowed(faulty, make_agent):
    server, first, email_id = faulty(F.REJECT_AFTER_ACCEPT_ALLOWED)
    second = make_agent(server, 2).onboard()
    first.op(email_id, "Accept")
    assert first.op(email_id, "Reject").json()["statusCode"] == 0
    assert second.invitation(email_id)["capabilities"] == ["Accept", "Reject"]


def test_channel_notification_without_messagetype(faulty):
    _, agent, _ = faulty(F.CHANNEL_NOTIFICATION_WITHOUT_MESSAGETYPE, invite=False)
    agent.set_state("NotReady")
    [event] = agent.drain()
    assert event["channel"] == CHANNELS and "messageType" not in event["data"]


def test_error_without_statusmessage(faulty):
    _, agent, _ = faulty(F.ERROR_WITHOUT_STATUSMESSAGE, invite=False)
    answer = agent.op("NOSUCHEMAIL", "Accept")
    assert (answer.status_code, answer.json()) == (404, {"statusCode": 6})


def test_errors_http_200(faulty):
    server, agent, _ = faulty(F.ERRORS_HTTP_200, invite=False)
    answer = agent.op("NOSUCHEMAIL", "Accept")
    assert (answer.status_code, answer.json()["statusCode"]) == (200, 6)
    anonymous = httpx.get(server.base_url + "/api/v2/me")
    assert (anonymous.status_code, anonymous.json()["statusCode"]) == (200, 20)


def test_start_session_old_shape(make_server, make_agent):
    agent = make_agent(make_server(faults={F.START_SESSION_OLD_SHAPE}), 1)
    assert agent.start_session().json() == {"status": "ok"}
    assert agent.set_state("Ready").json()["statusCode"] == 0  # the session was started


def test_ready_old_shape(make_server, make_agent):
    agent = make_agent(make_server(faults={F.READY_OLD_SHAPE}), 1)
    agent.subscribe(CHANNELS)
    agent.start_session()
    assert agent.set_state("Ready").json() == {"status": "ok"}
    assert agent.drain()[0]["data"]["channels"][0]["userState"]["state"] == "Ready"


def test_ready_no_notification(make_server, make_agent):
    server = make_server(faults={F.READY_NO_NOTIFICATION})
    agent = make_agent(server, 1)
    agent.subscribe(CHANNELS, EMAILS)
    agent.start_session()
    assert agent.set_state("Ready").json()["statusCode"] == 0
    assert agent.drain() == []
    email_id = server.inject(to=[agent.address])
    assert agent.invitation(email_id)["state"] == "Invited"  # Ready did take effect


def test_get_me_without_credentials(make_server):
    server = make_server(faults={F.GET_ME_WITHOUT_CREDENTIALS})
    answer = httpx.get(server.base_url + "/api/v2/me")
    assert answer.status_code == 200 and answer.json()["user"]["id"] == "agent1"
    assert "set-cookie" not in answer.headers
    assert httpx.get(server.base_url + "/api/v2/me/emails").status_code == 401


@pytest.mark.parametrize("name", [F.REPLY_WRONG_PARENTID, F.CREATE_WRONG_PARENTID])
def test_new_email_names_another_parent(faulty, name):
    _, agent, email_id = faulty(name)
    agent.op(email_id, "Accept")
    if name == F.REPLY_WRONG_PARENTID:
        answer = agent.op(email_id, "Reply", queueUri="gwsct-outbound", bodyAsPlainText="hi", body="<p>hi</p>")
    else:
        answer = agent.post("/api/v2/me/emails", {"operationName": "Create", "queueUri": "gwsct-outbound", "parentId": email_id})
    assert answer.json()["statusCode"] == 0
    drafts = [d["email"] for d in email_events(agent.drain()) if d["email"]["id"] != email_id]
    assert [d.get("parentId") for d in drafts] == [f"{email_id}-other"]
