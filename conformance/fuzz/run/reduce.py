"""Shrinking a failing request to the smallest one that still fails the same way.

Against a live target every try costs a request (often a fresh email too), so this is a
bounded, deterministic search rather than hypothesis' open-ended shrinker: one sweep
dropping members and items (outermost first), then bisection of each string's length,
then numbers set to zero. A candidate keeps the case's kind (a schema-valid body stays
valid, a violating one keeps an enforced violation and its violated member) and must still
break the same requirement.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from conformance.fuzz.plan.cases import FuzzCase
from conformance.fuzz.run.execute import Exchange
from conformance.fuzz.judge.expectations import Judgement
from conformance.fuzz.plan.fields import Path
from conformance.fuzz.plan.jsonvalue import Body, is_json_number

Attempt = Callable[[FuzzCase], Awaitable[Exchange]]
Judge = Callable[[FuzzCase], Judgement]

# Tries per finding: enough to bisect a long list and a 1500-character value (11 each) and
# to drop or cut a dozen members.
MAX_ATTEMPTS = 60


def _protected(path: Path, frozen: tuple[Path, ...]) -> bool:
    """operationName, the violated member, or one of its ancestors."""
    return path == ("operationName",) or any(f[: len(path)] == path for f in frozen)


def _get(body: Any, path: Path) -> Any:
    for step in path:
        body = body[int(step)] if isinstance(body, list) else body[step]
    return body


def _replace(body: Any, path: Path, value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(body, list):
        index = int(head)
        return [*body[:index], _replace(body[index], rest, value), *body[index + 1 :]]
    return {**body, head: _replace(body[head], rest, value)}


def _delete(body: Any, path: Path) -> Any:
    parent = _get(body, path[:-1])
    if isinstance(parent, list):
        index = int(path[-1])
        return _replace(body, path[:-1], [*parent[:index], *parent[index + 1 :]])
    return _replace(body, path[:-1], {k: v for k, v in parent.items() if k != path[-1]})


def _rename(body: Any, path: Path, key: str) -> Any:
    parent = _get(body, path[:-1])
    return _replace(body, path[:-1], {(key if k == path[-1] else k): v for k, v in parent.items()})


def paths(body: Any, prefix: Path = ()) -> Iterator[Path]:
    """Every path below `body`, outermost first."""
    if isinstance(body, dict):
        for key, value in body.items():
            yield (*prefix, key)
            yield from paths(value, (*prefix, key))
    elif isinstance(body, list):
        for index, value in enumerate(body):
            yield (*prefix, str(index))
            yield from paths(value, (*prefix, str(index)))


def _exists(body: Any, path: Path) -> bool:
    try:
        _get(body, path)
    except (KeyError, IndexError, TypeError, ValueError):
        return False
    return True


class Reducer:
    def __init__(self, attempt: Attempt, judge: Judge, deadline: float, max_attempts: int = MAX_ATTEMPTS) -> None:
        """`attempt` sends a candidate as the failing case was sent; `judge` says what its body is."""
        self.attempt = attempt
        self.judge = judge
        self.deadline = deadline
        self.max_attempts = max_attempts
        self.attempts = 0

    def _spent(self) -> bool:
        return self.attempts >= self.max_attempts or time.monotonic() >= self.deadline

    def _same_kind(self, case: FuzzCase, body: Body) -> bool:
        """Valid stays valid; a violating body keeps violating, with no violation added (dropping
        a required member next to the frozen one would make it a different finding)."""
        before, after = self.judge(case), self.judge(case.with_body(body))
        if before.valid:
            return after.valid
        if before.enforced:
            return 0 < len(after.enforced) <= len(before.enforced)
        return True

    async def _fails(self, candidate: FuzzCase, requirement: str) -> Exchange | None:
        self.attempts += 1
        exchange = await self.attempt(candidate)
        return exchange if any(v.requirement == requirement for v in exchange.violations) else None

    async def reduce(self, case: FuzzCase, exchange: Exchange, requirement: str) -> tuple[FuzzCase, Exchange]:
        """The smallest case found (with its exchange) that still breaks `requirement`."""
        self.best, self.best_exchange, self.requirement = case, exchange, requirement
        if case.email_id is not None:
            await self._bisect(self._shorter_id, len(case.email_id))
        elif isinstance(case.body, (bytes, bytearray)):
            await self._bisect(lambda n: self.best.with_body(self.best.body[:n]), len(case.body))
        else:
            await self._shorten_lists()
            await self._drop_members()
            await self._shorten_strings()
            await self._zero_numbers()
        return self.best, self.best_exchange

    def _shorter_id(self, n: int) -> FuzzCase:
        email_id = self.best.email_id
        assert email_id is not None  # bisected only from a case with an id; every shorter case keeps one
        return dataclasses.replace(self.best, email_id=email_id[:n])

    async def _try(self, candidate: FuzzCase) -> bool:
        if self._spent() or not self._same_kind(self.best, candidate.body):
            return False
        found = await self._fails(candidate, self.requirement)
        if found is None:
            return False
        self.best, self.best_exchange = candidate, found
        return True

    async def _bisect(self, shortened: Callable[[int], FuzzCase], length: int) -> None:
        """The shortest prefix that still fails, assuming longer ones fail too."""
        low, high = 0, length
        while low < high and not self._spent():
            middle = (low + high) // 2
            if await self._try(shortened(middle)):
                high = middle
            else:
                low = middle + 1

    async def _shorten_lists(self) -> None:
        for path in list(paths(self.best.body)):
            if self._spent() or not _exists(self.best.body, path) or _protected(path, self.best.frozen):
                continue
            value = _get(self.best.body, path)
            if isinstance(value, list) and len(value) > 1:

                def shortened(n: int, p: Path = path, v: list[Any] = value) -> FuzzCase:
                    return self.best.with_body(_replace(self.best.body, p, v[:n]))

                await self._bisect(shortened, len(value))

    async def _drop_members(self) -> None:
        for path in list(paths(self.best.body)):
            if self._spent():
                return
            if _exists(self.best.body, path) and not _protected(path, self.best.frozen):
                await self._try(self.best.with_body(_delete(self.best.body, path)))

    async def _shorten_strings(self) -> None:
        for path in list(paths(self.best.body)):
            if self._spent() or not _exists(self.best.body, path) or _protected(path, self.best.frozen):
                continue
            value = _get(self.best.body, path)
            if isinstance(value, str) and len(value) > 1:

                def shortened(n: int, p: Path = path, v: str = value) -> FuzzCase:
                    return self.best.with_body(_replace(self.best.body, p, v[:n]))

                # One character first: most values are not the point; bisect those that are.
                if not await self._try(shortened(1)) and len(value) > 8:
                    await self._bisect(shortened, len(value))
            parent = _get(self.best.body, path[:-1])
            key = path[-1]
            if isinstance(parent, dict) and len(key) > 1:
                await self._shorten_key(path, key)

    async def _shorten_key(self, path: Path, key: str) -> None:
        current = path
        for length in (1, len(key) // 2):
            shorter = key[:length]
            if 0 < length < len(key) and shorter not in _get(self.best.body, current[:-1]):
                if await self._try(self.best.with_body(_rename(self.best.body, current, shorter))):
                    return

    async def _zero_numbers(self) -> None:
        for path in list(paths(self.best.body)):
            if self._spent() or not _exists(self.best.body, path) or _protected(path, self.best.frozen):
                continue
            value = _get(self.best.body, path)
            if is_json_number(value) and value != 0:
                await self._try(self.best.with_body(_replace(self.best.body, path, 0)))
