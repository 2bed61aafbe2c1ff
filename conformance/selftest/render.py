"""The kill matrix as Markdown and as a console table."""

from __future__ import annotations

from conformance.catalog import Catalog
from conformance.selftest.matrix import SelfTestResult


def markdown(result: SelfTestResult, catalog: Catalog) -> str:
    lines = ["# gws-conformance self-test", "", f"**Result: {'OK' if result.ok else 'FAILED'}**", ""]
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
    return "\n".join(lines) + "\n"


def console(result: SelfTestResult) -> str:
    rows = []
    width = max((len(f.fault) for f in result.faults), default=10)
    for fault in result.faults:
        status = "killed" if not fault.survived and not fault.error else "SURVIVED"
        extra = f"  (+{len(fault.collateral)} other verdicts changed)" if fault.collateral else ""
        rows.append(f"  {fault.fault:<{width}}  {status:<8}  {', '.join(fault.breaks)}{extra}")
    summary = [
        f"  faults: {len(result.faults)}, survivors: {sum(1 for f in result.faults if f.survived or f.error)}",
        f"  clean run not PASS: {len(result.clean_not_pass)}; MUST without killer: {len(result.unkilled_must)}; "
        f"checks never killed: {len(result.unkilled_checks)}; flaky: {len(result.flaky)}",
        f"  self-test {'OK' if result.ok else 'FAILED'}",
    ]
    return "\n".join(["kill matrix:", *rows, "", *summary]) + "\n"
