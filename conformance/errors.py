"""Exceptions that cross module boundaries, each mapped to one meaning for the user."""

from __future__ import annotations


class UsageError(Exception):
    """Bad input to our CLI or profile: reported as one line, exit code 2."""


class HarnessError(Exception):
    """Our own harness misbehaved (e.g. we built a request that fails our own schema).

    Never the target's fault: becomes verdict ERROR.
    """


class TargetError(Exception):
    """The target did not answer usefully: refused connection, timeout, garbage bytes.

    Inside a check this becomes FAIL (the target broke the exchange under test);
    inside a precondition step it becomes BLOCKED.
    """


class NoAnswer(TargetError):
    """The stimulus got no answer at all: connection refused, timeout, reset, bytes that are
    not the protocol. Nothing can be judged from silence, so the check is BLOCKED, never
    PASS or FAIL, even where a refusal is the expected outcome."""

    STEP = "reach the target"


class CheckFailed(AssertionError):
    """A verify helper found the target violating the requirement under test."""

    def __init__(self, message: str, *, expected: object = None, observed: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.expected = expected
        self.observed = observed


class Blocked(Exception):
    """A precondition of the check failed; names the setup step that failed."""

    def __init__(self, step: str, reason: str) -> None:
        super().__init__(f"{step}: {reason}")
        self.step = step
        self.reason = reason


class NotApplicable(Exception):
    """The requirement applies only to a feature the target profile does not declare."""
