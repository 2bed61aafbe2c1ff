"""Authentication, contact-center session and Ready/NotReady on the email channel."""

from __future__ import annotations

import httpx

from conformance.reference.auth import SESSION_COOKIE

from .agents import CHANNELS


def test_no_credentials_is_status_20_with_http_401(server):
    answer = httpx.get(server.base_url + "/api/v2/me")
    assert answer.status_code == 401
    assert answer.json() == {"statusCode": 20, "statusMessage": "Access denied"}


def test_wrong_password_and_unknown_user_are_refused(server):
    for auth in (("agent1", "wrong"), ("nobody", "password1")):
        answer = httpx.post(server.base_url + "/api/v2/me/emails/X", auth=auth, json={"operationName": "Accept"})
        assert (answer.status_code, answer.json()["statusCode"]) == (401, 20)


def test_get_me_describes_the_agent_and_sets_a_session_cookie(server, make_agent):
    answer = make_agent(server, 2).http.get("/api/v2/me")
    assert answer.status_code == 200
    assert answer.json() == {
        "statusCode": 0,
        "user": {
            "id": "agent2",
            "userName": "agent2",
            "firstName": "Agent",
            "lastName": "2",
            "emailAddress": "agent2@reference.gws.test",
            "channels": [],
        },
    }
    cookie = answer.cookies[SESSION_COOKIE]
    with httpx.Client(base_url=server.base_url, cookies={SESSION_COOKIE: cookie}) as cookie_only:
        assert cookie_only.get("/api/v2/me").json()["user"]["id"] == "agent2"


def test_start_session_then_ready_is_announced_and_visible(server, make_agent):
    agent = make_agent(server, 1)
    agent.subscribe(CHANNELS)
    start = agent.start_session()
    assert start.status_code == 200 and start.json()["statusCode"] == 0
    assert isinstance(start.json()["referenceId"], int)
    assert agent.http.get("/api/v2/me").json()["user"]["channels"] == [
        {"channel": "email", "userState": {"state": "NotReady"}}
    ]
    ready = agent.set_state("Ready")
    assert ready.json() == {"statusCode": 0, "referenceId": start.json()["referenceId"] + 1}
    [event] = agent.drain()
    assert event == {
        "channel": CHANNELS,
        "data": {
            "messageType": "ChannelStateChangeMessageV2",
            "channels": [{"channel": "email", "userState": {"state": "Ready"}}],
        },
    }
    assert agent.set_state("NotReady").json()["statusCode"] == 0
    [event] = agent.drain()
    assert event["data"]["channels"][0]["userState"]["state"] == "NotReady"


def test_ready_without_a_session_is_refused(server, make_agent):
    answer = make_agent(server, 1).set_state("Ready")
    assert (answer.status_code, answer.json()["statusCode"]) == (409, 2)


def test_start_session_validates_channels(server, make_agent):
    agent = make_agent(server, 1)
    cases = [
        ({"operationName": "StartContactCenterSession"}, 400, 1),
        ({"operationName": "StartContactCenterSession", "channels": "email"}, 400, 10),
        ({"operationName": "StartContactCenterSession", "channels": ["voice"]}, 400, 10),
        ({"operationName": "Logout"}, 400, 10),
        ({}, 400, 1),
    ]
    for body, status, code in cases:
        answer = agent.post("/api/v2/me", body)
        assert (answer.status_code, answer.json()["statusCode"]) == (status, code), body
    assert agent.http.get("/api/v2/me").json()["user"]["channels"] == []


def test_channel_operation_must_be_known(server, make_agent):
    agent = make_agent(server, 1)
    agent.start_session()
    answer = agent.set_state("OutToLunch")
    assert (answer.status_code, answer.json()["statusCode"]) == (400, 10)


def test_end_session_invalidates_the_cookie_and_stops_invitations(server, make_agent):
    agent = make_agent(server, 1).onboard()
    cookie = agent.http.get("/api/v2/me").cookies.get(SESSION_COOKIE) or agent.http.cookies[SESSION_COOKIE]
    end = agent.post("/api/v2/me", {"operationName": "EndContactCenterSession"})
    assert end.json()["statusCode"] == 0
    with httpx.Client(base_url=server.base_url, cookies={SESSION_COOKIE: cookie}) as cookie_only:
        assert cookie_only.get("/api/v2/me").status_code == 401
    email_id = server.inject(to=[agent.address], subject="after end")
    assert agent.drain() == []
    assert [e["id"] for e in httpx.get(server.base_url + "/reference/v1/queues/inbound").json()["emails"]] == [email_id]


def test_unknown_api_path_is_status_6_after_authentication(server, make_agent):
    assert httpx.get(server.base_url + "/api/v2/me/calls").status_code == 401
    answer = make_agent(server, 1).http.get("/api/v2/me/calls")
    assert (answer.status_code, answer.json()["statusCode"]) == (404, 6)
    assert set(answer.json()) == {"statusCode", "statusMessage"}


def test_reference_ids_increase_across_agents(server, make_agent):
    first = make_agent(server, 1).start_session().json()["referenceId"]
    second = make_agent(server, 2).start_session().json()["referenceId"]
    assert second > first


def test_cookie_less_clients_share_one_session_per_agent(server):
    tokens = {httpx.get(server.base_url + "/api/v2/me", auth=("agent3", "password3")).cookies[SESSION_COOKIE] for _ in range(5)}
    assert len(tokens) == 1  # bounded: not one token per request
