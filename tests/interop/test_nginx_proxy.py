"""The whole suite through nginx, a real reverse proxy, as GWS deployments sit behind load
balancers: five runs against the embedded reference server behind nginx (REST, CometD
long-polling and WebSocket, the injector all through it) get the verdicts of one direct run,
requirement by requirement.

A proxy changes when requests reach the server (two requests sent together arrive together, or
in either order), reuses upstream connections, and answers for the server when it refuses a
request itself; a check that depends on any of this, or a reference server that mishandles
it, shows as a verdict that differs from the direct run's.

Fuzzing runs at a small budget (two generated examples per stream; the curated boundary
values and violations in full): the long boundary values are what a proxy's own limits would
refuse. Six whole-suite runs cost about 90 s of one core.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conformance.fuzz.settings import FuzzSettings
from conformance.selftest.inprocess import run_embedded

from .nginx_proxy import NginxProxy, nginx_missing_reason, render_config
from .proxied_runs import run_through_nginx, verdict_differences

pytestmark = pytest.mark.interop

RUNS = 5
FUZZ = FuzzSettings(examples=2)


@pytest.fixture
def nginx() -> None:
    reason = nginx_missing_reason()
    if reason:
        pytest.skip(reason)


def test_config_is_a_keepalive_unbuffered_upgrading_proxy(tmp_path: Path) -> None:
    config = render_config(tmp_path, 18080, 18081)
    for directive in (
        "daemon off;",
        f"pid {tmp_path}/nginx.pid;",
        "listen 127.0.0.1:18080;",
        "server 127.0.0.1:18081;",
        "keepalive 16;",
        "proxy_http_version 1.1;",
        "proxy_buffering off;",
        "proxy_set_header Upgrade $http_upgrade;",
        "proxy_set_header Connection $connection_upgrade;",
        "keepalive_timeout 20s;",
    ):
        assert directive in config, directive
    # Every path nginx writes is in the temporary folder: nothing under /var, /run or /etc.
    for match in re.finditer(r"_path (\S+);|access_log (\S+)", config):
        assert (match.group(1) or match.group(2)).startswith(str(tmp_path)), match.group(0)
    read_timeout = re.search(r"proxy_read_timeout (\d+)s;", config)
    assert read_timeout and int(read_timeout.group(1)) > 35  # above the default bayeux_hold: no hold ends at the proxy


def test_proxy_stops_with_its_process(nginx: None) -> None:
    with NginxProxy(upstream_port=9) as proxy:
        process, root = proxy.process, proxy.root
        assert process is not None and process.poll() is None
        assert root is not None and (root / "nginx.pid").read_text().strip() == str(process.pid)
    assert process.poll() is not None and not root.exists()


def test_verdicts_through_nginx_match_the_direct_run(nginx: None, tmp_path: Path) -> None:
    direct = run_embedded(tmp_path / "direct", fuzz=FUZZ).report
    judged = [r["id"] for r in direct["requirements"] if r["verdict"] != "NOT-APPLICABLE"]
    assert any(i.startswith("BAYEUX-WEBSOCKET-") for i in judged) and any(i.startswith("FUZZ-") for i in judged)
    differences: list[str] = []
    for index in range(1, RUNS + 1):
        run = run_through_nginx(tmp_path / f"nginx-{index}", fuzz=FUZZ)
        # The run went through nginx: long-polling POSTs and the WebSocket upgrade (101).
        assert '"POST /api/v2/notifications HTTP/1.1"' in run.access_log
        assert re.search(r' 101 "GET /api/v2/notifications[^"]* HTTP/1.1"', run.access_log), "no WebSocket upgrade went through nginx"
        differences += [f"run {index}: {line}" for line in verdict_differences(direct, run.outcome.report)]
    assert not differences, "verdicts through nginx differ from the direct run's:\n" + "\n".join(differences)
