"""junit.xml, summary.md and report.html rendered from a report: mapping, content, escaping."""

from __future__ import annotations

import io
import re
from html import escape
from datetime import date
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.reports import REPORT_FILES, write_outputs
from conformance.reports.baseline import apply_baseline, parse_baseline
from conformance.reports.console import print_summary
from conformance.reports.html_report import render_html
from conformance.reports.junit import render_junit
from conformance.reports.markdown import render_markdown
from conformance.reports.printable import printable
from tests.reports.sample import sample_report

HOSTILE = "<script>alert('x')</script> | `code` **bold** \x00\x1b ]]> \ud800"


def _hostile_report() -> dict:
    report = sample_report()
    failed = report["requirements"][0]["checks"][0]
    failed["message"] = HOSTILE
    failed["observed"] = {"body": HOSTILE}
    failed["evidence"][-1]["summary"] = HOSTILE
    failed["evidence"][-1]["detail"]["messages"][0]["data"]["email"]["state"] = HOSTILE
    failed["reproduction"]["curl"] += "\n``````"
    return report


def _cases(xml: str) -> dict[str, ET.Element]:
    root = ET.fromstring(xml.encode("utf-8"))
    return {case.get("name"): case for case in root.iter("testcase")}


def test_junit_maps_every_verdict_as_documented() -> None:
    xml = render_junit(sample_report())
    root = ET.fromstring(xml.encode("utf-8"))
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == ("6", "1", "2", "1")
    assert [s.get("name") for s in root.iter("testsuite")] == ["email-accept", "email-reject", "bayeux-websocket"]
    cases = _cases(xml)
    failed = cases["test_accept_answers_200"]
    assert failed.get("classname") == "EMAIL-ACCEPT-01"
    assert failed.find("failure").get("message") == "Accept answered HTTP 204, not 200"
    assert "curl -sS -i -X POST" in failed.find("failure").text
    properties = {p.get("name"): p.get("value") for p in failed.iter("property")}
    assert properties["requirement"] == "EMAIL-ACCEPT-01" and properties["keyword"] == "MUST" and properties["verdict"] == "FAIL"
    assert properties["spec_url"].startswith("https://docs.genesys.com/")
    assert [child.tag for child in cases["test_accept_notified"] if child.tag != "properties"] == []
    nonstrict = cases["test_get_shows_processing"]
    assert nonstrict.find("failure") is None and "PASS-NONSTRICT" in nonstrict.find("system-out").text
    assert {p.get("value") for p in nonstrict.iter("property")} >= {"PASS-NONSTRICT"}
    assert cases["test_reject_answers_200"].find("error").get("type") == "BLOCKED"
    assert cases["test_reject_notified"].find("error").get("type") == "ERROR"
    assert "NOT-APPLICABLE" in cases["test_websocket_handshake"].find("skipped").get("message")


def test_junit_skips_expected_failures_with_the_baseline_reason() -> None:
    report = apply_baseline(sample_report(), parse_baseline({"expected_failures": [{"requirement": "EMAIL-ACCEPT-01", "reason": "ACME-12"}]}), date(2026, 1, 1))
    skipped = _cases(render_junit(report))["test_accept_answers_200"].find("skipped")
    assert skipped.get("message") == "EXPECTED-FAIL (baseline): ACME-12"


def test_junit_stays_well_formed_with_hostile_target_text() -> None:
    cases = _cases(render_junit(_hostile_report()))
    assert "<script>" in cases["test_accept_answers_200"].find("failure").get("message")


def test_markdown_summary_shows_outcome_failures_latency_and_reproduction() -> None:
    md = render_markdown(sample_report())
    assert md.startswith("## ❌ gws-conformance: FAIL: sample target")
    assert "Exit code **1**: a requirement failed." in md
    assert "| FAIL | 1 | 1 |" in md
    assert "| `EMAIL-ACCEPT-01` | MUST | **FAIL** | test\\_accept\\_answers\\_200 | Accept answered HTTP 204, not 200 |" in md
    assert "| `POST /api/v2/me/emails/{id} Accept` | 3 | 1.5 | 1.5 | 2 | 12.0 | 12.0 |" in md
    assert "<details><summary>Reproduce EMAIL-ACCEPT-01" in md and "```sh\ncurl -sS -i -X POST" in md
    assert "```python\n" in md


