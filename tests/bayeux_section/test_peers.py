"""The Bayeux section against independent Bayeux servers: npm faye 1.4.3 and CometD's own
Node.js server (npm cometd-nodejs-server 1.2.1).

Every requirement passes, except where `departures.py` (the README's interop matrix) documents
why: a departure from Bayeux with the verdict it gets, or a feature the server's profile leaves
undeclared (NOT-APPLICABLE). The CometD server never FAILs: what it shares with CometD's Java
server, which GWS embeds, the checks tolerate or judge as a SHOULD.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from conformance.catalog import load_catalog

from .departures import DEPARTURES, UNDECLARED, departures_of
from .runs import PEERS, ROOT, BayeuxPeer, bayeux_ids, explain, missing_reason, profile_for, run_peer, verdicts

pytestmark = pytest.mark.interop

Runs = Callable[[BayeuxPeer], dict[str, dict[str, Any]]]


@pytest.fixture(scope="module")
def section_run(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """The section's verdicts against a peer, run once per peer in this module."""
    done: dict[str, dict[str, dict[str, Any]]] = {}

    def run(peer: BayeuxPeer) -> dict[str, dict[str, Any]]:
        reason = missing_reason(peer)
        if reason:
            pytest.skip(reason)
        if peer.name not in done:
            done[peer.name] = verdicts(run_peer(peer, tmp_path_factory.mktemp(peer.name)))
        return done[peer.name]

    return run


@pytest.mark.parametrize("requirement", bayeux_ids())
@pytest.mark.parametrize("peer", PEERS, ids=lambda p: p.name)
def test_passes_or_documented(section_run: Runs, peer: BayeuxPeer, requirement: str) -> None:
    entry = section_run(peer)[requirement]
    departure = departures_of(peer.name).get(requirement)
    if departure is not None:
        assert entry["verdict"] == departure.verdict, f"documented as {departure.verdict}: {explain(entry)}"
        return
    if entry["verdict"] == "PASS":
        return
    assert entry["verdict"] == "NOT-APPLICABLE", f"undocumented: {explain(entry)}"
    feature = load_catalog()[requirement].applies_to
    assert feature in UNDECLARED[peer.name], f"NOT-APPLICABLE without a documented reason: {explain(entry)}"
    assert all(feature in check["message"] for check in entry["checks"]), explain(entry)


@pytest.mark.parametrize("peer", PEERS, ids=lambda p: p.name)
def test_profile_leaves_exactly_the_documented_features_undeclared(peer: BayeuxPeer) -> None:
    declared = profile_for(peer, "http://127.0.0.1:1").features
    bayeux_features = {r.applies_to for r in load_catalog() if r.id.startswith("BAYEUX-") and r.applies_to}
    assert bayeux_features - declared == set(UNDECLARED[peer.name])


def test_departures_name_known_servers_and_verdicts() -> None:
    catalog = load_catalog()
    names = {peer.name for peer in PEERS}
    for departure in DEPARTURES:
        assert departure.server in names and departure.requirement in catalog, departure
        expected = "FAIL" if catalog[departure.requirement].keyword == "MUST" else "PASS-NONSTRICT"
        assert departure.verdict == expected, departure
    assert len({(d.server, d.requirement) for d in DEPARTURES}) == len(DEPARTURES)


def test_readme_interop_matrix_shows_every_departure() -> None:
    """The README's table: a column per server (its header names the server), a row per
    requirement; each departure's cell holds its verdict."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^### Interop matrix\n(.*?)(?=^#{1,3} )", readme, re.S | re.M)
    assert section, "README.md has no '### Interop matrix' section"
    lines = [line for line in section.group(1).splitlines() if line.startswith("|")]
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
    header, body = rows[0], rows[2:]
    cells = {row[0].strip("`"): row for row in body}
    for departure in DEPARTURES:
        column = next(i for i, title in enumerate(header) if departure.server in title.lower())
        assert departure.verdict in cells[departure.requirement][column], departure
