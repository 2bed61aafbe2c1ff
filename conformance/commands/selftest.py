"""`gws-conformance selftest`: prove that every check can fail and that none fails wrongly."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from conformance.catalog import Catalog, load_catalog
from conformance.errors import UsageError
from conformance.reference.switches import Fault, all_faults, all_variants, check_fault_names, check_variant_names, compatible_variants
from conformance.selftest.matrix import judge
from conformance.selftest.render import console, markdown
from conformance.selftest.runs import CLEAN, Job, default_parallelism, run_many
from conformance.selftest.tolerance import judge_tolerance


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", metavar="DIR", default="reports/selftest", help="where the matrix and each run's reports go")
    parser.add_argument("--fault", action="append", default=[], metavar="NAME", help="only these faults (default: every fault)")
    parser.add_argument(
        "--variant", action="append", default=[], metavar="NAME", help="only these variants, alone and together (default: every variant)"
    )
    parser.add_argument("--no-faults", action="store_true", help="no fault runs: no kill matrix")
    parser.add_argument("--no-variants", action="store_true", help="no variant runs: no tolerance matrix")
    parser.add_argument("--repeat", type=int, default=1, metavar="N", help="repeat the clean run N times to expose flaky verdicts")
    parser.add_argument("--jobs", type=int, default=default_parallelism(), metavar="N", help="runs in parallel")
    parser.add_argument("--run-timeout", type=float, default=120.0, metavar="S", help="bound of one run")


def run(args: argparse.Namespace) -> int:
    if args.repeat < 1 or args.jobs < 1:
        raise UsageError("--repeat and --jobs must be at least 1")
    if (args.no_faults and args.fault) or (args.no_variants and args.variant):
        raise UsageError("--no-faults and --fault (or --no-variants and --variant) contradict each other")
    faults, variants = all_faults(), all_variants()
    chosen_faults = [] if args.no_faults else sorted(check_fault_names(args.fault)) if args.fault else sorted(faults)
    chosen_variants = [] if args.no_variants else sorted(check_variant_names(args.variant)) if args.variant else sorted(variants)
    output = Path(args.output)
    catalog = load_catalog()
    jobs = [Job(f"{CLEAN}-{n}") for n in range(1, args.repeat + 1)]
    jobs += [Job(name, faults=frozenset({name}), sections=_sections_of(faults[name], catalog)) for name in chosen_faults]
    jobs += [Job(label, variants=group) for label, group in variant_runs(chosen_variants)]
    results = run_many(jobs, output / "runs", parallel=args.jobs, timeout=args.run_timeout)
    clean = [r for r in results if r.is_clean]
    outcome = judge(catalog, faults, clean, [r for r in results if r.faults], every_fault=not (args.fault or args.no_faults))
    outcome.tolerance = judge_tolerance(catalog, variants, clean[0], [r for r in results if r.variants])
    (output / "selftest.json").write_text(json.dumps(outcome.as_dict(), indent=2) + "\n", encoding="utf-8")
    (output / "selftest.md").write_text(markdown(outcome, catalog), encoding="utf-8")
    sys.stdout.write(console(outcome))
    sys.stdout.write(f"  matrix: {output / 'selftest.md'}\n")
    return 0 if outcome.ok else 1


def variant_runs(chosen: list[str]) -> list[tuple[str, frozenset[str]]]:
    """(label, variants) of the tolerance runs: each chosen variant alone, the whole suite with
    fuzzing, then each group of compatible variants together (restricted to the chosen ones;
    a group of one is its member's own run already)."""
    runs = [(name, frozenset({name})) for name in chosen]
    for group in compatible_variants():
        members = group & set(chosen)
        if len(members) > 1:
            runs.append(("+".join(sorted(members)), frozenset(members)))
    return runs


def _sections_of(fault: Fault, catalog: Catalog) -> tuple[str, ...]:
    """A fault's run covers the sections of the requirements it breaks: other verdicts that
    change there are reported; the clean runs cover everything."""
    return tuple(sorted({catalog[requirement].section for requirement in fault.breaks if requirement in catalog}))
