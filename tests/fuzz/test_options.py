"""--fuzz-seed, --fuzz-examples, --fuzz-time and --no-fuzz, from the command line to pytest."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from conformance.cli import build_parser
from conformance.errors import UsageError
from conformance.fuzz.options import FUZZ_SUITE_DIR, as_arguments, ignores, settings_from_arguments
from conformance.fuzz.settings import DEFAULT_SEED, FuzzSettings


def _run_args(*argv: str):
    return build_parser().parse_args(["run", *argv])


def test_defaults_give_the_fixed_seed_and_budget():
    assert settings_from_arguments(_run_args()) == FuzzSettings()
    assert FuzzSettings().seed == DEFAULT_SEED


def test_seed_and_budget_are_read():
    settings = settings_from_arguments(_run_args("--fuzz-seed", "0x1f", "--fuzz-examples", "3", "--fuzz-time", "2.5"))
    assert settings == FuzzSettings(seed=31, examples=3, time_budget=2.5)
    assert settings.replay_options() == "--fuzz-seed 31 --fuzz-examples 3"


@pytest.mark.parametrize(
    "argv",
    [
        ("--fuzz-examples", "0"),
        ("--fuzz-time", "0"),
        ("--no-fuzz", "--certify"),
        ("--no-fuzz", "--section", "fuzz"),
        ("--no-fuzz", "--requirement", "FUZZ-VALID-01"),
    ],
)
def test_contradictions_are_usage_errors(argv):
    with pytest.raises(UsageError):
        settings_from_arguments(_run_args(*argv))


def test_no_fuzz_leaves_the_section_out():
    assert settings_from_arguments(_run_args("--no-fuzz")) is None
    assert as_arguments(None) == ["--no-fuzz"]


def test_settings_travel_as_pytest_options():
    assert as_arguments(FuzzSettings(seed=9, examples=2, time_budget=4.0)) == ["--fuzz-seed", "9", "--fuzz-examples", "2", "--fuzz-time", "4.0"]


def test_the_fuzz_suite_is_ignored_only_under_no_fuzz():
    def config(no_fuzz: bool):
        return SimpleNamespace(getoption=lambda name, default=None: no_fuzz if name == "gws_no_fuzz" else default)

    assert ignores(FUZZ_SUITE_DIR, config(True)) is True
    assert ignores(FUZZ_SUITE_DIR, config(False)) is None
    assert ignores(FUZZ_SUITE_DIR.parent / "email_api", config(True)) is None


def test_settings_derive_one_seed_per_stream():
    settings = FuzzSettings()
    assert settings.seed_for("Accept", "positive") == FuzzSettings().seed_for("Accept", "positive")
    assert settings.seed_for("Accept", "positive") != settings.seed_for("Accept", "negative")
    assert settings.seed_for("Accept", "positive") != FuzzSettings(seed=7).seed_for("Accept", "positive")
