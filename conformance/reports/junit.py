"""junit.xml from report.json: one <testsuite> per catalog section, one <testcase> per check.

Verdict mapping (documented in the README):
  PASS            -> passed
  PASS-NONSTRICT  -> passed, with a <system-out> note and the property verdict=PASS-NONSTRICT
  NOT-APPLICABLE  -> <skipped> with the reason
  EXPECTED-FAIL   -> <skipped> with the baseline's reason
  FAIL            -> <failure>
  BLOCKED, ERROR  -> <error>
An interrupted run adds a <testsuite name="run"> whose one <testcase> is an <error> of type
INTERRUPTED, so that a CI job reading only junit.xml sees that the run did not finish.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from conformance.reports.printable import printable
from conformance.reports.wording import interrupted_note

# Characters XML 1.0 cannot carry at all; target-controlled text may hold them.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_SKIPPED = {"NOT-APPLICABLE", "EXPECTED-FAIL"}
_ERRORS = {"BLOCKED", "ERROR"}


def _clean(text: Any) -> str:
    return _NOT_XML.sub("\ufffd", printable(text if isinstance(text, str) else str(text)))


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


def _details(check: dict[str, Any]) -> str:
    lines = [check["message"]]
    if check.get("stimulus"):
        lines.append(f"stimulus: {check['stimulus']}")
    if check.get("expected") is not None or check.get("observed") is not None:
        lines += [f"expected: {check.get('expected')!r}", f"observed: {check.get('observed')!r}"]
    if check.get("blocked_step"):
        lines.append(f"blocked at step: {check['blocked_step']}")
    if check.get("harness_trace"):
        lines += ["harness trace:", check["harness_trace"]]
    reproduction = check.get("reproduction")
    if reproduction:
        lines += ["", "reproduce:", reproduction["curl"]]
    return "\n".join(lines)


def _testcase(requirement: dict[str, Any], check: dict[str, Any]) -> ET.Element:
    case = ET.Element(
        "testcase",
        classname=requirement["id"],
        name=_clean(check["name"]),
        time=f"{float(check.get('timings', {}).get('duration_s', 0) or 0):.3f}",
    )
    properties = ET.SubElement(case, "properties")
    for name, value in (
        ("requirement", requirement["id"]),
        ("keyword", requirement["keyword"]),
        ("spec_url", requirement["sources"][0]),
        ("verdict", check["verdict"]),
        ("nodeid", check["nodeid"]),
    ):
        ET.SubElement(properties, "property", name=name, value=_clean(value))
    verdict = check["verdict"]
    message = _clean(_first_line(check["message"]))[:500]
    if verdict == "PASS-NONSTRICT":
        ET.SubElement(case, "system-out").text = _clean(f"PASS-NONSTRICT: {requirement['keyword']} requirement not met: {check['message']}")
    elif verdict == "EXPECTED-FAIL":
        reason = (check.get("baseline") or {}).get("reason", "listed in the baseline")
        ET.SubElement(case, "skipped", message=_clean(f"EXPECTED-FAIL (baseline): {reason}")[:500]).text = _clean(_details(check))
    elif verdict in _SKIPPED:
        ET.SubElement(case, "skipped", message=_clean(f"{verdict}: {message}")[:500])
    elif verdict == "FAIL":
        ET.SubElement(case, "failure", message=message, type=verdict).text = _clean(_details(check))
    elif verdict in _ERRORS:
        ET.SubElement(case, "error", message=message, type=verdict).text = _clean(_details(check))
    return case


def render_junit(report: dict[str, Any]) -> str:
    run = report["run"]
    root = ET.Element("testsuites", name=_clean(f"gws-conformance {run['suite_version']} against {run['target']['name']}"))
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    time_total = 0.0
    suites: dict[str, ET.Element] = {}
    counts: dict[str, dict[str, int]] = {}
    times: dict[str, float] = {}
    for requirement in report["requirements"]:
        section = requirement["section"]
        if section not in suites:
            suites[section] = ET.SubElement(root, "testsuite", name=section)
            counts[section] = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
            times[section] = 0.0
        for check in requirement["checks"]:
            suites[section].append(_testcase(requirement, check))
            verdict = check["verdict"]
            counts[section]["tests"] += 1
            counts[section]["failures"] += verdict == "FAIL"
            counts[section]["errors"] += verdict in _ERRORS
            counts[section]["skipped"] += verdict in _SKIPPED
            times[section] += float(check.get("timings", {}).get("duration_s", 0) or 0)
    note = interrupted_note(report)
    if note:
        suites["run"] = ET.SubElement(root, "testsuite", name="run")
        case = ET.SubElement(suites["run"], "testcase", classname="run", name="interrupted", time="0.000")
        ET.SubElement(case, "error", message=note, type="INTERRUPTED")
        counts["run"] = {"tests": 1, "failures": 0, "errors": 1, "skipped": 0}
        times["run"] = 0.0
    for section, suite in suites.items():
        for name, value in counts[section].items():
            suite.set(name, str(value))
            totals[name] += value
        suite.set("time", f"{times[section]:.3f}")
        time_total += times[section]
    for name, value in totals.items():
        root.set(name, str(value))
    root.set("time", f"{time_total:.3f}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
