"""`gws-conformance selftest`: prove that every check can fail and that none fails wrongly."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from conformance.catalog import Catalog, load_catalog
from conformance.errors import UsageError
from conformance.reference.switches import Fault, all_faults, check_fault_names
from conformance.selftest.matrix import judge
from conformance.selftest.render import console, markdown
from conformance.selftest.runs import CLEAN, Job, default_parallelism, run_many


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", metavar="DIR", default="reports/selftest", help="where the matrix and each run's reports go")
    parser.add_argument("--fault", action="append", default=[], metavar="NAME", help="only these faults (default: every fault)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N", help="repeat the clean run N times to expose flaky verdicts")
    parser.add_argument("--jobs", type=int, default=default_parallelism(), metavar="N", help="runs in parallel")
    parser.add_argument("--run-timeout", type=float, default=120.0, metavar="S", help="bound of one run")


def run(args: argparse.Namespace) -> int:
    if args.repeat < 1 or args.jobs < 1:
        raise UsageError("--repeat and --jobs must be at least 1")
    faults = all_faults()
    chosen = sorted(check_fault_names(args.fault)) if args.fault else sorted(faults)
    output = Path(args.output)
    catalog = load_catalog()
    jobs = [Job(f"{CLEAN}-{n}", None) for n in range(1, args.repeat + 1)]
    jobs += [Job(name, name, _sections_of(faults[name], catalog)) for name in chosen]
    results = run_many(jobs, output / "runs", parallel=args.jobs, timeout=args.run_timeout)
    clean = [r for r in results if r.fault is None]
    outcome = judge(catalog, faults, clean, [r for r in results if r.fault is not None], every_fault=not args.fault)
    (output / "selftest.json").write_text(json.dumps(outcome.as_dict(), indent=2) + "\n", encoding="utf-8")
    (output / "selftest.md").write_text(markdown(outcome, catalog), encoding="utf-8")
    sys.stdout.write(console(outcome))
    sys.stdout.write(f"  matrix: {output / 'selftest.md'}\n")
    return 0 if outcome.ok else 1


def _sections_of(fault: Fault, catalog: Catalog) -> tuple[str, ...]:
    """A fault's run covers the sections of the requirements it breaks: other verdicts that
    change there are reported; the clean runs cover everything."""
    return tuple(sorted({catalog[requirement].section for requirement in fault.breaks if requirement in catalog}))
