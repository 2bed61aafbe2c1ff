"""summary.md from report.json: short enough for a pull-request comment.

Everything the target sent is escaped: a cell cannot break the table, inject HTML or
close a code fence.
"""

from __future__ import annotations

import json
import re
from typing import Any

from conformance.exit_codes import ICON, MEANING
from conformance.reports.baseline import stale_entries
from conformance.reports.printable import printable
from conformance.reports.wording import VERDICTS_WORST_FIRST, failing_checks, headline, interrupted_note, ms, observation_notes, run_line

MAX_LISTED = 40  # failing checks listed in the table
MAX_REPRODUCED = 5  # failing checks with their reproduction unfolded
MAX_CELL = 200



def cell(value: Any, limit: int = MAX_CELL) -> str:
    text = printable(" ".join(str(value).split()))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\|`*_\[\]])", r"\\\1", text)


def literal(value: Any) -> str:
    """A value as the report shows it: strings as they are, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def code_block(text: str, language: str = "") -> str:
    text = printable(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text}\n{fence}"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def render_markdown(report: dict[str, Any]) -> str:
    summary = report["summary"]
    code = summary["exit_code"]
    lines = [f"## {ICON.get(code, '')} gws-conformance: {cell(headline(report))}", ""]
    lines += [f"{cell(run_line(report))}  ", f"Exit code **{code}**: {MEANING.get(code, 'unknown')}.", ""]
    interrupted = interrupted_note(report)
    if interrupted:
        lines += [f"**{interrupted}**", ""]
    lines += [line for note in observation_notes(report) for line in (f"Observed: {cell(note)}", "")]
    if "certified" in summary:
        lines += [f"Certification: **{'certified' if summary['certified'] else 'not certified'}** (every applicable MUST and SHOULD).", ""]

    counted = [v for v in VERDICTS_WORST_FIRST if summary["requirements"].get(v) or summary["checks"].get(v)]
    lines += table(["verdict", "requirements", "checks"], [[v, str(summary["requirements"].get(v, 0)), str(summary["checks"].get(v, 0))] for v in counted])
    lines.append("")

    failing = failing_checks(report)
    if failing:
        lines += [f"### Checks not passing ({len(failing)})", ""]
        rows = [
            [f"`{r['id']}`", r["keyword"], f"**{c['verdict']}**", cell(c["name"], 80), cell(c["message"] or c.get("blocked_step") or "")]
            for r, c in failing[:MAX_LISTED]
        ]
        lines += table(["requirement", "keyword", "verdict", "check", "why"], rows)
        if len(failing) > MAX_LISTED:
            lines.append(f"\n… and {len(failing) - MAX_LISTED} more: see report.html.")
        lines.append("")

    stale = stale_entries(report)
    if stale:
        lines += [f"### Stale baseline entries ({len(stale)})", ""]
        lines += table(["requirement", "check", "why"], [[f"`{e['requirement']}`", cell(e.get("check") or "(all)"), cell(e["why"])] for e in stale])
        lines.append("")
    applied = [e for e in (report.get("baseline") or {}).get("entries", []) if e["status"] == "applied"]
    if applied:
        lines += [f"Baseline: {len(applied)} entr{'y' if len(applied) == 1 else 'ies'} excused known failures (EXPECTED-FAIL).", ""]

    latency = summary.get("latency") or {}
    if latency:
        lines += ["### Latency per operation (ms)", ""]
        rows = [
            [
                f"`{cell(op, 80)}`",
                str(t["count"]),
                ms(t["http_p50_ms"]),
                ms(t["http_p95_ms"]),
                str(t["notifications"]),
                ms(t["notification_p50_ms"]),
                ms(t["notification_p95_ms"]),
            ]
            for op, t in latency.items()
        ]
        lines += table(["operation", "n", "HTTP p50", "HTTP p95", "notified", "→notification p50", "→notification p95"], rows)
        lines.append("")

    reproducible = [(r, c) for r, c in failing if c.get("reproduction") and c["verdict"] in ("FAIL", "BLOCKED")][:MAX_REPRODUCED]
    for requirement, check in reproducible:
        reproduction = check["reproduction"]
        lines += [
            f"<details><summary>Reproduce {cell(requirement['id'])} {cell(check['name'], 80)}</summary>",
            "",
            f"{cell(requirement['sentence'], 400)} ([spec]({requirement['sources'][0]}))",
            "",
            f"Expected: {cell(literal(check.get('expected')), 300)}  ",
            f"Observed: {cell(literal(check.get('observed')), 300)}",
            "",
            code_block(reproduction["curl"], "sh"),
        ]
        if reproduction.get("python"):
            lines += ["", code_block(reproduction["python"], "python")]
        lines += ["", "</details>", ""]
    return "\n".join(lines).rstrip() + "\n"
