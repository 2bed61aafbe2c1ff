"""Latencies read from the evidence: per check, and p50/p95 per operation for the summary.

HTTP latency is the exchange's elapsed time. HTTP->notification latency runs from the
request being sent to the first data message delivered after it, provided that delivery
arrives before the next REST request starts (otherwise it cannot be attributed).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from conformance.reports.timeline import Event, call_phase, elapsed_ms, is_delivery, is_rest_exchange, operation_of


@dataclass(frozen=True)
class ExchangeTiming:
    operation: str
    http_ms: float | None
    notification_ms: float | None


def exchange_timings(evidence: list[Event], cometd_url: str) -> list[ExchangeTiming]:
    """One entry per REST exchange that got an answer, in timeline order."""
    timings = []
    for index, event in enumerate(evidence):
        if not is_rest_exchange(event, cometd_url) or event["detail"].get("status") is None:
            continue
        notification_ms = None
        for later in evidence[index + 1 :]:
            if is_rest_exchange(later, cometd_url):
                break
            if is_delivery(later) and later["at"] >= event["at"]:
                notification_ms = round((later["at"] - event["at"]) * 1000, 3)
                break
        timings.append(ExchangeTiming(operation_of(event), elapsed_ms(event), notification_ms))
    return timings


def check_timing(check: dict[str, Any], cometd_url: str) -> dict[str, Any]:
    """The stimulus (first REST exchange of the check body): its operation and latencies."""
    body = call_phase(check.get("evidence", []))
    stimulus = exchange_timings(body, cometd_url)[:1] if body is not None else []
    if not stimulus:
        return {"operation": None, "http_ms": None, "notification_ms": None}
    first = stimulus[0]
    return {"operation": first.operation, "http_ms": first.http_ms, "notification_ms": first.notification_ms}


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (share in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share / 100 * len(ordered)) - 1)]


def latency_summary(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """p50/p95 per operation over every REST exchange of the run, operations sorted by name."""
    cometd_url = report["run"]["target"]["cometd_url"]
    http: dict[str, list[float]] = {}
    notification: dict[str, list[float]] = {}
    for requirement in report["requirements"]:
        for check in requirement["checks"]:
            for timing in exchange_timings(check.get("evidence", []), cometd_url):
                samples = http.setdefault(timing.operation, [])
                if timing.http_ms is not None:
                    samples.append(timing.http_ms)
                if timing.notification_ms is not None:
                    notification.setdefault(timing.operation, []).append(timing.notification_ms)
    summary = {}
    for operation in sorted(http):
        delivered = notification.get(operation, [])
        summary[operation] = {
            "count": len(http[operation]),
            "http_p50_ms": percentile(http[operation], 50),
            "http_p95_ms": percentile(http[operation], 95),
            "notifications": len(delivered),
            "notification_p50_ms": percentile(delivered, 50),
            "notification_p95_ms": percentile(delivered, 95),
        }
    return summary
