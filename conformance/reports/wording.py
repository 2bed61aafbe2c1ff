"""Words shared by the human-readable reports: outcome, verdict order, run headline."""

from __future__ import annotations

from typing import Any

from conformance.exit_codes import OUTCOME_WORD
from conformance.verdicts import SEVERITY_ORDER

# Worst first, as requirements are judged.
VERDICTS_WORST_FIRST: tuple[str, ...] = tuple(v.value for v in SEVERITY_ORDER)
NOT_PASSING = frozenset({"FAIL", "ERROR", "BLOCKED", "EXPECTED-FAIL", "PASS-NONSTRICT"})


def outcome_word(report: dict[str, Any]) -> str:
    if interrupted_note(report):
        return "INTERRUPTED"
    code = report["summary"]["exit_code"]
    return OUTCOME_WORD.get(code, f"exit {code}")


def interrupted_note(report: dict[str, Any]) -> str | None:
    """One sentence saying that a signal stopped the run early; None for a run that finished."""
    interrupted = report["run"].get("interrupted")
    if not interrupted:
        return None
    return f"INTERRUPTED by {interrupted['signal']}: the run stopped early; only the checks that finished are reported."


def observation_notes(report: dict[str, Any]) -> list[str]:
    """What the run learned about the target that changed how it was tested, one sentence each."""
    return [str(observation["text"]) for observation in report["run"].get("observations", [])]


def headline(report: dict[str, Any]) -> str:
    run = report["run"]
    mode = " (certification)" if run.get("mode") == "certify" else ""
    return f"{outcome_word(report)}{mode}: {run['target']['name']}"


def run_line(report: dict[str, Any]) -> str:
    run = report["run"]
    line = f"gws-conformance {run['suite_version']}, catalog {run['catalog_version']}, started {run['started_at']}, {run['duration_s']} s"
    execution = run.get("execution")  # absent from reports before schema 1.4
    return f"{line}, {execution_words(execution)}" if execution else line


def execution_words(execution: dict[str, Any]) -> str:
    """How the checks ran, in words: "up to 8 checks at once on one agent pair"."""
    pairs, concurrency = execution["agent_pairs"], execution["concurrency"]
    where = "one agent pair" if pairs == 1 else f"each of {pairs} agent pairs"
    return f"one check at a time on {where}" if concurrency == 1 else f"up to {concurrency} checks at once on {where}"


def failing_checks(report: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(requirement, check) for every check that did not plainly pass, worst verdict first."""
    found = [
        (requirement, check)
        for requirement in report["requirements"]
        for check in requirement["checks"]
        if check["verdict"] in NOT_PASSING
    ]
    return sorted(found, key=lambda pair: VERDICTS_WORST_FIRST.index(pair[1]["verdict"]))


def ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"
