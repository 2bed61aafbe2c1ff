"""Lifecycle checks driven by the executable model: capabilities as a contract, generated
sequences of operations (a Hypothesis state machine), several agents at once."""
