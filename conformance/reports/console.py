"""The summary table printed at the end of a run."""

from __future__ import annotations

from typing import Any, TextIO

from conformance.reports.printable import printable
from conformance.reports.wording import interrupted_note, observation_notes

_MARK = {
    "PASS": "ok  ",
    "PASS-NONSTRICT": "ok~ ",
    "FAIL": "FAIL",
    "BLOCKED": "BLKD",
    "ERROR": "ERR ",
    "NOT-APPLICABLE": "n/a ",
    "EXPECTED-FAIL": "xfl ",
}


def print_summary(report: dict[str, Any], out: TextIO, *, output_dir: str | None = None, exit_code: int | None = None) -> None:
    """`exit_code`: the process's, when it differs from the report's (e.g. the reports could not be written)."""

    def write(text: str) -> None:
        out.write(printable(text))  # the target wrote much of the text: no raw control character

    run = report["run"]
    write(f"\ngws-conformance {run['suite_version']} (catalog {run['catalog_version']}) against {run['target']['name']}\n")
    width = max((len(r["id"]) for r in report["requirements"]), default=10)
    section = None
    for requirement in report["requirements"]:
        if requirement["section"] != section:
            section = requirement["section"]
            write(f"\n  [{section}]\n")
        write(f"  {_MARK.get(requirement['verdict'], '?   ')} {requirement['id']:<{width}} {requirement['keyword']:<6} {requirement['title']}\n")
        if requirement["verdict"] not in ("PASS", "NOT-APPLICABLE"):
            for check in requirement["checks"]:
                if check["verdict"] != "PASS":
                    reason = check["message"].splitlines()[0] if check["message"] else ""
                    write(f"         - {check['name']}: {check['verdict']}: {reason[:160]}\n")
    counts = ", ".join(f"{n} {v}" for v, n in report["summary"]["requirements"].items() if n)
    write(f"\n  requirements: {counts or 'none run'}  ({run['duration_s']} s)\n")
    baseline = report.get("baseline")
    if baseline:
        applied = sum(e["status"] == "applied" for e in baseline["entries"])
        write(f"  baseline {baseline['source']}: {applied} of {len(baseline['entries'])} entries excused failures\n")
        for entry in baseline["entries"]:
            if entry["status"] != "applied":
                check = f":{entry['check']}" if entry.get("check") else ""
                write(f"    {entry['status']}: {entry['requirement']}{check}: {entry['why']}\n")
    if "certified" in report["summary"]:
        write(f"  certification: {'certified' if report['summary']['certified'] else 'NOT certified'} (every applicable MUST and SHOULD)\n")
    for note in observation_notes(report):
        write(f"  observed: {note}\n")
    interrupted = interrupted_note(report)
    if interrupted:
        write(f"  {interrupted}\n")
    if output_dir:
        write(f"  reports: {output_dir}\n")
    write(f"  exit code {report['summary']['exit_code'] if exit_code is None else exit_code}\n")
