"""The random streams, drawn by schemathesis from the OpenAPI document with a fixed seed.

Generation needs no target: every case is drawn before anything is sent, so the same seed
and budget always give the same requests, whatever the target answers.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis.internal.conjecture import providers
from hypothesis.strategies import SearchStrategy
from schemathesis import GenerationMode
from schemathesis.generation.case import Case

from conformance.fuzz.plan import openapi
from conformance.fuzz.plan.cases import FuzzCase, Stream
from conformance.fuzz.plan.jsonvalue import normalise
from conformance.fuzz.plan.operation_needs import FuzzedOperation

# Fixed values for what the fuzzer does not vary: the path id (the executor puts a real one
# in) and the credentials (the agent's own client sends them). Fixed parameters are never
# negated, so negative mode breaks the body only.
_FIXED = {"path_parameters": {"id": "gwsct"}, "headers": {"Authorization": "Basic Z3dzY3Q6"}}


@contextlib.contextmanager
def _global_constants_only() -> Iterator[None]:
    """Hypothesis mixes into generated values constants it reads from whichever local modules
    are imported at the time, so a seed would draw other cases in a process that imported
    more of this project. While generating, its pool of local constants stays empty."""
    getter = getattr(providers, "_get_local_constants", None)
    cache = getattr(providers, "CONSTANTS_CACHE", None)
    if getter is None or cache is None:  # a Hypothesis without local constants
        yield
        return
    providers._get_local_constants = lambda: providers.Constants()  # type: ignore[attr-defined]  # Hypothesis re-exports it implicitly
    cache.cache.clear()  # its entries hold the local constants seen so far
    try:
        yield
    finally:
        providers._get_local_constants = getter
        cache.cache.clear()


def _draw(strategy: SearchStrategy[Case[Any]], count: int, seed: int) -> list[Case[Any]]:
    drawn: list[Case[Any]] = []

    @hypothesis_seed(seed)
    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(case: Case[Any]) -> None:
        drawn.append(case)

    with _global_constants_only():
        collect()
    return drawn


def _body(case: Case[Any]) -> Any:
    body = case.body
    return bytes(body) if isinstance(body, (bytes, bytearray)) else normalise(body)


def schemathesis_cases(op: FuzzedOperation, stream: Stream, count: int, seed: int) -> list[FuzzCase]:
    """`count` bodies of `op` (positive mode for VALID, negative for WILD), duplicates dropped."""
    mode = GenerationMode.POSITIVE if stream is Stream.VALID else GenerationMode.NEGATIVE
    path_parameters = None if op.collection else _FIXED["path_parameters"]
    strategy = openapi.api_operation(op).as_strategy(generation_mode=mode, headers=_FIXED["headers"], path_parameters=path_parameters)
    cases: list[FuzzCase] = []
    seen: list[Any] = []
    for number, case in enumerate(_draw(strategy, count, seed), start=1):
        body = _body(case)
        if body in seen:
            continue
        seen.append(body)
        cases.append(FuzzCase(op, stream, body, f"schemathesis {mode.value} #{number}", media_type=case.media_type or "application/json"))
    return cases


def fuzzed_ids(count: int, seed: int) -> list[str]:
    """Email ids as schemathesis draws them for GET /api/v2/me/emails/{id}."""
    strategy = openapi.id_operation().as_strategy(generation_mode=GenerationMode.POSITIVE, headers=_FIXED["headers"])
    ids: list[str] = []
    for case in _draw(strategy, count, seed):
        # schemathesis keeps path parameters percent-encoded; the executor encodes them again.
        value = normalise(unquote(str(case.path_parameters.get("id", ""))))
        if value and value not in ids:
            ids.append(value)
    return ids
