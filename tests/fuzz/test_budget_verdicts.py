"""A fuzz check whose stimulus the time budget left unsent is BLOCKED, never PASS: the link chains
(FUZZ-STATEFUL-01's only stimulus) or every request. What was sent is still judged."""

from __future__ import annotations

import pytest

from conformance.errors import Blocked
from conformance.fuzz.judge.answer import REQUIREMENTS, SERVER, STATEFUL
from conformance.fuzz.judge.findings import FuzzRun, Stats
from conformance.fuzz.judge.verdict import judge_requirement
from conformance.fuzz.settings import FuzzSettings


def _run(*, fuzzed: int, chains: int, exhausted: bool) -> FuzzRun:
    return FuzzRun(FuzzSettings(time_budget=30.0), Stats(fuzzed_requests=fuzzed, chains=chains, budget_exhausted=exhausted))


def test_no_link_chain_walked_in_time_blocks_the_stateful_check_only():
    run = _run(fuzzed=120, chains=0, exhausted=True)
    with pytest.raises(Blocked, match=r"time budget \(30 s\) ran out before any link chain was walked"):
        judge_requirement(run, STATEFUL)
    judge_requirement(run, SERVER)  # its requests were sent and judged: no finding, a pass


def test_no_request_sent_in_time_blocks_every_check():
    run = _run(fuzzed=0, chains=0, exhausted=True)
    for requirement in REQUIREMENTS:
        with pytest.raises(Blocked, match="before any fuzzed request was sent"):
            judge_requirement(run, requirement)


def test_chains_left_out_without_the_budget_running_out_block_nothing():
    judge_requirement(_run(fuzzed=120, chains=0, exhausted=False), STATEFUL)
    judge_requirement(_run(fuzzed=120, chains=2, exhausted=True), STATEFUL)
