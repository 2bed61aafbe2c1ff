"""A synthetic report.json built like a real run's: one requirement per verdict, real-shaped evidence."""

from __future__ import annotations

import copy
import json
from typing import Any

from conformance.reports.json_report import annotate_check, summarise
from conformance.reports.timeline import CALL_MARK, CALL_MARK_ACTOR

BASE = "http://127.0.0.1:40001"
COMETD = f"{BASE}/api/v2/notifications"
EMAIL = "FD176E2FEA14F5D3"
TARGET = {
    "name": "sample target",
    "base_url": BASE,
    "cometd_url": COMETD,
    "kind": "gws",
    "agents": ["agent1", "agent2"],
    "injector": "http",
    "features": ["websocket"],
    "timeouts": {"http": 5.0},
    "source": "embedded",
}


def http(at: float, method: str, url: str, status: int | None, elapsed_ms: float, body: str | None = None, response: str = "") -> dict:
    return {
        "at": at,
        "kind": "http",
        "actor": "agent1",
        "summary": f"{method} {url} -> {status} ({elapsed_ms:.1f} ms)",
        "detail": {
            "method": method,
            "url": url,
            "request_headers": {
                "host": "127.0.0.1:40001",
                "accept": "application/json",
                "content-type": "application/json",
                "cookie": "[redacted]",
                "authorization": "[redacted]",
            },
            "request_body": body,
            "status": status,
            "response_headers": {"content-type": "application/json"},
            "response_body": response,
            "elapsed_ms": elapsed_ms,
            "error": None,
        },
    }


def delivery(at: float, state: str, channel: str = "/v2/me/emails") -> dict:
    message = {"channel": channel, "data": {"messageType": "EmailStateChangeMessage", "notificationType": "StatusChange", "email": {"id": EMAIL, "state": state}}}
    return {"at": at, "kind": "bayeux-in", "actor": "agent1", "summary": f"<- [long-polling] {channel}, /meta/connect",
            "detail": {"messages": [message, {"channel": "/meta/connect", "successful": True}]}}


def mark(at: float) -> dict:
    return {"at": at, "kind": "note", "actor": CALL_MARK_ACTOR, "summary": CALL_MARK, "detail": {}}


def accept_evidence(status: int, notified: bool) -> list[dict]:
    events = [
        http(-0.003, "POST", COMETD, 200, 27.4, '[{"channel": "/meta/connect"}]'),
        delivery(0.0244, "Invited"),
        mark(0.025),
        http(0.030, "POST", f"{BASE}/api/v2/me/emails/{EMAIL}", status, 1.5, '{"operationName": "Accept"}'),
    ]
    if notified:
        events.append(delivery(0.042, "Processing"))
    return events


def requirement(req_id: str, section: str, keyword: str, checks: list[dict], **extra: Any) -> dict:
    from conformance.verdicts import Verdict, worst

    entry = {
        "id": req_id,
        "section": section,
        "title": f"title of {req_id}",
        "sentence": f"The sentence of {req_id}.",
        "keyword": keyword,
        "sources": ["https://docs.genesys.com/Documentation/HTCC/latest/API/EmailAccept"],
        "applies_to": None,
        "position": None,
        "evidence": {
            "grade": "documented",
            "quote": f"The quoted sentence of {req_id}.",
            "source": "https://docs.genesys.com/Documentation/HTCC/latest/API/EmailAccept",
            "verbatim": True,
        },
        "variations": [],
        "verdict": worst([Verdict(c["verdict"]) for c in checks]).value,
        "checks": checks,
    }
    entry.update(extra)
    return entry


def check(name: str, verdict: str, evidence: list[dict] | None = None, message: str = "", **extra: Any) -> dict:
    entry = {
        "name": name,
        "nodeid": f"email_api/test_sample.py::{name}",
        "verdict": verdict,
        "message": message,
        "stimulus": "POST Accept on an Invited email.",
        "expected": None,
        "observed": None,
        "blocked_step": None,
        "evidence": evidence or [],
        "timings": {"duration_s": 0.01},
        "harness_trace": None,
    }
    entry.update(extra)
    return entry


def sample_report() -> dict[str, Any]:
    """Every verdict once; EMAIL-ACCEPT-01 fails with a 204 like the accept-http-204 fault."""
    requirements = [
        requirement("EMAIL-ACCEPT-01", "email-accept", "MUST", [
            check("test_accept_answers_200", "FAIL", accept_evidence(204, True), "Accept answered HTTP 204, not 200",
                  expected="HTTP 200 with an empty body or {\"statusCode\":0}", observed={"status": 204, "body": ""}),
        ]),
        requirement("EMAIL-ACCEPT-03", "email-accept", "MUST", [check("test_accept_notified", "PASS", accept_evidence(200, True))]),
        requirement("EMAIL-ACCEPT-18", "email-accept", "SHOULD", [
            check("test_get_shows_processing", "PASS-NONSTRICT", accept_evidence(200, False), "GET still shows Invited"),
        ]),
        requirement("EMAIL-REJECT-01", "email-reject", "MUST", [
            check("test_reject_answers_200", "BLOCKED", [http(0.001, "POST", f"{BASE}/api/v2/me/channels/email", 500, 3.0, '{"operationName": "Ready"}')],
                  "no invitation arrived", blocked_step="invitation"),
        ]),
        requirement("EMAIL-REJECT-02", "email-reject", "MUST", [
            check("test_reject_notified", "ERROR", [mark(0.0)], "harness error: KeyError: 'x'", harness_trace="Traceback ..."),
        ]),
        requirement("BAYEUX-WS-01", "bayeux-websocket", "MUST", [
            check("test_websocket_handshake", "NOT-APPLICABLE", [], "the target profile does not declare feature 'websocket'"),
        ], applies_to="websocket"),
    ]
    report = {
        "schema_version": "1.4",
        "run": {
            "suite_version": "0.1.0",
            "catalog_version": "2026.11.1",
            "api": "GWS API v2 Email",
            "target": copy.deepcopy(TARGET),
            "mode": "normal",
            "filters": {"requirements": [], "sections": [], "keywords": []},
            "started_at": "2026-11-28T13:00:00.000+00:00",
            "finished_at": "2026-11-28T13:00:05.000+00:00",
            "duration_s": 5.0,
            "environment": {"python": "3.11.7"},
            "execution": {"agent_pairs": 1, "concurrency": 8},
        },
        "requirements": requirements,
    }
    for entry in requirements:
        for item in entry["checks"]:
            annotate_check(item, report["run"]["target"])
    report["summary"] = summarise(report)
    return json.loads(json.dumps(report))  # exactly what report.json would hold
