"""report.html and compare.html as a person sees them: rendered by headless Chromium."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from conformance.reports import write_outputs
from conformance.reports.compare import Run, render_compare_html
from tests.reports.chromium import chromium_binary, chromium_page
from tests.reports.sample import sample_report

CHROMIUM = chromium_binary()
if CHROMIUM is None:
    if os.environ.get("GWS_REQUIRE_CHROMIUM"):
        raise RuntimeError("GWS_REQUIRE_CHROMIUM is set but no chromium is installed (apt-get install chromium)")
    pytest.skip("needs Debian's chromium (.ci/run installs it)", allow_module_level=True)

VISIBLE_ROWS = "Array.from(document.querySelectorAll('#matrix tbody tr')).filter(r => !r.hidden).map(r => r.cells[0].textContent)"


async def _inspect_report(html: Path, screenshot: Path) -> dict:
    async with chromium_page(CHROMIUM) as page:
        await page.open(html.as_uri())
        found = {
            "ready": await page.evaluate("document.body.dataset.ready"),
            "headline": await page.evaluate("document.querySelector('#summary h1').innerText"),
            "counts": await page.evaluate("document.querySelector('#counts').innerText"),
            "failed_open": await page.evaluate("document.querySelector('#req-EMAIL-ACCEPT-01 details').open"),
            "timeline": await page.evaluate(
                "Array.from(document.querySelectorAll('#req-EMAIL-ACCEPT-01 table.timeline tbody tr')).map(r => r.innerText)"
            ),
            "timeline_visible": await page.evaluate(
                "document.querySelector('#req-EMAIL-ACCEPT-01 table.timeline').getBoundingClientRect().height > 0"
            ),
            "curl": await page.evaluate("document.querySelector('#req-EMAIL-ACCEPT-01 details.reproduction pre').innerText"),
            "all_rows": await page.evaluate(VISIBLE_ROWS),
        }
        await page.evaluate(
            "(() => { const s = document.getElementById('filter-section'); s.value = 'email-reject';"
            " s.dispatchEvent(new Event('change', {bubbles: true})); })()"
        )
        found["reject_rows"] = await page.evaluate(VISIBLE_ROWS)
        found["shown_count"] = await page.evaluate("document.getElementById('shown-count').textContent")
        await page.evaluate("document.getElementById('filter-reset').click()")
        await page.evaluate("document.querySelector('button[data-only=\"FAIL\"]').click()")
        found["fail_rows"] = await page.evaluate(VISIBLE_ROWS)
        found["fail_details_hidden"] = await page.evaluate("document.getElementById('req-EMAIL-ACCEPT-03').hidden")
        await page.evaluate("document.getElementById('filter-reset').click()")
        await page.screenshot(screenshot)
        found["console_errors"] = list(page.console_errors)
        return found


def test_report_html_renders_summary_failure_timeline_and_filters(tmp_path: Path) -> None:
    write_outputs(sample_report(), tmp_path)
    found = asyncio.run(_inspect_report(tmp_path / "report.html", tmp_path / "report.png"))

    assert found["console_errors"] == []
    assert found["ready"] == "yes"
    assert "FAIL" in found["headline"] and "sample target" in found["headline"]
    assert "1 FAIL" in found["counts"] and "1 PASS" in found["counts"]
    assert found["failed_open"] is True and found["timeline_visible"] is True
    timeline = "\n".join(found["timeline"])
    assert "check body starts" in timeline
    assert f"/api/v2/me/emails/FD176E2FEA14F5D3 -> 204" in timeline
    assert "/v2/me/emails" in timeline and "after request" in timeline
    assert '-u "$GWS_USER:$GWS_PASSWORD"' in found["curl"]
    assert len(found["all_rows"]) == 6
    assert found["reject_rows"] == ["EMAIL-REJECT-01", "EMAIL-REJECT-02"]
    assert found["shown_count"] == "2 of 6 requirements shown"
    assert found["fail_rows"] == ["EMAIL-ACCEPT-01"]
    assert found["fail_details_hidden"] is True
    assert (tmp_path / "report.png").stat().st_size > 10_000


async def _inspect_compare(html: Path) -> dict:
    async with chromium_page(CHROMIUM) as page:
        await page.open(html.as_uri())
        found = {
            "headers": await page.evaluate("Array.from(document.querySelectorAll('#matrix thead th')).map(th => th.innerText)"),
            "accept01": await page.evaluate(
                "Array.from(document.querySelectorAll('#matrix tbody tr')).find(r => r.cells[0].textContent === 'EMAIL-ACCEPT-01').innerText"
            ),
        }
        await page.evaluate("document.getElementById('filter-differences').click()")
        found["differing"] = await page.evaluate(VISIBLE_ROWS)
        found["console_errors"] = list(page.console_errors)
        return found


def test_compare_html_shows_runs_side_by_side(tmp_path: Path) -> None:
    broken = sample_report()
    fixed = sample_report()
    fixed["run"]["target"]["name"] = "fixed target"
    fixed["requirements"][0]["verdict"] = fixed["requirements"][0]["checks"][0]["verdict"] = "PASS"
    html = tmp_path / "compare.html"
    html.write_text(render_compare_html([Run("broken", broken), Run("fixed", fixed)]), encoding="utf-8")

    found = asyncio.run(_inspect_compare(html))

    assert found["console_errors"] == []
    assert any(h.startswith("broken") for h in found["headers"]) and any(h.startswith("fixed") for h in found["headers"])
    assert "FAIL" in found["accept01"] and "PASS" in found["accept01"]
    assert found["differing"] == ["EMAIL-ACCEPT-01"]


async def _inspect_real_failure(html: Path) -> dict:
    async with chromium_page(CHROMIUM) as page:
        await page.open(html.as_uri())
        found = {
            "headline": await page.evaluate("document.querySelector('#summary h1').innerText"),
            "message": await page.evaluate("document.querySelector('#req-EMAIL-ACCEPT-01 .message').innerText"),
            "timeline": await page.evaluate(
                "Array.from(document.querySelectorAll('#req-EMAIL-ACCEPT-01 table.timeline tbody tr'))"
                ".filter(r => r.getBoundingClientRect().height > 0).map(r => r.innerText)"
            ),
            "latency_rows": await page.evaluate("document.querySelectorAll('#latency tbody tr').length"),
        }
        found["console_errors"] = list(page.console_errors)
        return found


@pytest.mark.slow
def test_a_real_failed_check_is_readable_in_chromium(suite_runs) -> None:
    found = asyncio.run(_inspect_real_failure(suite_runs["faulty"].output / "report.html"))

    assert found["console_errors"] == []
    assert found["headline"].startswith("FAIL") and "embedded reference server" in found["headline"]
    assert found["message"] == "Accept answered HTTP 204, not 200"
    timeline = "\n".join(found["timeline"])
    assert "check body starts" in timeline
    assert "-> 204" in timeline and "/api/v2/me/emails/" in timeline
    # The invitation fixture waits for the Invited notification: always part of the timeline.
    assert "bayeux-in" in timeline and "state Invited" in timeline
    assert found["latency_rows"] >= 1
