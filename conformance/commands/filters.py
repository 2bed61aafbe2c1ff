"""Requirement filters shared by `run` and `list`: unknown names are usage errors."""

from __future__ import annotations

import argparse

from conformance.catalog import load_catalog
from conformance.errors import UsageError


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--requirement", action="append", default=[], metavar="ID", help="only this requirement (ID or prefix*); repeatable")
    parser.add_argument("--section", action="append", default=[], metavar="NAME", help="only this catalog section; repeatable")
    parser.add_argument("--keyword", action="append", default=[], choices=["MUST", "SHOULD", "MAY"], help="only this keyword; repeatable")


def check_filters(args: argparse.Namespace) -> None:
    catalog = load_catalog()
    known_sections = {name for name, _ in catalog.sections}
    for section in args.section:
        if section not in known_sections:
            raise UsageError(f"unknown section {section!r}; known: {', '.join(sorted(known_sections))}")
    for pattern in args.requirement:
        if not catalog.select([pattern]):
            raise UsageError(f"no requirement matches {pattern!r} (see gws-conformance list)")