def test_markdown_escapes_target_text() -> None:
    md = render_markdown(_hostile_report())
    assert "<script>" not in md and "&lt;script&gt;" in md
    row = next(line for line in md.splitlines() if line.startswith("| `EMAIL-ACCEPT-01`"))
    assert row.count(" | ") == 4, "a pipe in target text must not add a column"
    assert "```````sh" in md, "a fence must be longer than any backtick run inside it"


def test_markdown_lists_stale_baseline_entries() -> None:
    report = apply_baseline(sample_report(), parse_baseline({"expected_failures": [{"requirement": "EMAIL-ACCEPT-03", "reason": "x"}]}), date(2026, 1, 1))
    md = render_markdown(report)
    assert "### Stale baseline entries (1)" in md and "now passes: remove the entry" in md


def test_html_is_self_contained_and_escapes_target_text() -> None:
    html = render_html(_hostile_report())
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert re.search(r"<(link|img|iframe)\b", html) is None
    assert re.search(r"""\bsrc\s*=""", html) is None
    assert "default-src 'none'" in html
    external = set(re.findall(r'href="(https?://[^"]+)"', html))
    assert external == {"https://docs.genesys.com/Documentation/HTCC/latest/API/EmailAccept"}, "only spec links leave the file"


def test_html_holds_requirement_details_and_timeline() -> None:
    html = render_html(sample_report())
    assert 'id="req-EMAIL-ACCEPT-01"' in html and "The sentence of EMAIL-ACCEPT-01." in html
    assert "check body starts" in html and "FD176E2FEA14F5D3 -&gt; 204" in html
    assert "state Processing" in html
    assert 'data-section="email-reject" data-verdict="BLOCKED"' in html


def _article(html: str, req_id: str) -> str:
    start = html.index(f'id="req-{req_id}"')
    return html[start : html.index("</article>", start)]


def test_html_shows_each_requirements_evidence_grade_and_quote() -> None:
    report = sample_report()
    first = report["requirements"][0]
    first["evidence"] = {
        "grade": "inferred",
        "quote": "No page states <this>.",
        "source": "https://docs.genesys.com/Documentation/HTCC/latest/API/EmailResource",
        "verbatim": False,
    }
    article = _article(render_html(report), first["id"])
    assert 'Evidence: <strong class="grade">inferred</strong>' in article and "our restatement of the page" in article
    assert '<blockquote class="quote">No page states &lt;this&gt;.</blockquote>' in article
    assert "the page's words" in _article(render_html(report), report["requirements"][1]["id"])
    del first["evidence"]  # a report older than schema 1.2 still renders, without it
    assert "Evidence:" not in _article(render_html(report), first["id"])


def test_every_output_is_written(tmp_path: Path) -> None:
    write_outputs(_hostile_report(), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(REPORT_FILES)
    for name in REPORT_FILES:
        assert (tmp_path / name).read_text(encoding="utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=80))
def test_any_target_text_keeps_every_output_well_formed(text: str) -> None:
    report = sample_report()
    failed = report["requirements"][0]["checks"][0]
    failed["message"] = text
    failed["observed"] = {"body": text}
    failed["evidence"][-1]["summary"] = text

    message = _cases(render_junit(report))["test_accept_answers_200"].find("failure").get("message")
    assert message == _clean_expected(text)
    row = next(line for line in render_markdown(report).splitlines() if line.startswith("| `EMAIL-ACCEPT-01`"))
    assert row.count(" | ") == 4
    article = render_html(report).split('id="req-EMAIL-ACCEPT-01"', 1)[1].split("</article>", 1)[0]
    assert f'<p class="message">{escape(printable(text))}</p>' in article if text else '<p class="message">' not in article


def _clean_expected(text: str) -> str:
    """What the JUnit failure message holds: the first line, control characters shown as \\x1b,
    other characters XML cannot carry replaced."""
    first = printable(text.splitlines()[0] if text else "")
    return re.sub("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "\ufffd", first)[:500]


def test_what_the_run_observed_about_the_target_is_in_every_human_report() -> None:
    report = sample_report()
    report["run"]["observations"] = [{"key": "bayeux-event-source", "text": "the events came from <toggles> & more"}]
    assert "Observed: the events came from" in render_markdown(report)
    assert escape("the events came from <toggles> & more") in render_html(report)
    out = io.StringIO()
    print_summary(report, out)
    assert "observed: the events came from <toggles> & more" in out.getvalue()
