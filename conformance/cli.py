"""The `gws-conformance` command line: run, serve, list.

Bad input (arguments, profile) is reported as one line on stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import NoReturn

from conformance import __version__
from conformance.errors import UsageError

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gws-conformance", description="Conformance suite for the GWS API v2 Email API.")
    parser.add_argument("--version", action="version", version=f"gws-conformance {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = commands.add_parser("run", help="run the suite (against the embedded reference server unless --target)")
    run.add_argument("--target", metavar="PROFILE", help="target profile (TOML); default: start the embedded reference server")
    run.add_argument("--output", metavar="DIR", help="report folder (default: reports/<UTC timestamp>)")
    run.add_argument("--requirement", action="append", default=[], metavar="ID", help="only this requirement (ID or prefix*); repeatable")
    run.add_argument("--section", action="append", default=[], metavar="NAME", help="only this catalog section; repeatable")
    run.add_argument("--keyword", action="append", default=[], choices=["MUST", "SHOULD", "MAY"], help="only this keyword; repeatable")
    run.add_argument("--fault", action="append", default=[], metavar="NAME", help="embedded target only: switch a reference fault on")
    run.add_argument("-v", "--verbose", action="store_true", help="list every check as it runs")

    serve = commands.add_parser("serve", help="run the reference GWS email server standalone")
    from conformance.reference import serve as serve_module

    serve_module.configure_parser(serve)

    listing = commands.add_parser("list", help="print the requirement catalog")
    listing.add_argument("--requirement", action="append", default=[], metavar="ID", help="ID or prefix*; repeatable")
    listing.add_argument("--section", action="append", default=[], metavar="NAME")
    listing.add_argument("--keyword", action="append", default=[], choices=["MUST", "SHOULD", "MAY"])
    listing.add_argument("--format", choices=["text", "json"], default="text")
    return parser


def _default_output() -> Path:
    return Path("reports") / datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def command_run(args: argparse.Namespace) -> int:
    from conformance.reports.console import print_summary
    from conformance.runner import run_suites

    output = Path(args.output) if args.output else _default_output()
    filters = dict(requirements=args.requirement, sections=args.section, keywords=args.keyword)
    _check_filters(args)
    if args.target:
        if args.fault:
            raise UsageError("--fault switches the embedded reference server's faults; it cannot apply to --target")
        from conformance.profile import load_profile

        outcome = run_suites(load_profile(args.target), output, verbose=args.verbose, **filters)
    else:
        from conformance.embedded import embedded_profile
        from conformance.reference import ReferenceServer, ServerConfig
        from conformance.reference.faults import check_fault_names

        config = ServerConfig(faults=check_fault_names(args.fault))
        with ReferenceServer(config).start() as server:
            outcome = run_suites(embedded_profile(server), output, verbose=args.verbose, **filters)
    print_summary(outcome.report, sys.stdout, output_dir=str(output))
    return outcome.exit_code


def _check_filters(args: argparse.Namespace) -> None:
    from conformance.catalog import load_catalog

    catalog = load_catalog()
    known_sections = {name for name, _ in catalog.sections}
    for section in args.section:
        if section not in known_sections:
            raise UsageError(f"unknown section {section!r}; known: {', '.join(sorted(known_sections))}")
    for pattern in args.requirement:
        if not catalog.select([pattern]):
            raise UsageError(f"no requirement matches {pattern!r} (see gws-conformance list)")


def command_list(args: argparse.Namespace) -> int:
    import json

    from conformance.catalog import load_catalog

    _check_filters(args)
    catalog = load_catalog()
    chosen = catalog.select(args.requirement or None, args.section or None, args.keyword or None)
    if args.format == "json":
        print(json.dumps({"catalog_version": catalog.version, "requirements": [r.as_dict() for r in chosen]}, indent=2))
        return 0
    print(f"catalog {catalog.version}: {catalog.api}")
    section = None
    for requirement in chosen:
        if requirement.section != section:
            section = requirement.section
            print(f"\n[{section}] {dict(catalog.sections)[section]}")
        applies = f"  (applies to: {requirement.applies_to})" if requirement.applies_to else ""
        print(f"  {requirement.id:<20} {requirement.keyword:<6} {requirement.title}{applies}")
        print(f"  {'':<20} {requirement.spec_url}")
    print(f"\n{len(chosen)} requirement(s)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            return command_run(args)
        if args.command == "list":
            return command_list(args)
        from conformance.reference import serve as serve_module

        return serve_module.run(args)
    except UsageError as exc:
        print(f"gws-conformance: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
