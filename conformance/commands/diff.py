"""`gws-conformance diff A B`: what changed from run A to run B; exit 1 on a regression."""

from __future__ import annotations

import argparse
import json
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("before", metavar="A", help="the earlier run's folder (or report.json)")
    parser.add_argument("after", metavar="B", help="the later run's folder (or report.json)")
    parser.add_argument("--format", choices=["text", "json"], default="text")


def run(args: argparse.Namespace) -> int:
    from conformance.reports.diff import diff_as_dict, diff_runs, render_diff_text
    from conformance.reports.loading import load_run, run_label

    before, after = load_run(args.before), load_run(args.after)
    result = diff_runs(before, after)
    if args.format == "json":
        sys.stdout.write(json.dumps(diff_as_dict(result), indent=2) + "\n")
    else:
        sys.stdout.write(render_diff_text(result, run_label(before, args.before), run_label(after, args.after)))
    return 1 if result.regressions else 0
