"""The fuzz section inside a suite run: verdicts, reproductions, --no-fuzz."""

from __future__ import annotations

import contextlib
import io
import json

from conformance.embedded import embedded_profile
from conformance.fuzz.run import campaign
from conformance.fuzz.plan.operation_needs import operation
from conformance.fuzz.settings import FuzzSettings
from conformance.reference import ReferenceServer, ServerConfig
from conformance.reference.email.faults import EmailFault as F
from conformance.runner import run_suites


def _run(tmp_path, *, faults=frozenset(), fuzz, sections):
    with contextlib.redirect_stdout(io.StringIO()):
        with ReferenceServer(ServerConfig(faults=faults)).start() as server:
            return run_suites(embedded_profile(server), tmp_path, sections=sections, fuzz=fuzz)


def test_a_finding_flags_its_check_with_a_redacted_curl_and_the_seed(tmp_path, monkeypatch):
    # Save alone, on a small budget: the boundary value that breaks this fault is always sent.
    monkeypatch.setattr(campaign, "OPERATIONS", (operation("Save"),))
    monkeypatch.setattr(campaign, "CHAINS", ())
    outcome = _run(tmp_path, faults=frozenset({F.FUZZ_LONG_SUBJECT_500}), fuzz=FuzzSettings(examples=2), sections=["fuzz"])
    requirements = {r["id"]: r for r in outcome.report["requirements"]}
    # Both rest on our reading of the docs (graded inferred), so they are SHOULDs: flagged, not failed.
    assert {i for i, r in requirements.items() if r["verdict"] != "PASS"} == {"FUZZ-SERVER-01", "FUZZ-VALID-01"}
    assert {requirements[i]["verdict"] for i in ("FUZZ-SERVER-01", "FUZZ-VALID-01")} == {"PASS-NONSTRICT"}
    check = requirements["FUZZ-SERVER-01"]["checks"][0]
    assert "HTTP 500" in check["message"]
    assert '-u "$GWS_USER:$GWS_PASSWORD"' in check["message"]
    assert "--fuzz-seed 6 --fuzz-examples 2" in check["message"]
    assert check["reproduction"]["curl"] in check["message"]  # the report replays the shrunk request
    assert check["observed"][0]["seed"] == 6 and check["observed"][0]["operation"] == "Save"
    assert any("requests/s" in e["summary"] for e in check["evidence"] if e["kind"] == "note")
    text = (tmp_path / "report.json").read_text(encoding="utf-8")
    assert "password1" not in text and "password2" not in text
    assert outcome.exit_code == 0  # no MUST failed


def test_no_fuzz_leaves_the_section_out(tmp_path):
    outcome = _run(tmp_path, fuzz=None, sections=["fuzz", "session"])
    ids = {r["id"] for r in outcome.report["requirements"]}
    assert ids and not any(i.startswith("FUZZ-") for i in ids)
    json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))


def test_a_campaign_out_of_time_before_any_request_blocks_every_check(tmp_path):
    outcome = _run(tmp_path, fuzz=FuzzSettings(examples=1, time_budget=0.01), sections=["fuzz"])
    requirements = {r["id"]: r for r in outcome.report["requirements"]}
    assert requirements and {r["verdict"] for r in requirements.values()} == {"BLOCKED"}
    check = requirements["FUZZ-SERVER-01"]["checks"][0]
    assert "time budget (0.01 s) ran out before any fuzzed request was sent" in check["message"]
    assert "--fuzz-time" in check["message"]
