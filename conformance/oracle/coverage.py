"""Which (state, operation) pairs a run exercised, against the model's transitions.

Every model-judged step records here; the lifecycle checks write the summary into their
results, so a report can show what the run covered and what it never reached.
"""

from __future__ import annotations

import weakref
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from conformance.evidence import current_recorder
from conformance.oracle.capabilities import Expected
from conformance.oracle.operations import declared
from conformance.oracle.states import TERMINAL, State


COVERAGE_ACTOR = "model"  # report.json's summary.transition_coverage is built from these notes


@dataclass(frozen=True)
class Step:
    state: State
    operation: str
    outcome: Expected
    by_owner: bool = True

    def label(self) -> str:
        who = "" if self.by_owner else " by another agent"
        return f"{self.state.value} --{self.operation}{who}--> {self.outcome.value}"


def model_transitions(features: frozenset[str]) -> list[tuple[State, str]]:
    """Every (state, operation) the model lets the owner perform with success."""
    return [(state, op.name) for op in declared(features) for state in State if state not in TERMINAL and state in op.valid_in]


@dataclass
class Coverage:
    steps: Counter[Step] = field(default_factory=Counter)

    def record(self, step: Step) -> None:
        self.steps[step] += 1

    def covered(self) -> set[tuple[State, str]]:
        return {(s.state, s.operation) for s in self.steps if s.by_owner and s.outcome is Expected.ACCEPTED}

    def as_dict(self, features: frozenset[str]) -> dict[str, Any]:
        transitions = model_transitions(features)
        covered = self.covered()
        return {
            "transitions_covered": sum(1 for t in transitions if t in covered),
            "transitions_total": len(transitions),
            "covered": [f"{state.value} --{op}-->" for state, op in transitions if (state, op) in covered],
            "missing": [f"{state.value} --{op}-->" for state, op in transitions if (state, op) not in covered],
            "steps": {step.label(): count for step, count in sorted(self.steps.items(), key=lambda item: item[0].label())},
        }

    def note(self, features: frozenset[str]) -> None:
        """Write the coverage into the current check's evidence: text for people, data for the report."""
        current_recorder().note(COVERAGE_ACTOR, self.summary(features), detail=self.as_dict(features))

    def summary(self, features: frozenset[str]) -> str:
        data = self.as_dict(features)
        missing = data["missing"]
        text = f"transition coverage: {data['transitions_covered']}/{data['transitions_total']} model transitions accepted, {len(self.steps)} distinct steps"
        return text + (f"; not reached: {', '.join(missing)}" if missing else "")


_RUN_COVERAGE: weakref.WeakKeyDictionary[object, Coverage] = weakref.WeakKeyDictionary()


def coverage_of(run: object) -> Coverage:
    """The coverage of one run, keyed by the run's Target object."""
    if run not in _RUN_COVERAGE:
        _RUN_COVERAGE[run] = Coverage()
    return _RUN_COVERAGE[run]
