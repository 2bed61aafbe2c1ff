"""A check's steps run at once (harness/together.py) give the verdict a serial run would: every
step ends before the caller goes on, and the first failure in order is the one raised, whichever
step failed first in time."""

from __future__ import annotations

import asyncio

import pytest

from conformance.errors import Blocked, NotApplicable
from conformance.harness.together import both, together, together_tolerating


async def _after(gate: asyncio.Event | None, value: object, *, fail: Exception | None = None, ended: list[object] | None = None) -> object:
    if gate is not None:
        await gate.wait()
    if ended is not None:
        ended.append(value)
    if fail is not None:
        raise fail
    return value


def test_results_come_in_order_whatever_ends_first():
    async def main() -> list[object]:
        gate = asyncio.Event()
        asyncio.get_running_loop().call_soon(gate.set)
        return await together(_after(gate, "first"), _after(None, "second"))  # the second ends first

    assert asyncio.run(main()) == ["first", "second"]


def test_first_failure_in_order_is_raised_once_every_step_ended():
    async def main() -> list[object]:
        ended: list[object] = []
        gate = asyncio.Event()
        asyncio.get_running_loop().call_soon(gate.set)
        with pytest.raises(Blocked, match="the first step"):
            await together(
                _after(gate, "one", fail=Blocked("step", "the first step"), ended=ended),  # fails later in time
                _after(None, "two", fail=Blocked("step", "the second step"), ended=ended),  # fails at once
                _after(gate, "three", ended=ended),
            )
        return ended

    assert sorted(asyncio.run(main())) == ["one", "three", "two"]  # none left running


def test_tolerated_failure_stands_as_none():
    async def main() -> list[object | None]:
        return await together_tolerating(NotApplicable, _after(None, "kept"), _after(None, "refused", fail=NotApplicable("by policy")))

    assert asyncio.run(main()) == ["kept", None]


def test_a_failure_not_tolerated_is_raised():
    async def main() -> None:
        await together_tolerating(NotApplicable, _after(None, "a"), _after(None, "b", fail=Blocked("step", "no answer")))

    with pytest.raises(Blocked):
        asyncio.run(main())


def test_both_keeps_each_result_in_its_place():
    assert asyncio.run(both(_after(None, 1), _after(None, "two"))) == (1, "two")
