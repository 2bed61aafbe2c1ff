"""Against an intake as slow as a polling E-mail Server (the reference's --intake-delay), the
invitations injected ahead give the clean run's verdicts, and the run reports those left unused."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import re

from conformance.embedded import embedded_config, embedded_profile
from conformance.plugin.workers import profile_from_wire, profile_to_wire
from conformance.profile import IntakeSettings
from conformance.reference import ReferenceServer
from conformance.runner import run_suites
from conformance.selftest.inprocess import verdicts

DELAY_S, JITTER_S = 1.5, 0.3  # above the automatic threshold, so that pipelining turns itself on


def test_a_slow_intake_gives_the_clean_verdicts_and_reports_unused_emails(serial_clean_run, tmp_path):
    """Checks in flight together against the slow intake, judged as one at a time against a fast one."""
    config = dataclasses.replace(embedded_config(), intake_delay_s=DELAY_S, intake_jitter_s=JITTER_S, intake_seed=20261204)
    with contextlib.redirect_stdout(io.StringIO()), ReferenceServer(config).start() as server:
        profile = embedded_profile(server)
        timeouts = dataclasses.replace(profile.timeouts, invitation=DELAY_S + JITTER_S + 5)
        slow = run_suites(dataclasses.replace(profile, timeouts=timeouts), tmp_path, fuzz=None)
    clean = verdicts(serial_clean_run)
    assert {rid: verdicts(slow).get(rid) for rid in clean} == clean
    observations = {o["key"]: o["text"] for o in slow.report["run"]["observations"]}
    pipeline = observations["invitation-pipeline agent1"]
    injected, unused = (int(n) for n in re.search(r"(\d+) injected ahead, (\d+) left unused", pipeline).groups())
    assert 0 < unused < injected, pipeline


def test_the_intake_setting_travels_to_workers():
    profile = dataclasses.replace(embedded_profile(ReferenceServer()), intake=IntakeSettings(pipeline=8))
    assert profile_from_wire(profile_to_wire(profile)).intake == IntakeSettings(pipeline=8)
