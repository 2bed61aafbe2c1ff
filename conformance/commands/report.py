"""`gws-conformance report`: re-render a run's reports, or compare several runs side by side."""

from __future__ import annotations

import argparse
from pathlib import Path

from conformance.errors import UsageError


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("runs", nargs="+", metavar="RUN_DIR", help="run report folders (or report.json files)")
    parser.add_argument(
        "--compare", action="store_true", help="write compare.html and compare.md: a grid of the runs x requirements"
    )
    parser.add_argument("--output", metavar="DIR", help="where to write (default: the run's folder; with --compare: the current folder)")


def run(args: argparse.Namespace) -> int:
    from conformance.reports.folder import check_output_folder
    from conformance.reports.loading import load_run, report_path, run_label

    if args.compare:
        from conformance.reports.compare import Run, render_compare_html, render_compare_markdown

        if len(args.runs) < 2:
            raise UsageError("--compare needs at least two runs")
        reports = [(path, load_run(path)) for path in args.runs]
        runs = [Run(run_label(report, path), report) for path, report in reports]
        output = Path(args.output or ".")
        check_output_folder(output)
        (output / "compare.html").write_text(render_compare_html(runs), encoding="utf-8", errors="replace")
        (output / "compare.md").write_text(render_compare_markdown(runs), encoding="utf-8", errors="replace")
        print(f"wrote {output / 'compare.html'} and {output / 'compare.md'}")
        return 0

    from conformance.reports import write_outputs

    if len(args.runs) != 1:
        raise UsageError("give one run to re-render, or --compare with several")
    report = load_run(args.runs[0])
    output = Path(args.output) if args.output else report_path(args.runs[0]).parent
    check_output_folder(output)
    write_outputs(report, output)
    print(f"reports of {args.runs[0]} written to {output}")
    return 0
