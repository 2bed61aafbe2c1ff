"""`gws-conformance run`: the suite against a target profile or the embedded reference server."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

from conformance.commands.filters import add_filter_arguments, check_filters
from conformance.errors import UsageError
from conformance.exit_codes import EXIT_USAGE
from conformance.fuzz.options import add_cli_arguments as add_fuzz_arguments
from conformance.fuzz.options import settings_from_arguments as fuzz_settings
from conformance.plugin.names import DEFAULT_CONCURRENCY


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--target", metavar="PROFILE", help="target profile (TOML); default: start the embedded reference server")
    parser.add_argument("--output", metavar="DIR", help="report folder (default: reports/<UTC timestamp>)")
    add_filter_arguments(parser)
    add_fuzz_arguments(parser)
    parser.add_argument("--fault", action="append", default=[], metavar="NAME", help="embedded target only: switch a reference fault on")
    parser.add_argument(
        "--variant", action="append", default=[], metavar="NAME", help="embedded target only: switch an allowed variation on (see serve --list-variants)"
    )
    parser.add_argument(
        "--workers", type=int, default=1, metavar="N",
        help="run checks on N parallel workers, each with its own pair of agents (the profile must list 2 x N agents)",
    )
    parser.add_argument(
        "--concurrency", type=int, default=DEFAULT_CONCURRENCY, metavar="N",
        help=f"at most N checks in flight at once on an agent pair (default {DEFAULT_CONCURRENCY}); 1 runs them one after another",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list every check as it runs")
    parser.add_argument("--baseline", metavar="FILE", help="expected failures (YAML); a stale entry exits 4")
    parser.add_argument(
        "--certify", action="store_true", help="certification: no baseline, no filters; every applicable MUST and SHOULD must pass"
    )


def default_output() -> Path:
    return Path("reports") / datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def run(args: argparse.Namespace) -> int:
    from conformance.reports.console import print_summary
    from conformance.reports.folder import check_output_folder
    from conformance.runner import run_suites

    check_filters(args)
    if args.certify and (args.baseline or args.requirement or args.section or args.keyword):
        raise UsageError("--certify runs every requirement with no baseline: drop --baseline, --requirement, --section and --keyword")
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.concurrency < 1:
        raise UsageError("--concurrency must be at least 1")
    output = Path(args.output) if args.output else default_output()
    options = dict(
        requirements=args.requirement, sections=args.section, keywords=args.keyword, workers=args.workers, concurrency=args.concurrency
    )
    if args.baseline:
        from conformance.reports.baseline import load_baseline

        options["baseline"] = load_baseline(args.baseline)
    options["certify"] = args.certify
    options["fuzz"] = fuzz_settings(args)
    if args.target:
        if args.fault or args.variant:
            raise UsageError("--fault and --variant switch the embedded reference server's behaviour; they cannot apply to --target")
        from conformance.profile import load_profile
        from conformance.target.routing import refuse_shared_routing

        profile = load_profile(args.target)
        refuse_shared_routing(profile, args.workers)
        check_output_folder(output)  # the last check of the input, so that bad input creates no folder
        outcome = run_suites(profile, output, verbose=args.verbose, **options)
    else:
        from conformance.embedded import embedded_config, embedded_profile
        from conformance.reference.process import ServerProcess
        from conformance.reference.switches import check_fault_names, check_variant_names

        config = embedded_config(check_fault_names(args.fault), check_variant_names(args.variant))
        check_output_folder(output)
        with ServerProcess(config).start() as server:
            outcome = run_suites(embedded_profile(server), output, verbose=args.verbose, **options)
    exit_code = EXIT_USAGE if outcome.write_error else outcome.exit_code
    print_summary(outcome.report, sys.stdout, output_dir=str(outcome.output), exit_code=exit_code)
    if outcome.write_error:
        print(f"gws-conformance: error: {outcome.write_error}", file=sys.stderr)
    return exit_code
