"""Runs of the Bayeux section for these tests: against the embedded reference server (clean or
with one fault) and against third-party Bayeux servers (faye, CometD's Node.js server),
in-process through `run_suites`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
import json
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from conformance.catalog import load_catalog
from conformance.profile import TargetProfile, load_profile
from conformance.runner import run_suites

ROOT = Path(__file__).resolve().parents[2]
INTEROP = ROOT / "tests" / "interop"
PROFILES = ROOT / "fixtures" / "profiles"
SECTION = "BAYEUX-*"


@dataclass(frozen=True)
class BayeuxPeer:
    """A third-party Bayeux server run by a node launcher in tests/interop, and its profile."""

    name: str
    package: str  # the npm package the launcher needs in tests/interop/node_modules
    launcher: str  # `node <launcher> 0 <mount> <args...>` prints {"port": N, ...} when ready
    mount: str
    args: tuple[str, ...]
    profile: Path  # its kind and features; pointed at the launched server by `profile_for`
    hold_s: float  # the connect hold the launcher configures
    expiry_s: float  # by then the server has forgotten a session without connects


# faye expires a client twice its connect timeout after its last connect.
FAYE = BayeuxPeer("faye", "faye", "faye_server.js", "/bayeux", ("2",), PROFILES / "faye-bayeux-only.toml", 2.0, 2 * 2 + 1.0)
# CometD sweeps a session maxInterval (2 s) after its last connect ended, on a ~1 s sweep period.
COMETD = BayeuxPeer(
    "cometd", "cometd-nodejs-server", "cometd_server.js", "/cometd", ("2", "2"), PROFILES / "cometd-bayeux-only.toml", 2.0, 2 + 1 + 1.5
)
PEERS = (FAYE, COMETD)


def bayeux_ids() -> list[str]:
    return [r.id for r in load_catalog() if r.id.startswith("BAYEUX-")]


def verdicts(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """requirement ID -> its entry in report.json (verdict, checks)."""
    return {r["id"]: r for r in report["requirements"] if r["id"].startswith("BAYEUX-")}


def explain(entry: dict[str, Any]) -> str:
    return "; ".join(f"{c['name']}: {c['verdict']} {c['message']}" for c in entry.get("checks", []))


def missing_reason(peer: BayeuxPeer) -> str | None:
    if shutil.which("node") is None:
        return f"node is not installed (the {peer.name} target needs Node.js 20)"
    if not (INTEROP / "node_modules" / peer.package / "package.json").is_file():
        return f"tests/interop/node_modules/{peer.package} is missing: run `npm ci --prefix tests/interop`"
    return None


@contextmanager
def peer_server(peer: BayeuxPeer) -> Iterator[str]:
    """`node <launcher> 0 <mount> <args>` on 127.0.0.1: yields its base URL."""
    process = subprocess.Popen(
        ["node", str(INTEROP / peer.launcher), "0", peer.mount, *peer.args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=INTEROP,
    )
    try:
        assert process.stdout is not None
        ready = json.loads(process.stdout.readline() or "{}")
        assert "port" in ready, f"{peer.launcher} did not report its port"
        yield f"http://127.0.0.1:{ready['port']}"
    finally:
        process.terminate()
        process.wait(10)
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()


def profile_for(peer: BayeuxPeer, base_url: str) -> TargetProfile:
    """The peer's profile (its kind and features), pointed at this server, with timeouts for
    the launcher's short hold and expiry."""
    profile = load_profile(peer.profile)
    timeouts = dataclasses.replace(
        profile.timeouts,
        http=5.0,
        notification=2.0,
        negative_window=0.5,
        bayeux_hold=peer.hold_s + 3.0,
        bayeux_expiry=peer.expiry_s,
    )
    return dataclasses.replace(profile, base_url=base_url, cometd_url=f"{base_url}{peer.mount}", timeouts=timeouts)


def run_peer(peer: BayeuxPeer, output: Path) -> dict[str, Any]:
    with peer_server(peer) as base_url:
        return run_suites(profile_for(peer, base_url), output, requirements=[SECTION]).report
