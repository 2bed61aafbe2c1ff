"""The verdict model shared by the plugin, the reports and the self-test."""

from __future__ import annotations

import enum


class Verdict(str, enum.Enum):
    PASS = "PASS"
    PASS_NONSTRICT = "PASS-NONSTRICT"  # a SHOULD requirement not met: conformant, not strict
    FAIL = "FAIL"
    BLOCKED = "BLOCKED"  # a precondition failed; names the failed step
    ERROR = "ERROR"  # our harness failed; never blamed on the target
    NOT_APPLICABLE = "NOT-APPLICABLE"  # only from a feature the profile does not declare
    EXPECTED_FAIL = "EXPECTED-FAIL"  # failed, and listed in the baseline

    def __str__(self) -> str:
        return self.value


# Worst first: a requirement's verdict is the worst of its checks' verdicts.
SEVERITY_ORDER: tuple[Verdict, ...] = (
    Verdict.ERROR,
    Verdict.FAIL,
    Verdict.BLOCKED,
    Verdict.EXPECTED_FAIL,
    Verdict.PASS_NONSTRICT,
    Verdict.PASS,
    Verdict.NOT_APPLICABLE,
)


def worst(verdicts: list[Verdict]) -> Verdict:
    """The requirement-level verdict of a list of check verdicts."""
    if not verdicts:
        return Verdict.NOT_APPLICABLE
    return min(verdicts, key=SEVERITY_ORDER.index)


def failure_verdict(keyword: str) -> Verdict:
    """What a violated check means for a requirement of this RFC 2119 keyword."""
    return Verdict.FAIL if keyword == "MUST" else Verdict.PASS_NONSTRICT
