"""One step of `gws-conformance doctor`: what was tried, PASS, FAIL or SKIP, and what to change."""

from __future__ import annotations

import time
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import TypeVar

from conformance.errors import Blocked, CheckFailed, NotApplicable, TargetError

T = TypeVar("T")


@dataclass(frozen=True)
class Finding:
    step: str  # what was tried, e.g. "agent-a: login"
    ok: bool  # False: FAIL; a skipped step fails nothing
    detail: str  # what happened, or why the step could not be tried
    hint: str = ""  # what the user can change, when it failed
    seconds: float | None = None
    skipped: bool = False

    @classmethod
    def skip(cls, step: str, why: str) -> Finding:
        return cls(step, True, why, skipped=True)

    @property
    def verdict(self) -> str:
        return "SKIP" if self.skipped else "PASS" if self.ok else "FAIL"


def render_finding(finding: Finding) -> str:
    """One line: verdict, step, what happened, how long, and the hint when it failed."""
    timing = f" ({finding.seconds:.2f} s)" if finding.seconds is not None else ""
    hint = f"  hint: {finding.hint}" if finding.hint else ""
    return f"  {finding.verdict}  {finding.step}: {' '.join(finding.detail.split())}{timing}{hint}"


async def timed(step: Awaitable[T]) -> tuple[T, float] | str:
    """The step's result and its duration, or why it could not be done."""
    started = time.monotonic()
    try:
        result = await step
    except (Blocked, CheckFailed, NotApplicable, TargetError) as stopped:
        return str(stopped)
    return result, time.monotonic() - started
