"""Latencies read from a check's evidence: operation names, attribution, percentiles."""

from __future__ import annotations

from conformance.reports.timeline import call_phase, operation_of, path_template
from conformance.reports.timing import check_timing, exchange_timings, latency_summary, percentile
from tests.reports.sample import BASE, COMETD, EMAIL, accept_evidence, delivery, http, mark, sample_report


def test_path_template_replaces_identifiers_only() -> None:
    assert path_template(f"{BASE}/api/v2/me/emails/{EMAIL}") == "/api/v2/me/emails/{id}"
    assert path_template(f"{BASE}/api/v2/me/emails/{EMAIL}/attachments/12") == "/api/v2/me/emails/{id}/attachments/{id}"
    assert path_template(f"{BASE}/api/v2/me/channels/email?x=1") == "/api/v2/me/channels/email"
    assert path_template(f"{BASE}/api/v2/me/emails/0b7e2a4c-1111-2222-3333-444455556666") == "/api/v2/me/emails/{id}"


def test_operation_names_the_method_path_and_a_plausible_operation_name() -> None:
    assert operation_of(http(0, "POST", f"{BASE}/api/v2/me/emails/{EMAIL}", 200, 1, '{"operationName": "Accept"}')) == (
        "POST /api/v2/me/emails/{id} Accept"
    )
    hostile = http(0, "POST", f"{BASE}/api/v2/me/emails/{EMAIL}", 200, 1, '{"operationName": "<script>alert(1)</script>"}')
    assert operation_of(hostile) == "POST /api/v2/me/emails/{id}"
    assert operation_of(http(0, "POST", f"{BASE}/api/v2/me", 200, 1, "not json operationName")) == "POST /api/v2/me"


def test_the_stimulus_is_the_first_rest_exchange_after_the_check_body_starts() -> None:
    timing = check_timing({"evidence": accept_evidence(204, notified=True)}, COMETD)
    assert timing == {"operation": "POST /api/v2/me/emails/{id} Accept", "http_ms": 1.5, "notification_ms": 12.0}


def test_no_notification_and_no_body_give_no_latency() -> None:
    assert check_timing({"evidence": accept_evidence(200, notified=False)}, COMETD)["notification_ms"] is None
    setup_only = [http(0.0, "POST", f"{BASE}/api/v2/me/channels/email", 500, 3.0)]
    assert call_phase(setup_only) is None
    assert check_timing({"evidence": setup_only}, COMETD) == {"operation": None, "http_ms": None, "notification_ms": None}


def test_a_notification_after_the_next_request_is_not_attributed_and_cometd_polls_are_not_operations() -> None:
    evidence = [
        mark(0.0),
        http(0.010, "POST", COMETD, 200, 30.0, '[{"channel": "/meta/connect"}]'),
        http(0.020, "POST", f"{BASE}/api/v2/me/emails/{EMAIL}", 200, 2.0, '{"operationName": "Accept"}'),
        http(0.030, "GET", f"{BASE}/api/v2/me/emails/{EMAIL}", 200, 1.0),
        delivery(0.050, "Processing"),
    ]
    timings = exchange_timings(evidence, COMETD)
    assert [(t.operation, t.http_ms, t.notification_ms) for t in timings] == [
        ("POST /api/v2/me/emails/{id} Accept", 2.0, None),
        ("GET /api/v2/me/emails/{id}", 1.0, 20.0),
    ]


def test_percentiles_are_nearest_rank() -> None:
    values = [float(v) for v in range(20, 0, -1)]
    assert percentile(values, 50) == 10.0
    assert percentile(values, 95) == 19.0
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) is None


def test_summary_has_p50_and_p95_per_operation() -> None:
    latency = latency_summary(sample_report())
    assert list(latency) == ["POST /api/v2/me/channels/email Ready", "POST /api/v2/me/emails/{id} Accept"]
    accept = latency["POST /api/v2/me/emails/{id} Accept"]
    assert accept == {
        "count": 3,
        "http_p50_ms": 1.5,
        "http_p95_ms": 1.5,
        "notifications": 2,
        "notification_p50_ms": 12.0,
        "notification_p95_ms": 12.0,
    }
