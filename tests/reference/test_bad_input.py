"""Hostile and malformed requests: a clear 4xx refusal, no change, and the server keeps serving."""

from __future__ import annotations

import json

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.reference import ReferenceServer, ServerConfig

from .agents import Agent, email_events

LIMIT = 2_000
OPERATIONS = ["Accept", "Reject", "Complete", "Transfer", "Reply", "Save", "Send", "AttachUserData", "DeleteUserData", "SetDisposition", "AddAttachment", "Nope"]


@pytest.fixture(scope="module")
def target():
    """(server, agent1 onboarded, the id of an email invited to agent1)."""
    server = ReferenceServer(ServerConfig(max_body_bytes=LIMIT, bayeux_timeout_ms=1000)).start()
    agent = Agent(server, 1).onboard()
    email_id = server.inject(to=[agent.address])
    agent.invitation(email_id)
    yield server, agent, email_id
    agent.close()
    server.stop()


def assert_refused(answer: httpx.Response, status: int, code: int) -> None:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert set(body) == {"statusCode", "statusMessage"} and body["statusCode"] == code and body["statusMessage"]


def assert_unchanged(agent: Agent, email_id: str) -> None:
    assert agent.drain() == []
    assert agent.get_email(email_id).json()["email"]["state"] == "Invited"


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b'{"operationName": "Accept",}', b"\xff\xfe{}", b'{"operationName": NaN}', b'{"a": Infinity}',
     b'{"operationName": "Accept", "saveLAR": 1e999}', pytest.param(b"[" * 990 + b"]" * 990, id="deep"), b"'single quotes'"],
)
def test_malformed_json_is_status_10(target, content):
    server, agent, email_id = target
    answer = agent.http.post(f"/api/v2/me/emails/{email_id}", content=content, headers={"content-type": "application/json"})
    assert_refused(answer, 400, 10)
    assert_unchanged(agent, email_id)


@pytest.mark.parametrize("body", [[], "Accept", 1, None, [{"operationName": "Accept"}]])
def test_a_body_that_is_not_an_object_is_status_10(target, body):
    server, agent, email_id = target
    answer = agent.http.post(f"/api/v2/me/emails/{email_id}", content=json.dumps(body), headers={"content-type": "application/json"})
    assert_refused(answer, 400, 10)
    assert_unchanged(agent, email_id)


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded", "application/jsonx"])
def test_wrong_content_type_is_415(target, content_type):
    server, agent, email_id = target
    headers = {} if content_type is None else {"content-type": content_type}
    answer = agent.http.post(f"/api/v2/me/emails/{email_id}", content=b'{"operationName": "Accept"}', headers=headers)
    assert_refused(answer, 415, 10)
    assert_unchanged(agent, email_id)


def test_json_with_charset_is_fine(target):
    server, agent, _ = target
    answer = agent.http.post("/api/v2/me/emails/NOSUCH", content=b'{"operationName": "Accept"}', headers={"content-type": "Application/JSON; charset=utf-8"})
    assert_refused(answer, 404, 6)


def test_bodies_over_the_limit_are_413_declared_or_streamed(target):
    server, agent, email_id = target
    big = json.dumps({"operationName": "Accept", "padding": "x" * LIMIT}).encode()
    assert_refused(agent.http.post(f"/api/v2/me/emails/{email_id}", content=big, headers={"content-type": "application/json"}), 413, 10)

    def chunks():
        for start in range(0, len(big), 500):
            yield big[start : start + 500]

    streamed = agent.http.post(f"/api/v2/me/emails/{email_id}", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in streamed.request.headers
    assert_refused(streamed, 413, 10)
    assert_refused(httpx.post(server.base_url + "/reference/v1/inbound", content=big, headers={"content-type": "application/json"}), 413, 10)
    assert_unchanged(agent, email_id)


@pytest.mark.parametrize(
    ("operation", "params", "code"),
    [
        (None, {}, 1),
        (7, {}, 10),
        ("", {}, 10),
        (["Accept"], {}, 10),
        ("accept", {}, 10),
        ("Accept", {"saveLAR": "false"}, 10),
        ("Complete", {}, 2),
        ("Reply", {"quoteOriginal": True}, 2),
    ],
)
def test_wrong_operation_names_and_types_change_nothing(target, operation, params, code):
    server, agent, email_id = target
    body = dict(params) if operation is None else {"operationName": operation, **params}
    answer = agent.post(f"/api/v2/me/emails/{email_id}", body)
    assert answer.json()["statusCode"] == code
    assert_unchanged(agent, email_id)


def test_unrouted_methods_and_paths_answer_in_the_error_shape(target):
    server, agent, email_id = target
    assert_refused(agent.http.delete(f"/api/v2/me/emails/{email_id}"), 404, 6)
    assert_refused(httpx.get(server.base_url + "/nowhere"), 404, 6)
    assert_refused(httpx.get(server.base_url + "/reference/v1/inbound"), 405, 10)
    assert_unchanged(agent, email_id)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
bodies = st.dictionaries(
    st.sampled_from(["operationName", "saveLAR", "queueName", "userUri", "userData", "keys", "email", "documentId", "disposition"]),
    json_values,
    max_size=5,
) | json_values


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies, operation=st.sampled_from(OPERATIONS), draft=st.booleans())
def test_fuzzed_bodies_are_refused_cleanly_or_performed(target, body, operation, draft):
    """On a fresh accepted email or draft: a refusal is a clean 4xx that changes and notifies nothing."""
    server, agent, _ = target
    email_id = server.inject(to=[agent.address])
    assert agent.op(email_id, "Accept").json()["statusCode"] == 0
    agent.drain()
    if draft:
        agent.post("/api/v2/me/emails", {"operationName": "Create", "queueUri": "q"})
        [created] = email_events(agent.drain())
        email_id = created["email"]["id"]
    before = agent.get_email(email_id).json()["email"]
    if isinstance(body, dict) and "operationName" not in body:
        body = {**body, "operationName": operation}
    answer = agent.post(f"/api/v2/me/emails/{email_id}", body)
    assert answer.status_code < 500
    reply = answer.json()
    if reply["statusCode"] == 0:
        assert answer.status_code == 200 and set(reply) == {"statusCode", "referenceId"}
        agent.drain()  # the module's other tests expect no pending notification
    else:
        assert 400 <= answer.status_code < 500
        assert set(reply) == {"statusCode", "statusMessage"} and reply["statusCode"] in (1, 2, 3, 6, 10)
        assert agent.drain() == []
        assert agent.get_email(email_id).json()["email"] == before
    assert agent.http.get("/api/v2/me").status_code == 200
