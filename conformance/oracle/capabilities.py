"""Capabilities as a contract: what a state must advertise, must not, and what a request expects."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from conformance.oracle.operations import Operation, declared
from conformance.oracle.states import TERMINAL, State


class Expected(StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"


def required(state: State, features: frozenset[str]) -> list[str]:
    """Operations `state` must advertise: governed, declared, documented as valid there."""
    if state in TERMINAL:
        return []
    return [op.name for op in declared(features) if op.governed and state in op.valid_in]


def forbidden(state: State, features: frozenset[str]) -> list[str]:
    """Operations `state` must not advertise: every judged one in a terminal state, else the
    governed ones documented for other states only."""
    if state in TERMINAL:
        return [op.name for op in declared(features)]
    return [op.name for op in declared(features) if op.governed and state not in op.valid_in | op.optional_in]


@dataclass(frozen=True)
class CapabilityJudgement:
    missing: list[str]  # required but not advertised
    unexpected: list[str]  # advertised but forbidden
    not_judged: list[str] = field(default_factory=list)  # advertised names the model cannot drive

    @property
    def ok(self) -> bool:
        return not self.missing and not self.unexpected


def judge_capabilities(state: State, advertised: Iterable[str], features: frozenset[str]) -> CapabilityJudgement:
    names = list(advertised)
    judged = {op.name for op in declared(features)}
    return CapabilityJudgement(
        missing=[n for n in required(state, features) if n not in names],
        unexpected=[n for n in forbidden(state, features) if n in names],
        not_judged=[n for n in names if n not in judged],
    )


def expected_outcome(state: State, operation: Operation, advertised: Iterable[str]) -> Expected:
    """What the owner of an email in `state`, advertising `advertised`, must get for `operation`.

    Advertised operations are accepted (the contract); a governed operation not advertised is
    refused; an ungoverned one follows its documented precondition. Terminal states take nothing.
    """
    if state in TERMINAL:
        return Expected.REFUSED
    if operation.name in advertised:
        return Expected.ACCEPTED
    if operation.governed:
        return Expected.REFUSED
    return Expected.ACCEPTED if state in operation.valid_in else Expected.REFUSED


