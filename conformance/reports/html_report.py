"""report.html from report.json: one self-contained offline file (inline CSS and JS).

Summary, a requirement x verdict table filterable by section and verdict, and per
requirement its sentence, spec links, keyword, and per check expected vs observed, the
reproduction and the merged timeline of its HTTP exchanges and Bayeux messages. Every
string is escaped: the target controls much of it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Any

from conformance.email_resource import email_in
from conformance.exit_codes import MEANING
from conformance.reports.printable import printable
from conformance.reports.timeline import call_phase, delivered_messages, elapsed_ms, is_call_mark, is_rest_exchange
from conformance.reports.wording import VERDICTS_WORST_FIRST, headline, interrupted_note, ms, observation_notes, outcome_word, run_line

OUTCOME_CLASS = {"PASS": "PASS", "FAIL": "FAIL", "ERROR": "ERROR", "BLOCKED": "BLOCKED", "STALE BASELINE": "STALE", "INTERRUPTED": "ERROR"}
_OPEN_VERDICTS = {"FAIL", "ERROR", "BLOCKED"}


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    return resources.files("conformance.reports").joinpath("assets", name).read_text(encoding="utf-8")


def e(value: Any) -> str:
    return escape(printable(value if isinstance(value, str) else str(value)), quote=True)


def badge(verdict: str, text: str | None = None) -> str:
    return f'<span class="badge v-{e(verdict)}">{e(text or verdict)}</span>'


def pretty(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def page(title: str, body: str) -> str:
    """A complete offline HTML document around `body`."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # Offline by construction: nothing may be fetched, whatever a target smuggles in.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{e(title)}</title>\n<style>\n{asset('report.css')}</style>\n</head>\n<body>\n{body}\n"
        f"<script>\n{asset('report.js')}</script>\n</body>\n</html>\n"
    )


def filter_form(sections: list[str], verdicts: list[str], *, differences: bool = False) -> str:
    options = "".join(f'<option value="{e(s)}">{e(s)}</option>' for s in sections)
    boxes = "".join(f'<label><input type="checkbox" name="verdict" value="{e(v)}" checked> {badge(v)}</label>' for v in verdicts)
    extra = '<label><input type="checkbox" id="filter-differences"> only differences</label>' if differences else ""
    return (
        '<form class="filters" id="filters">'
        f'<label>Section <select id="filter-section"><option value="">all sections</option>{options}</select></label>'
        f'<fieldset id="filter-verdicts"><legend>Verdict</legend>{boxes}</fieldset>'
        '<label>Search <input type="search" id="filter-text" placeholder="ID or words"></label>'
        f'{extra}<button type="button" id="filter-reset">show all</button> <span id="shown-count"></span></form>'
    )


def _summary(report: dict[str, Any]) -> str:
    run, summary = report["run"], report["summary"]
    target = run["target"]
    word = outcome_word(report)
    code = summary["exit_code"]
    counts = "".join(
        f'<button type="button" class="badge v-{e(v)}" data-only="{e(v)}" title="show only {e(v)}">'
        f'{summary["requirements"][v]} {e(v)}</button>'
        for v in VERDICTS_WORST_FIRST
        if summary["requirements"].get(v)
    )
    checks = ", ".join(f"{n} {v}" for v, n in summary["checks"].items() if n)
    meta = [
        ("target", f"{e(target['name'])} <span class=mono>{e(target['base_url'])}</span>"),
        ("CometD", f"<span class=mono>{e(target['cometd_url'])}</span> (kind {e(target['kind'])})"),
        ("agents", e(", ".join(target.get("agents", [])))),
        ("declared features", e(", ".join(target.get("features", [])) or "none")),
        ("mode", e(run.get("mode", "normal"))),
        ("filters", e(json.dumps(run.get("filters", {}))) if any(run.get("filters", {}).values()) else "none"),
        ("catalog", f"{e(run['catalog_version'])}: {e(run['api'])}"),
        ("checks", e(checks or "none")),
        ("environment", e(", ".join(f"{k} {v}" for k, v in run.get("environment", {}).items()))),
        *(("observed", e(note)) for note in observation_notes(report)),
    ]
    note = interrupted_note(report)
    interrupted = f'<p class="interrupted" id="interrupted"><strong>{e(note)}</strong></p>' if note else ""
    certified = ""
    if "certified" in summary:
        certified = f"<p>Certification: <strong>{'certified' if summary['certified'] else 'not certified'}</strong> (every applicable MUST and SHOULD).</p>"
    return (
        '<header class="top" id="summary">'
        f'<h1>{badge(OUTCOME_CLASS.get(word, "none"), word)} {e(target["name"])}</h1>'
        f"<div>{e(run_line(report))}</div>"
        f"<p>Exit code <strong>{code}</strong>: {e(MEANING.get(code, 'unknown'))}.</p>{certified}{interrupted}"
        f'<div class="counts" id="counts">{counts}</div>'
        f'<dl class="meta">{"".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in meta)}</dl>'
        '<nav><a href="#requirements">requirements</a><a href="#latency">latency</a>'
        f'{"<a href=#baseline>baseline</a>" if report.get("baseline") else ""}</nav>'
        "</header>"
    )


