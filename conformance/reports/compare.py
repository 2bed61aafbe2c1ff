"""The implementations x requirements grid of several runs: compare.html and compare.md."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance.reports.html_report import OUTCOME_CLASS, badge, e, filter_form, page
from conformance.reports.markdown import cell, table
from conformance.reports.wording import VERDICTS_WORST_FIRST, outcome_word

NOT_RUN = "none"  # a requirement the run did not include


@dataclass(frozen=True)
class Run:
    label: str
    report: dict[str, Any]


@dataclass(frozen=True)
class Row:
    id: str
    section: str
    keyword: str
    title: str
    verdicts: tuple[str, ...]  # one per run; NOT_RUN when absent
    reasons: tuple[str, ...]  # first failing check's message per run

    @property
    def differs(self) -> bool:
        return len(set(self.verdicts)) > 1


def _reason(requirement: dict[str, Any]) -> str:
    for check in requirement["checks"]:
        if check["verdict"] == requirement["verdict"] and check["message"]:
            return f"{check['name']}: {check['message']}"
    return ""


def grid(runs: list[Run]) -> list[Row]:
    """Every requirement any run holds, in catalog order of first appearance."""
    order: dict[str, dict[str, Any]] = {}
    for run in runs:
        for requirement in run.report["requirements"]:
            order.setdefault(requirement["id"], requirement)
    by_run = [{r["id"]: r for r in run.report["requirements"]} for run in runs]
    rows = []
    for req_id, requirement in order.items():
        found = [held.get(req_id) for held in by_run]
        rows.append(
            Row(
                id=req_id,
                section=requirement["section"],
                keyword=requirement["keyword"],
                title=requirement["title"],
                verdicts=tuple(r["verdict"] if r else NOT_RUN for r in found),
                reasons=tuple(_reason(r) if r else "not run" for r in found),
            )
        )
    return rows


def render_compare_markdown(runs: list[Run]) -> str:
    rows = grid(runs)
    lines = [f"## gws-conformance: {len(runs)} runs compared", ""]
    lines += table(
        ["run", "outcome", "suite", "catalog", "started"],
        [
            [cell(run.label), outcome_word(run.report), cell(run.report["run"]["suite_version"]), cell(run.report["run"]["catalog_version"]),
             cell(run.report["run"]["started_at"])]
            for run in runs
        ],
    )
    lines.append("")
    differing = sum(row.differs for row in rows)
    lines += [f"{len(rows)} requirements, {differing} with different verdicts (marked ◆).", ""]
    header = ["requirement", "keyword"] + [cell(run.label, 60) for run in runs]
    lines += table(
        header,
        [[f"{'◆ ' if row.differs else ''}`{row.id}`", row.keyword] + [("—" if v == NOT_RUN else v) for v in row.verdicts] for row in rows],
    )
    return "\n".join(lines) + "\n"


def render_compare_html(runs: list[Run]) -> str:
    rows = grid(runs)
    sections = list(dict.fromkeys(row.section for row in rows))
    verdicts = [v for v in VERDICTS_WORST_FIRST if any(v in row.verdicts for row in rows)]
    if any(NOT_RUN in row.verdicts for row in rows):
        verdicts.append(NOT_RUN)
    head = "".join(
        f"<th>{e(run.label)}<br>{badge(OUTCOME_CLASS.get(outcome_word(run.report), NOT_RUN), outcome_word(run.report))}</th>" for run in runs
    )
    body = []
    for row in rows:
        cells = "".join(
            f'<td title="{e(reason)}">{badge(verdict, "not run" if verdict == NOT_RUN else verdict)}</td>'
            for verdict, reason in zip(row.verdicts, row.reasons)
        )
        text = e(f"{row.id} {row.title}".lower())
        body.append(
            f'<tr data-filterable data-section="{e(row.section)}" data-verdict="{e(" ".join(sorted(set(row.verdicts))))}" '
            f'data-text="{text}" data-differs="{"yes" if row.differs else "no"}"{" class=differs" if row.differs else ""}>'
            f'<td class=mono>{e(row.id)}</td><td>{e(row.keyword)}</td><td>{e(row.title)}</td>{cells}</tr>'
        )
    runs_list = "".join(
        f"<li><strong>{e(run.label)}</strong>: gws-conformance {e(run.report['run']['suite_version'])}, catalog "
        f"{e(run.report['run']['catalog_version'])}, started {e(run.report['run']['started_at'])}</li>"
        for run in runs
    )
    differing = sum(row.differs for row in rows)
    content = (
        f'<header class="top" id="summary"><h1>{len(runs)} runs compared</h1><ul>{runs_list}</ul>'
        f"<p>{len(rows)} requirements, <strong>{differing}</strong> with different verdicts. Hover a cell for the reason.</p></header>"
        f'<main><section id="requirements">{filter_form(sections, verdicts, differences=True)}'
        f'<table id="matrix"><thead><tr><th>requirement</th><th>keyword</th><th>title</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></section></main>"
    )
    return page(f"gws-conformance: {len(runs)} runs compared", content)
