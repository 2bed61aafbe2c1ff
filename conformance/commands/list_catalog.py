"""`gws-conformance list`: print the requirement catalog, filtered."""

from __future__ import annotations

import argparse
import json

from conformance.catalog import load_catalog
from conformance.commands.filters import add_filter_arguments, check_filters


def configure(parser: argparse.ArgumentParser) -> None:
    add_filter_arguments(parser)
    parser.add_argument("--format", choices=["text", "json"], default="text")


def run(args: argparse.Namespace) -> int:
    check_filters(args)
    catalog = load_catalog()
    chosen = catalog.select(args.requirement or None, args.section or None, args.keyword or None)
    if args.format == "json":
        print(json.dumps({"catalog_version": catalog.version, "requirements": [r.as_dict() for r in chosen]}, indent=2))
        return 0
    print(f"catalog {catalog.version}: {catalog.api}")
    print("columns: ID, keyword, evidence grade (documented | sample | sample-code | inferred), title")
    titles = dict(catalog.sections)
    section = None
    for requirement in chosen:
        if requirement.section != section:
            section = requirement.section
            print(f"\n[{section}] {titles[section]}")
        applies = f"  (applies to: {requirement.applies_to})" if requirement.applies_to else ""
        print(f"  {requirement.id:<20} {requirement.keyword:<6} {requirement.evidence.grade:<11} {requirement.title}{applies}")
        print(f"  {'':<20} {requirement.spec_url}")
    print(f"\n{len(chosen)} requirement(s)")
    return 0
