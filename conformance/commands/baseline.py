"""`gws-conformance baseline RUN_DIR`: write a baseline (YAML) listing the run's failing checks."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from conformance.errors import UsageError


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("run_dir", metavar="RUN_DIR", help="a run's report folder (or its report.json)")
    parser.add_argument("--output", metavar="FILE", help="write the baseline here (default: standard output)")
    parser.add_argument("--reason", help="reason of every new entry (default: the check's failure message)")
    parser.add_argument("--owner", help="owner of every new entry")
    parser.add_argument("--ticket", help="ticket of every new entry")
    parser.add_argument("--expires", type=_date, metavar="YYYY-MM-DD", help="expiry of every new entry")


def run(args: argparse.Namespace) -> int:
    from conformance.reports.baseline import baseline_from_report, dump_baseline
    from conformance.reports.loading import load_run, report_path

    report = load_run(args.run_dir)
    baseline = baseline_from_report(report, reason=args.reason, owner=args.owner, ticket=args.ticket, expires=args.expires)
    header = (
        f"gws-conformance baseline from {report_path(args.run_dir)}\n"
        f"target {report['run']['target']['name']}, run started {report['run']['started_at']}\n"
        "Use: gws-conformance run --baseline FILE. Remove entries as they get fixed: a passing entry fails the run (exit 4)."
    )
    text = dump_baseline(baseline, header=header)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        print(f"{len(baseline.entries)} expected failure(s) written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
