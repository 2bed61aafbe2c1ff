"""The executable lifecycle model of an email: the operation pages, the EmailResource page,
docs/positions.md#states and docs/positions.md#capabilities.

One table of operations and states used three ways: as the oracle of the hand-written checks
(`transition`, `judge_capabilities`), to drive the Hypothesis state machine against any target
(`expected_outcome`, `valid_params`), and to report which transitions a run covered (`Coverage`).
"""

from conformance.oracle.capabilities import (
    CapabilityJudgement,
    Expected,
    expected_outcome,
    forbidden,
    judge_capabilities,
    required,
)
from conformance.oracle.coverage import Coverage, Step, coverage_of, model_transitions
from conformance.oracle.operations import OPERATIONS, UNDOCUMENTED, Operation, declared
from conformance.oracle.params import ParamContext, create_params, valid_params
from conformance.oracle.states import TERMINAL, State, wire_name

__all__ = [
    "CapabilityJudgement",
    "Coverage",
    "Expected",
    "OPERATIONS",
    "Operation",
    "ParamContext",
    "State",
    "Step",
    "TERMINAL",
    "UNDOCUMENTED",
    "coverage_of",
    "create_params",
    "declared",
    "expected_outcome",
    "forbidden",
    "judge_capabilities",
    "model_transitions",
    "required",
    "valid_params",
    "wire_name",
]
