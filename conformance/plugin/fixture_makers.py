"""The checks' fixtures as coroutines, for checks that run concurrently.

pytest sets fixtures up one check at a time, in its own thread. A check running beside others
gets its fixtures from the makers here instead, on the harness loop, in its own task. A fixture
a check uses must have a maker for the check to run concurrently; a check using any other runs
alone, through pytest. The suites register the makers of their own fixtures (`register`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any, Protocol

import pytest

from conformance.clients.http import make_http_client
from conformance.clients.rest import GwsRestClient
from conformance.errors import Blocked
from conformance.harness.loop import HarnessTimeout
from conformance.profile import TargetProfile
from conformance.target import AgentHandle, Target, invite, receive_invitation

Closer = Callable[[], Awaitable[None]]


class SuiteRun(Protocol):
    """What makers and the scheduler need of the run (the SuitePlugin)."""

    profile: TargetProfile
    target: Target | None
    observations: dict[str, str]  # what the run learned, for the report

    def applies(self, item: pytest.Item) -> bool: ...

    def not_attempted(self) -> Blocked | None: ...


@dataclass
class Making:
    """One check's fixtures being made: what a maker may ask for."""

    plugin: SuiteRun
    claims: frozenset[str]  # the resources the check declared exclusive
    need: Callable[[str], Awaitable[Any]]  # another fixture of the same check
    closers: list[tuple[Closer, float]] = field(default_factory=list)  # run in reverse after the check

    def on_close(self, close: Closer, timeout: float) -> None:
        self.closers.append((close, timeout))


Maker = Callable[[Making], Coroutine[Any, Any, Any]]
Bound = Callable[[TargetProfile], float]  # how long a maker may take
_MAKERS: dict[str, tuple[Maker, Bound]] = {}


def _check_timeout(profile: TargetProfile) -> float:
    return profile.timeouts.check


def register(name: str, bound: Bound = _check_timeout) -> Callable[[Maker], Maker]:
    """Register the maker of fixture `name` (a suite's conftest does, for its fixtures); it is
    bounded by `bound(profile)` seconds, the check timeout unless it says otherwise."""

    def decorate(maker: Maker) -> Maker:
        _MAKERS[name] = (maker, bound)
        return maker

    return decorate


def maker_of(name: str) -> tuple[Maker, Bound] | None:
    return _MAKERS.get(name)


_IMPLIED: dict[str, frozenset[str]] = {}


def fixture_claims(name: str, *resources: str) -> None:
    """Fixture `name` needs `resources` to itself: so does every check that uses it."""
    _IMPLIED[name] = frozenset(resources)


def claims_implied_by(fixture_names: list[str]) -> frozenset[str]:
    return frozenset().union(*(_IMPLIED.get(name, frozenset()) for name in fixture_names))


@register("suite")
async def _suite(making: Making) -> SuiteRun:
    return making.plugin


@register("target")
async def _target(making: Making) -> Any:
    return making.plugin.target


@register("profile")
async def _profile(making: Making) -> Any:
    return making.plugin.profile


@register("agent_setup")
async def _agent_setup(making: Making) -> AgentHandle:
    assert making.plugin.target is not None
    return await making.plugin.target.agent(0)


@register("agent")
async def _agent(making: Making) -> AgentHandle:
    handle: AgentHandle = await making.need("agent_setup")
    handle.require_ready()
    return handle


@register("peer_agent")
async def _peer_agent(making: Making) -> AgentHandle:
    assert making.plugin.target is not None
    handle = await making.plugin.target.agent(1)
    handle.require_ready()
    return handle


@register("invitation")
async def _invitation(making: Making) -> Any:
    return await invite(await making.need("agent"))


@register("offered_invitation")
async def _offered_invitation(making: Making) -> Any:
    return await receive_invitation(await making.need("agent"))


@register("peer_invitation")
async def _peer_invitation(making: Making) -> Any:
    return await invite(await making.need("peer_agent"))


@register("anonymous")
async def _anonymous(making: Making) -> GwsRestClient:
    profile = making.plugin.profile
    http = make_http_client(profile.base_url, None, None, timeout=profile.timeouts.http)
    making.on_close(http.aclose, 5)
    return GwsRestClient(http, actor="anonymous")


async def bounded(awaitable: Awaitable[Any], timeout: float) -> Any:
    """`awaitable`, or HarnessTimeout after `timeout` s, as LoopThread.run bounds pytest's calls."""
    deadline = asyncio.timeout(timeout)
    try:
        async with deadline:
            return await awaitable
    except TimeoutError:
        if deadline.expired():
            raise HarnessTimeout(f"did not finish within {timeout:g} s") from None
        raise
