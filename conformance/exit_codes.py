"""Exit codes of `gws-conformance` (documented in the README): this module owns them."""

from __future__ import annotations

import signal
from collections.abc import Collection

from conformance.verdicts import Verdict

EXIT_PASS = 0  # every applicable MUST requirement passed
EXIT_FAIL = 1  # a requirement failed
EXIT_USAGE = 2  # usage or profile error, an unwritable output folder; also our own harness errors
EXIT_BLOCKED = 3  # target unreachable or a setup step BLOCKED checks
EXIT_STALE_BASELINE = 4  # nothing failed, but a baseline entry now passes or has expired
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE  # 141: our output was piped into e.g. `head`, which stopped reading

# An interrupted run exits as a shell reports a process killed by the signal: 128 + its number.
INTERRUPT_SIGNALS = ("SIGINT", "SIGTERM")


def interrupted_exit(signal_name: str) -> int:
    """130 for SIGINT, 143 for SIGTERM."""
    return 128 + int(signal.Signals[signal_name])


EXIT_INTERRUPTED_SIGINT = interrupted_exit("SIGINT")
EXIT_INTERRUPTED_SIGTERM = interrupted_exit("SIGTERM")

# What a report says of its exit code: a word (an interrupted run shows INTERRUPTED instead),
# an icon (summary.md's headline) and a sentence.
OUTCOME_WORD = {
    EXIT_PASS: "PASS",
    EXIT_FAIL: "FAIL",
    EXIT_USAGE: "ERROR",
    EXIT_BLOCKED: "BLOCKED",
    EXIT_STALE_BASELINE: "STALE BASELINE",
}
ICON = {
    EXIT_PASS: "✅",
    EXIT_FAIL: "❌",
    EXIT_USAGE: "⚠️",
    EXIT_BLOCKED: "⛔",
    EXIT_STALE_BASELINE: "🧹",
    EXIT_INTERRUPTED_SIGINT: "🛑",
    EXIT_INTERRUPTED_SIGTERM: "🛑",
}
MEANING = {
    EXIT_PASS: "every applicable requirement passed",
    EXIT_FAIL: "a requirement failed",
    EXIT_USAGE: "a harness error (the suite's own fault)",
    EXIT_BLOCKED: "the target is unreachable or setup steps blocked checks",
    EXIT_STALE_BASELINE: "nothing failed, but the baseline is stale",
    EXIT_INTERRUPTED_SIGINT: "the run was interrupted (SIGINT): only the checks that finished are reported",
    EXIT_INTERRUPTED_SIGTERM: "the run was terminated (SIGTERM): only the checks that finished are reported",
}


def run_exit_code(verdicts: Collection[str], *, certify: bool, interrupted: str | None, stale_baseline: bool) -> int:
    """The exit code of a run whose requirements got `verdicts` (their values). When several
    apply, 1 wins over 3, 3 over 2, and 2 over 4: a stale baseline never hides a failure."""
    if interrupted:  # a cancelled run never passes, whatever finished before the signal
        return interrupted_exit(interrupted)
    if Verdict.FAIL.value in verdicts or (certify and Verdict.PASS_NONSTRICT.value in verdicts):
        return EXIT_FAIL
    if Verdict.BLOCKED.value in verdicts:
        return EXIT_BLOCKED
    if Verdict.ERROR.value in verdicts:
        return EXIT_USAGE
    if stale_baseline:
        return EXIT_STALE_BASELINE
    return EXIT_PASS