def _baseline(report: dict[str, Any]) -> str:
    baseline = report.get("baseline")
    if not baseline:
        return ""
    rows = "".join(
        f"<tr><td>{badge('STALE' if x['status'] == 'stale' else 'none', x['status'])}</td>"
        f"<td><a href=\"#req-{e(x['requirement'])}\">{e(x['requirement'])}</a></td><td class=mono>{e(x.get('check') or '(all checks)')}</td>"
        f"<td>{e(x['why'])}</td><td>{e(x['reason'])}</td><td>{e(x.get('owner') or '')}</td><td>{e(x.get('ticket') or '')}</td>"
        f"<td>{e(x.get('expires') or '')}</td></tr>"
        for x in baseline["entries"]
    )
    return (
        f'<section id="baseline"><h2>Baseline <span class=mono>{e(baseline["source"])}</span></h2>'
        "<table><thead><tr><th>status</th><th>requirement</th><th>check</th><th>outcome</th><th>reason</th>"
        f"<th>owner</th><th>ticket</th><th>expires</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _latency(report: dict[str, Any]) -> str:
    latency = report["summary"].get("latency") or {}
    if not latency:
        return '<section id="latency"><h2>Latency</h2><p>No REST exchange was recorded.</p></section>'
    rows = "".join(
        f"<tr><td class=mono>{e(op)}</td><td>{t['count']}</td><td>{ms(t['http_p50_ms'])}</td><td>{ms(t['http_p95_ms'])}</td>"
        f"<td>{t['notifications']}</td><td>{ms(t['notification_p50_ms'])}</td><td>{ms(t['notification_p95_ms'])}</td></tr>"
        for op, t in latency.items()
    )
    return (
        '<section id="latency"><h2>Latency per operation (ms)</h2>'
        "<p>HTTP: the exchange's duration. Notification: from the request being sent to the first "
        "notification delivered before the next request.</p>"
        "<table><thead><tr><th>operation</th><th>n</th><th>HTTP p50</th><th>HTTP p95</th><th>notified</th>"
        f"<th>→ notification p50</th><th>→ notification p95</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _search_text(requirement: dict[str, Any]) -> str:
    grade = [requirement["evidence"]["grade"]] if requirement.get("evidence") else []
    words = [requirement["id"], requirement["title"], requirement["keyword"], *grade] + [c["name"] for c in requirement["checks"]]
    return e(" ".join(words).lower())


def _matrix(report: dict[str, Any]) -> str:
    sections = list(dict.fromkeys(r["section"] for r in report["requirements"]))
    verdicts = [v for v in VERDICTS_WORST_FIRST if report["summary"]["requirements"].get(v)]
    rows = "".join(
        f'<tr data-filterable data-section="{e(r["section"])}" data-verdict="{e(r["verdict"])}" data-text="{_search_text(r)}">'
        f'<td><a href="#req-{e(r["id"])}" class=mono>{e(r["id"])}</a></td><td>{e(r["section"])}</td><td>{e(r["keyword"])}</td>'
        f'<td>{badge(r["verdict"])}</td><td>{_check_counts(r)}</td><td>{e(r["title"])}</td></tr>'
        for r in report["requirements"]
    )
    return (
        f'<section id="requirements"><h2>Requirements × verdict</h2>{filter_form(sections, verdicts)}'
        '<table id="matrix"><thead><tr><th>requirement</th><th>section</th><th>keyword</th><th>verdict</th>'
        f"<th>checks</th><th>title</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _check_counts(requirement: dict[str, Any]) -> str:
    counts: dict[str, int] = {}
    for check in requirement["checks"]:
        counts[check["verdict"]] = counts.get(check["verdict"], 0) + 1
    return e(", ".join(f"{n} {v}" for v, n in counts.items()))


def _event_row(event: dict[str, Any], previous_at: float | None, last_request_at: float | None, setup: bool) -> str:
    if is_call_mark(event):
        return '<tr class="mark"><td colspan="6">check body starts: events below are the stimulus and its effects</td></tr>'
    at_ms = event["at"] * 1000
    delta = "" if previous_at is None else f"+{(event['at'] - previous_at) * 1000:.1f}"
    latency = ""
    classes = [f"k-{event['kind']}"]
    if event["kind"] == "http" and elapsed_ms(event) is not None:
        latency = f'<span class="lat">{elapsed_ms(event):.1f}</span> http'
    if delivered_messages(event):
        classes.append("delivery")
        if last_request_at is not None and event["at"] >= last_request_at:
            latency = f'<span class="lat">{(event["at"] - last_request_at) * 1000:.1f}</span> after request'
    if setup:
        classes.append("setup")
    detail = event.get("detail") or {}
    summary = e(event["summary"]) + "".join(f'<div class="gist">{e(_gist(m))}</div>' for m in delivered_messages(event))
    cell = f"<details><summary>{summary}</summary><pre>{e(pretty(detail))}</pre></details>" if detail else summary
    return (
        f'<tr class="{" ".join(classes)}"><td class="num">{at_ms:.1f}</td><td class="num">{delta}</td><td class="num">{latency}</td>'
        f'<td>{e(event["actor"])}</td><td class="kind">{e(event["kind"])}</td><td>{cell}</td></tr>'
    )


def _gist(message: dict[str, Any]) -> str:
    """One line about a delivered notification: channel, types, email id and state."""
    data = message.get("data")
    parts = [str(message.get("channel"))]
    if isinstance(data, dict):
        parts += [str(data[k]) for k in ("messageType", "notificationType") if isinstance(data.get(k), (str, int))]
        email = email_in(data)
        if email is not None:
            parts += [f"email {email.get('id')}", f"state {email.get('state')}"]
    return " · ".join(parts)[:300]


def timeline_table(evidence: list[dict[str, Any]], cometd_url: str) -> str:
    body = call_phase(evidence)
    in_setup = body is not None  # before the mark, events belong to the fixtures
    previous_at = None
    last_request_at = None
    rows = []
    for event in evidence:
        if is_call_mark(event):
            in_setup = False
        rows.append(_event_row(event, previous_at, last_request_at, in_setup))
        if not is_call_mark(event):
            previous_at = event["at"]
        if is_rest_exchange(event, cometd_url):
            last_request_at = event["at"]
    return (
        '<table class="timeline"><thead><tr><th>ms</th><th>Δ ms</th><th>latency ms</th><th>actor</th><th>kind</th>'
        f"<th>what (click for the full exchange)</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _check(requirement: dict[str, Any], check: dict[str, Any], index: int, cometd_url: str) -> str:
    verdict = check["verdict"]
    parts = [f'<div class="check" id="check-{e(requirement["id"])}-{index}"><h4>{badge(verdict)} <span class=mono>{e(check["name"])}</span></h4>']
    if check.get("message"):
        parts.append(f'<p class="message">{e(check["message"])}</p>')
    if check.get("stimulus"):
        parts.append(f"<p>Stimulus: {e(check['stimulus'])}</p>")
    if check.get("blocked_step"):
        parts.append(f"<p>Blocked at step: <strong>{e(check['blocked_step'])}</strong></p>")
    if (check.get("baseline") or {}).get("reason"):
        parts.append(f"<p>Baseline: {e(check['baseline']['reason'])}</p>")
    if check.get("expected") is not None or check.get("observed") is not None:
        parts.append(
            '<div class="exp-obs">'
            f"<div><h5>expected</h5><pre>{e(pretty(check.get('expected')))}</pre></div>"
            f"<div><h5>observed</h5><pre>{e(pretty(check.get('observed')))}</pre></div></div>"
        )
    timings = check.get("timings") or {}
    timing = [f"duration {float(timings.get('duration_s') or 0) * 1000:.1f} ms"]
    if timings.get("operation"):
        notified = timings.get("notification_ms")
        after = "no notification recorded" if notified is None else f"notification after {ms(notified)} ms"
        timing.append(f"stimulus {timings['operation']}: HTTP {ms(timings.get('http_ms'))} ms, {after}")
    parts.append(f'<p class="timing">{e(" · ".join(timing))}</p>')
    if check.get("harness_trace"):
        parts.append(f"<h5>harness trace</h5><pre>{e(check['harness_trace'])}</pre>")
    reproduction = check.get("reproduction")
    if reproduction:
        python = (
            f"<details class=python><summary>Python: subscribe to {e(reproduction.get('channel'))}, send, print the notification "
            f"(httpx + aiocometd_noloop)</summary><pre>{e(reproduction['python'])}</pre></details>"
            if reproduction.get("python")
            else ""
        )
        parts.append(
            f'<details class="reproduction" open><summary>Reproduce: {e(reproduction["operation"])}</summary>'
            f"<h5>curl</h5><pre>{e(reproduction['curl'])}</pre>{python}</details>"
        )
    evidence = check.get("evidence") or []
    opened = " open" if verdict in _OPEN_VERDICTS or verdict == "PASS-NONSTRICT" else ""
    parts.append(
        f'<details class="timeline-box"{opened}><summary>Timeline: {len(evidence)} events</summary>'
        f"{timeline_table(evidence, cometd_url)}</details></div>"
    )
    return "".join(parts)


_GRADE_MEANING = {
    "documented": "stated in the text of a public documentation page",
    "sample": "shown only in a documentation sample",
    "sample-code": "seen only in public Genesys sample code",
    "inferred": "our inference: no public page states it",
}


def _evidence(requirement: dict[str, Any]) -> str:
    evidence = requirement.get("evidence")
    if not evidence:  # reports older than schema 1.2
        return ""
    wording = "the page's words" if evidence["verbatim"] else "our restatement of the page"
    return (
        f'<div class="evidence"><p>Evidence: <strong class="grade">{e(evidence["grade"])}</strong> '
        f'({e(_GRADE_MEANING.get(evidence["grade"], ""))}) · {wording}: '
        f'<a href="{e(evidence["source"])}" rel="noreferrer">{e(evidence["source"])}</a></p>'
        f'<blockquote class="quote">{e(evidence["quote"])}</blockquote></div>'
    )


def _requirement(requirement: dict[str, Any], cometd_url: str) -> str:
    opened = " open" if requirement["verdict"] in _OPEN_VERDICTS else ""
    links = " ".join(f'<a href="{e(url)}" rel="noreferrer">{e(url)}</a>' for url in requirement["sources"])
    position = f'<p class="position">Our position: {e(requirement["position"])}</p>' if requirement.get("position") else ""
    applies = f"<p>Applies to feature: <code>{e(requirement['applies_to'])}</code></p>" if requirement.get("applies_to") else ""
    checks = "".join(_check(requirement, c, i, cometd_url) for i, c in enumerate(requirement["checks"]))
    return (
        f'<article class="requirement" id="req-{e(requirement["id"])}" data-filterable data-section="{e(requirement["section"])}" '
        f'data-verdict="{e(requirement["verdict"])}" data-text="{_search_text(requirement)}">'
        f"<details{opened}><summary>{badge(requirement['verdict'])} <strong class=mono>{e(requirement['id'])}</strong> "
        f"<em>{e(requirement['keyword'])}</em> {e(requirement['title'])}</summary>"
        f'<div class="req-body"><blockquote class="sentence">{e(requirement["sentence"])}</blockquote>'
        f"<p>Keyword: <strong>{e(requirement['keyword'])}</strong> · section {e(requirement['section'])} · spec: {links}</p>"
        f"{_evidence(requirement)}{position}{applies}{checks}</div></details></article>"
    )


def render_html(report: dict[str, Any]) -> str:
    cometd_url = report["run"]["target"]["cometd_url"]
    details = "".join(_requirement(r, cometd_url) for r in report["requirements"])
    body = (
        f"{_summary(report)}<main>{_baseline(report)}{_matrix(report)}"
        f'<section id="details"><h2>Requirements in detail</h2>{details}</section>{_latency(report)}</main>'
    )
    return page(f"gws-conformance: {headline(report)}", body)
