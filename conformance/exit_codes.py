"""Exit codes of `gws-conformance` (documented in the README): this module owns them."""

from __future__ import annotations

import signal

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

MEANING = {
    EXIT_PASS: "every applicable requirement passed",
    EXIT_FAIL: "a requirement failed",
    EXIT_USAGE: "a harness error (the suite's own fault)",
    EXIT_BLOCKED: "the target is unreachable or setup steps blocked checks",
    EXIT_STALE_BASELINE: "nothing failed, but the baseline is stale",
    EXIT_INTERRUPTED_SIGINT: "the run was interrupted (SIGINT): only the checks that finished are reported",
    EXIT_INTERRUPTED_SIGTERM: "the run was terminated (SIGTERM): only the checks that finished are reported",
}
