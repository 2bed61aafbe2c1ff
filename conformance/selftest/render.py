"""The kill matrix and the tolerance matrix as Markdown and as console tables."""

from __future__ import annotations

from conformance.catalog import Catalog
from conformance.selftest.matrix import SelfTestResult
from conformance.selftest.tolerance import VariantOutcome, VerdictChange


def markdown(result: SelfTestResult, catalog: Catalog) -> str:
    lines = ["# gws-conformance self-test", "", f"**Result: {'OK' if result.ok else 'FAILED'}**", ""]
    survivors = f"Surviving faults: {len(result.surviving_faults)} of {len(result.faults)}"
    lines += [f"{survivors}; variant runs with a worse verdict: {len(result.worsening_variants)} of {len(result.tolerance)}", ""]
    lines += ["## Kill matrix (requirement x killing faults)", "", "| requirement | keyword | killed by |", "|---|---|---|"]
    for requirement in catalog:
        killers = result.killers.get(requirement.id)
        if killers or requirement.id in result.unkilled_must:
            lines.append(f"| {requirement.id} | {requirement.keyword} | {', '.join(killers) if killers else '**none**'} |")
    lines += ["", "## Faults", "", "| fault | breaks | killed | survived | other verdicts changed |", "|---|---|---|---|---|"]
    for fault in result.faults:
        collateral = ", ".join(f"{r}={v}" for r, v in sorted(fault.collateral.items())) or "-"
        survived = ", ".join(fault.survived) or "-"
        if fault.error:
            survived += f" (error: {fault.error})"
        lines.append(f"| {fault.fault} | {', '.join(fault.breaks)} | {', '.join(fault.killed) or '-'} | {survived} | {collateral} |")
    for title, items in (
        ("Clean run: requirements not PASS", [f"{k}: {v}" for k, v in result.clean_not_pass.items()]),
        ("MUST requirements without a killing fault", result.unkilled_must),
        ("Checks no fault kills", result.unkilled_checks),
        ("Flaky checks (verdicts differ between repeats)", [f"{k}: {', '.join(v)}" for k, v in result.flaky.items()]),
    ):
        lines += ["", f"## {title}", ""] + ([f"- {item}" for item in items] or ["none"])
    return "\n".join(lines + _tolerance_markdown(result.tolerance)) + "\n"


def _tolerance_markdown(outcomes: list[VariantOutcome]) -> list[str]:
    lines = ["", "## Tolerance matrix (variants: no verdict worse than the clean run)", ""]
    if not outcomes:
        return lines + ["no variant runs"]
    lines += ["| run | variants | worse verdicts | allowed departures |", "|---|---|---|---|"]
    for outcome in outcomes:
        worse = f"**error: {outcome.error}**" if outcome.error else f"**{len(outcome.worse)}**" if outcome.worse else "0"
        lines.append(f"| {outcome.label} | {', '.join(outcome.variants)} | {worse} | {len(outcome.allowed)} |")
    for outcome in outcomes:
        if outcome.worse or outcome.allowed:
            lines += ["", f"### {outcome.label}", ""]
            lines += [f"- worse: {_change(change)}" for change in outcome.worse]
            lines += [f"- allowed: {_change(change, worse=False)}" for change in outcome.allowed]
    return lines


def _change(change: VerdictChange, *, worse: bool = True, message_chars: int = 1000) -> str:
    where = f"{change.requirement} `{change.check}`" if change.check else change.requirement
    alone = f"; alone too: {', '.join(change.members)}" if worse and change.members else ""
    text = f"{where}: {change.clean} -> {change.variant} ({change.why}{alone})"
    message = " ".join(change.message.split())[:message_chars]  # one line, whatever the check wrote
    return text + (f": {message}" if message else "")


def _short_label(outcome: VariantOutcome, every_variant: set[str]) -> str:
    """A group's label joins all its members; the console names it by those it leaves out."""
    if len(outcome.variants) <= 1:
        return outcome.label
    left_out = sorted(every_variant - set(outcome.variants))
    return f"group of {len(outcome.variants)}" + (f" (all but {', '.join(left_out)})" if left_out else " (every variant)")


def console(result: SelfTestResult) -> str:
    rows = []
    width = max((len(f.fault) for f in result.faults), default=10)
    for fault in result.faults:
        status = "killed" if not fault.survived and not fault.error else "SURVIVED"
        extra = f"  (+{len(fault.collateral)} other verdicts changed)" if fault.collateral else ""
        rows.append(f"  {fault.fault:<{width}}  {status:<8}  {', '.join(fault.breaks)}{extra}")
    tolerance = []
    every_variant = {name for outcome in result.tolerance for name in outcome.variants}
    labels = [_short_label(outcome, every_variant) for outcome in result.tolerance]
    label_width = max((len(label) for label in labels), default=10)
    for outcome, label in zip(result.tolerance, labels):
        status = f"ERROR: {outcome.error}" if outcome.error else f"WORSE ({len(outcome.worse)})" if outcome.worse else "tolerated"
        allowed = f"  ({len(outcome.allowed)} allowed departures)" if outcome.allowed else ""
        tolerance.append(f"  {label:<{label_width}}  {status}{allowed}")
        tolerance += [f"      {_change(change, message_chars=160)}" for change in outcome.worse[:5]]
        if len(outcome.worse) > 5:
            tolerance.append(f"      ... {len(outcome.worse) - 5} more in selftest.md")
    summary = [
        f"  faults: {len(result.faults)}, survivors: {len(result.surviving_faults)}",
        f"  variant runs: {len(result.tolerance)}, with a worse verdict: {len(result.worsening_variants)}",
        f"  clean run not PASS: {len(result.clean_not_pass)}; MUST without killer: {len(result.unkilled_must)}; "
        f"checks never killed: {len(result.unkilled_checks)}; flaky: {len(result.flaky)}",
        f"  self-test {'OK' if result.ok else 'FAILED'}",
    ]
    return "\n".join(["kill matrix:", *(rows or ["  no fault runs"]), "", "tolerance matrix:", *(tolerance or ["  no variant runs"]), "", *summary]) + "\n"
