"""The fuzz options of `pytest --target` and of the suites run by `gws-conformance run`.

Kept free of heavy imports: the pytest plugin registers these even when no suite runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conformance.errors import UsageError
from conformance.fuzz.settings import DEFAULT_EXAMPLES, DEFAULT_SEED, DEFAULT_TIME_BUDGET_S, FuzzSettings

if TYPE_CHECKING:
    import pytest

FUZZ_SUITE_DIR = Path(__file__).resolve().parent.parent / "suites" / "fuzz"


def _seed(text: str) -> int:
    return int(text, 0)  # decimal or 0x...


def add_options(group: Any) -> None:
    """Options of the `gws-conformance` pytest group."""
    group.addoption("--fuzz-seed", dest="gws_fuzz_seed", type=_seed, default=DEFAULT_SEED, metavar="N", help=f"fuzz seed (default {DEFAULT_SEED})")
    group.addoption(
        "--fuzz-examples", dest="gws_fuzz_examples", type=int, default=DEFAULT_EXAMPLES, metavar="N",
        help=f"generated examples per operation and stream (default {DEFAULT_EXAMPLES})",
    )
    group.addoption(
        "--fuzz-time", dest="gws_fuzz_time", type=float, default=DEFAULT_TIME_BUDGET_S, metavar="S",
        help=f"stop sending fuzzed requests after S seconds (default {DEFAULT_TIME_BUDGET_S:g})",
    )
    group.addoption("--no-fuzz", dest="gws_no_fuzz", action="store_true", help="leave the fuzz section out")


def settings_from(config: pytest.Config) -> FuzzSettings:
    try:
        return FuzzSettings(
            seed=config.getoption("gws_fuzz_seed", DEFAULT_SEED),
            examples=config.getoption("gws_fuzz_examples", DEFAULT_EXAMPLES),
            time_budget=config.getoption("gws_fuzz_time", DEFAULT_TIME_BUDGET_S),
        )
    except ValueError as exc:
        import pytest

        raise pytest.UsageError(str(exc)) from None


def as_arguments(settings: FuzzSettings | None) -> list[str]:
    """pytest arguments carrying `settings` (None: no fuzz section)."""
    if settings is None:
        return ["--no-fuzz"]
    return ["--fuzz-seed", str(settings.seed), "--fuzz-examples", str(settings.examples), "--fuzz-time", repr(settings.time_budget)]


def ignores(collection_path: Path, config: pytest.Config) -> bool | None:
    """pytest_ignore_collect: True for the fuzz suite under --no-fuzz (None: no opinion)."""
    if config.getoption("gws_no_fuzz", False) and Path(collection_path).resolve() == FUZZ_SUITE_DIR:
        return True
    return None


def add_cli_arguments(parser: argparse.ArgumentParser) -> None:
    """`gws-conformance run` options."""
    parser.add_argument("--fuzz-seed", type=_seed, default=DEFAULT_SEED, metavar="N", help=f"fuzz seed, to replay a campaign (default {DEFAULT_SEED})")
    parser.add_argument(
        "--fuzz-examples", type=int, default=DEFAULT_EXAMPLES, metavar="N",
        help=f"fuzz budget: generated examples per operation and stream (default {DEFAULT_EXAMPLES})",
    )
    parser.add_argument(
        "--fuzz-time", type=float, default=DEFAULT_TIME_BUDGET_S, metavar="S",
        help=f"fuzz budget: stop sending fuzzed requests after S seconds (default {DEFAULT_TIME_BUDGET_S:g})",
    )
    parser.add_argument("--no-fuzz", action="store_true", help="leave the fuzz section out")


def settings_from_arguments(args: argparse.Namespace) -> FuzzSettings | None:
    """The fuzz settings of a `run` command line; None under --no-fuzz."""
    if args.no_fuzz:
        if getattr(args, "certify", False):
            raise UsageError("--certify runs every requirement: drop --no-fuzz")
        if "fuzz" in getattr(args, "section", ()) or any(p.upper().startswith("FUZZ") for p in getattr(args, "requirement", ())):
            raise UsageError("--no-fuzz leaves out the fuzz section that --section or --requirement asks for")
        return None
    try:
        return FuzzSettings(seed=args.fuzz_seed, examples=args.fuzz_examples, time_budget=args.fuzz_time)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
