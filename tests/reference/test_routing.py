"""The reference server's choice of agent: by address (the default) or round robin."""

from __future__ import annotations

from conformance.reference.agents import default_agents
from conformance.reference.email.routing import ADDRESSED, ROUND_ROBIN, Router


def _router(mode: str) -> tuple[Router, list[str], list[str]]:
    agents = default_agents(3)
    router = Router(agents, mode)
    for agent in agents[:2]:  # the third has no session: never Ready, never chosen
        router.start_session(agent.id)
        router.set_ready(agent.id, True)
    return router, [a.id for a in agents], [a.address for a in agents]


def test_addressed_routing_offers_the_email_to_its_ready_addressee():
    router, ids, addresses = _router(ADDRESSED)
    assert [router.choose([addresses[0]], set()) for _ in range(3)] == [ids[0]] * 3
    assert router.choose([addresses[0], addresses[1]], exclude={ids[0]}) == ids[1]


def test_round_robin_ignores_the_address_and_takes_turns_among_ready_agents():
    router, ids, addresses = _router(ROUND_ROBIN)
    assert [router.choose([addresses[0]], set()) for _ in range(4)] == [ids[0], ids[1], ids[0], ids[1]]
    router.set_ready(ids[1], False)
    assert [router.choose([addresses[1]], set()) for _ in range(2)] == [ids[0], ids[0]]
    assert router.choose([addresses[0]], exclude={ids[0]}) is None
