"""Steps of one check run at once, their outcome read as if they had run one after another.

Each helper waits until every step has ended (none is left running behind the caller), then
gives the results in order or raises the first failure in that order: the verdict a serial run
would reach, whichever step ended first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, TypeVar, cast

_T = TypeVar("_T")
_A = TypeVar("_A")
_B = TypeVar("_B")


async def together(*steps: Awaitable[_T]) -> list[_T]:
    return [cast(_T, result) for result in await _ended(steps, tolerated=None)]


async def together_tolerating(tolerated: type[Exception], *steps: Awaitable[_T]) -> list[_T | None]:
    """As together(), a `tolerated` failure standing as None."""
    return [cast("_T | None", result) for result in await _ended(steps, tolerated=tolerated)]


async def both(first: Awaitable[_A], second: Awaitable[_B]) -> tuple[_A, _B]:
    a, b = await _ended((first, second), tolerated=None)
    return cast(_A, a), cast(_B, b)


async def _ended(steps: tuple[Awaitable[Any], ...], *, tolerated: type[Exception] | None) -> list[Any]:
    results = await asyncio.gather(*steps, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException) and not (tolerated is not None and isinstance(result, tolerated)):
            raise result
    return [None if isinstance(result, BaseException) else result for result in results]
