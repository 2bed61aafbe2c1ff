"""Fuzzing the Email API's request parameters with schemathesis, against any target.

`conformance.fuzz.run.campaign.Campaign` drives one campaign (every FUZZ-* check judges the same
one); `conformance.fuzz.judge.verdict.judge_requirement` turns it into one check's verdict. The
settings come from `--fuzz-seed`, `--fuzz-examples` and `--fuzz-time` (`conformance.fuzz.options`).
This package root stays light: the pytest plugin imports the options even when nothing runs.
"""

from conformance.fuzz.settings import DEFAULT_EXAMPLES, DEFAULT_SEED, DEFAULT_TIME_BUDGET_S, FuzzSettings

__all__ = ["DEFAULT_EXAMPLES", "DEFAULT_SEED", "DEFAULT_TIME_BUDGET_S", "FuzzSettings"]
