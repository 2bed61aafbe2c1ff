"""The profile's queues and documents: a deployment whose names are not the defaults runs clean
against a reference server holding exactly those; missing ones make their checks NOT-APPLICABLE."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
from pathlib import Path

import pytest

from conformance.deployment import Deployment
from conformance.embedded import embedded_config, embedded_profile
from conformance.fuzz.settings import FuzzSettings
from conformance.reference import ReferenceServer
from conformance.reference.serve import config_from_args, configure
from conformance.runner import RunOutcome, run_suites

pytestmark = pytest.mark.slow

QUEUES = ("acme-parking", "acme-outbound")
DOCUMENTS = ("acme-doc-a", "acme-doc-b")
ACME = Deployment(parking_queue=QUEUES[0], outbound_queue=QUEUES[1], document_ids=DOCUMENTS)
# Every section whose checks send a queue name, a queueUri or a documentId, and the fuzz section.
SECTIONS = ["email-complete", "email-transfer", "email-send", "email-cancel", "email-attachments", "email-create", "email-reply", "email-lifecycle", "fuzz"]


def _run(output: Path, deployment: Deployment, sections: list[str], *, user_uris: bool = True) -> RunOutcome:
    config = dataclasses.replace(embedded_config(), queues=QUEUES, documents=DOCUMENTS)
    with contextlib.redirect_stdout(io.StringIO()), ReferenceServer(config).start() as server:
        profile = dataclasses.replace(embedded_profile(server), deployment=deployment)
        if not user_uris:
            profile = dataclasses.replace(profile, agents=tuple(dataclasses.replace(a, user_uri=None) for a in profile.agents))
        return run_suites(profile, output, sections=sections, fuzz=FuzzSettings(examples=2))


def _checks(outcome: RunOutcome) -> dict[str, tuple[str, str]]:
    """check node id -> (verdict, reason)."""
    return {c["nodeid"]: (c["verdict"], c.get("message") or "") for r in outcome.report["requirements"] for c in r["checks"]}


def test_configured_names_run_clean_against_a_server_holding_them(tmp_path: Path) -> None:
    outcome = _run(tmp_path / "acme", ACME, SECTIONS)
    not_passed = {nodeid: verdict for nodeid, verdict in _checks(outcome).items() if verdict[0] != "PASS"}
    assert not not_passed
    assert outcome.exit_code == 0


def test_the_default_names_are_refused_by_that_server(tmp_path: Path) -> None:
    """The server really holds only the configured names: the defaults fail there."""
    outcome = _run(tmp_path / "defaults", Deployment(), ["email-send", "email-attachments"])
    verdicts = {verdict for verdict, _ in _checks(outcome).values()}
    assert verdicts & {"FAIL", "BLOCKED"}


def test_missing_resources_make_their_checks_not_applicable(tmp_path: Path) -> None:
    outcome = _run(
        tmp_path / "missing", Deployment(parking_queue=QUEUES[0], outbound_queue=None, document_ids=()), ["email-send", "email-attachments", "email-complete"],
    )
    checks = _checks(outcome)
    send = {n: v for n, v in checks.items() if "test_email_send" in n}
    assert send and all(verdict == "NOT-APPLICABLE" and "[queues].outbound" in reason for verdict, reason in send.values()), send
    attach = {n: v for n, v in checks.items() if "test_email_attachments" in n}
    assert attach and all(verdict == "NOT-APPLICABLE" for verdict, _ in attach.values()), attach
    assert any("[attachments].document_ids" in reason for _, reason in attach.values())
    complete = {n: v for n, v in checks.items() if "test_email_complete" in n}
    assert complete and all(verdict == "PASS" for verdict, _ in complete.values()), complete


def test_serve_options_name_the_servers_queues_and_documents() -> None:
    parser = argparse.ArgumentParser()
    configure(parser)
    config = config_from_args(parser.parse_args(["--queue", "a", "--queue", "b", "--queue", "a", "--document-id", "d1"]))
    assert (config.queues, config.documents) == (("a", "b"), ("d1",))
    default = config_from_args(parser.parse_args([]))
    assert (default.queues, default.documents) == (None, None)  # any name, as before


def test_a_deployment_naming_nothing_blocks_and_fails_nothing(tmp_path: Path) -> None:
    """The whole suite with no queues and no documents: what needs them is NOT-APPLICABLE, the rest passes."""
    bare = Deployment(parking_queue=None, outbound_queue=None, document_ids=())
    with contextlib.redirect_stdout(io.StringIO()), ReferenceServer(embedded_config()).start() as server:
        profile = dataclasses.replace(embedded_profile(server), deployment=bare)
        outcome = run_suites(profile, tmp_path / "bare", fuzz=FuzzSettings(examples=2))
    checks = _checks(outcome)
    assert {verdict for verdict, _ in checks.values()} <= {"PASS", "NOT-APPLICABLE"}, {n: v for n, v in checks.items() if v[0] not in ("PASS", "NOT-APPLICABLE")}
    reasons = {reason for verdict, reason in checks.values() if verdict == "NOT-APPLICABLE"}
    assert any("[queues].outbound" in r for r in reasons) and any("[queues].parking" in r for r in reasons)
    assert outcome.exit_code == 0


def test_an_agent_without_user_uri_makes_transfer_by_user_not_applicable(tmp_path: Path) -> None:
    checks = _checks(_run(tmp_path / "no-user-uri", ACME, ["email-transfer"], user_uris=False))
    by_user = {n: v for n, v in checks.items() if "user_uri" in v[1]}
    assert by_user and all(verdict == "NOT-APPLICABLE" and "agents[1].user_uri" in reason for verdict, reason in by_user.values()), checks
    assert {verdict for verdict, _ in checks.values()} <= {"PASS", "NOT-APPLICABLE"}
    assert any(verdict == "PASS" for verdict, _ in checks.values())  # Transfer to the parking queue still runs
