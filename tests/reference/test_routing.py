"""Routing of inbound emails: by address, round robin, held while nobody is Ready."""

from __future__ import annotations

import httpx

from .agents import email_events


def invited_ids(agent):
    return [e["email"]["id"] for e in email_events(agent.drain()) if e["email"]["state"] == "Invited"]


def test_an_email_addressed_to_a_ready_agent_goes_to_that_agent(server, make_agent):
    agents = [make_agent(server, n).onboard() for n in (1, 2, 3)]
    email_id = server.inject(to=["someone@example.test", agents[2].address])
    assert [invited_ids(a) for a in agents] == [[], [], [email_id]]


def test_other_emails_go_round_robin_over_ready_agents(server, make_agent):
    agents = [make_agent(server, n).onboard() for n in (1, 2, 3)]
    not_ready = make_agent(server, 4).onboard(ready=False)
    ids = [server.inject(to=["support@example.test"]) for _ in range(6)]
    received = [invited_ids(a) for a in agents]
    assert sorted(len(r) for r in received) == [2, 2, 2]
    assert sorted(i for r in received for i in r) == sorted(ids)
    assert invited_ids(not_ready) == []


def test_emails_wait_in_the_inbound_queue_until_an_agent_is_ready(server, make_agent):
    ids = [server.inject(to=["support@example.test"]) for _ in range(3)]
    queue = httpx.get(server.base_url + "/reference/v1/queues/inbound").json()
    assert queue["queue"] == "inbound" and [e["id"] for e in queue["emails"]] == ids
    agent = make_agent(server, 1).onboard()
    assert invited_ids(agent) == ids
    assert httpx.get(server.base_url + "/reference/v1/queues/inbound").json()["emails"] == []


def test_a_not_ready_agent_keeps_its_invitations_but_gets_no_new_ones(server, make_agent):
    agent = make_agent(server, 1).onboard()
    first = server.inject(to=[agent.address])
    agent.set_state("NotReady")
    second = server.inject(to=[agent.address])
    assert invited_ids(agent) == [first]
    assert agent.op(first, "Accept").json()["statusCode"] == 0
    agent.set_state("Ready")
    assert second in invited_ids(agent)


def test_round_robin_routing_ignores_the_address(make_server, make_agent):
    """serve --routing round-robin: an agent group, whatever the To address."""
    server = make_server(routing="round-robin")
    agents = [make_agent(server, n).onboard() for n in (1, 2)]
    ids = [server.inject(to=[agents[0].address]) for _ in range(4)]
    assert [invited_ids(a) for a in agents] == [ids[0::2], ids[1::2]]
    agents[0].set_state("NotReady")
    again = server.inject(to=[agents[0].address])
    assert invited_ids(agents[1]) == [again] and invited_ids(agents[0]) == []


def test_round_robin_still_offers_a_rejected_email_to_another_agent(make_server, make_agent):
    server = make_server(routing="round-robin")
    agents = [make_agent(server, n).onboard() for n in (1, 2)]
    email_id = server.inject(to=[agents[1].address])
    [first] = [a for a in agents if invited_ids(a) == [email_id]]
    [other] = [a for a in agents if a is not first]
    assert first.op(email_id, "Reject").json()["statusCode"] == 0
    assert invited_ids(other) == [email_id]
