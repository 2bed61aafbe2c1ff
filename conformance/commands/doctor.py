"""`gws-conformance doctor`: a preflight of a target in seconds, one line per step.

Exit 0 when every step passed, 1 when one failed, 2 on bad input (the profile, an argument).
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from conformance.errors import UsageError
from conformance.exit_codes import EXIT_FAIL, EXIT_PASS
from conformance.preflight import Diagnosis, diagnose
from conformance.preflight_finding import Finding, render_finding
from conformance.profile import TargetProfile

# A preflight that takes longer than this has found its answer: the target is too slow.
BOUND_S = 300.0


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--target", metavar="PROFILE", help="target profile (TOML); default: start the embedded reference server")
    parser.add_argument("--fault", action="append", default=[], metavar="NAME", help="embedded target only: switch a reference fault on")


def run(args: argparse.Namespace) -> int:
    if args.target:
        if args.fault:
            raise UsageError("--fault switches the embedded reference server's behaviour; it cannot apply to --target")
        from conformance.profile import load_profile

        return _report(load_profile(args.target))
    from conformance.embedded import embedded_config, embedded_profile
    from conformance.reference import ReferenceServer
    from conformance.reference.switches import check_fault_names

    with ReferenceServer(embedded_config(check_fault_names(args.fault), frozenset())).start() as server:
        return _report(embedded_profile(server))


def _report(profile: TargetProfile) -> int:
    print(f"gws-conformance doctor: {profile.name} ({profile.public_view()['base_url']})")
    diagnosis = _diagnose(profile)
    for finding in diagnosis.findings:
        print(render_finding(finding))
    suggested = diagnosis.suggested_timeouts()
    if suggested:
        print("  suggested [timeouts]: " + ", ".join(f"{key} = {value}" for key, value in suggested.items()))
    ahead = diagnosis.pipelined_invitations()
    if ahead is not None and profile.intake.pipeline is None:
        print(f"  slow intake: a run will inject up to {ahead} invitations ahead per agent ([intake] pipeline = N sets how many, 0 none)")
    failed, skipped = sum(not f.ok for f in diagnosis.findings), sum(f.skipped for f in diagnosis.findings)
    print(f"  doctor {'OK' if diagnosis.ok else 'FAILED'}: {failed} step(s) failed" + (f", {skipped} skipped" if skipped else ""))
    sys.stdout.flush()
    return EXIT_PASS if diagnosis.ok else EXIT_FAIL


def _diagnose(profile: TargetProfile) -> Diagnosis:
    async def bounded() -> Diagnosis:
        async with asyncio.timeout(BOUND_S):
            return await diagnose(profile)

    try:
        return asyncio.run(bounded())
    except TimeoutError:
        return Diagnosis([Finding("doctor", False, f"the preflight did not end within {BOUND_S:g} s", "the target is too slow or hangs")])
