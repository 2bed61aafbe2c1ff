"""No check fails a conformant server: with each allowed variant on, alone and with every
compatible variant together, no verdict is worse than on the clean reference server.

Parametrized over the registry: a variant added to `email/variants.py` or `bayeux/variants.py`
is covered here with nothing else to write. Each variant alone runs the sections of the
requirements that allow it; each group of compatible variants runs the whole suite, fuzzing
included, so every variant meets every check here too. (`gws-conformance selftest` without
`--no-variants` adds each variant alone against the whole suite; CI leaves that out, since the
groups already bring every variant to every check.) The test-only variants of injected_variants.py prove the test itself:
a harmless one is tolerated, one that breaks a MUST is caught.
"""

from __future__ import annotations

import pytest
from injected_variants import HARMLESS, ROGUE, ROGUE_BREAKS, ROGUE_SECTION

from conformance.catalog import load_catalog
from conformance.fuzz.settings import FuzzSettings
from conformance.reference.switches import all_variants, compatible_variants
from conformance.runner import RunOutcome
from conformance.selftest.inprocess import as_run_result, run_embedded
from conformance.selftest.runs import CLEAN
from conformance.selftest.tolerance import VariantOutcome, judge_tolerance

CATALOG = load_catalog()
# The whole suite, fuzzing included, at a budget small enough for our tests; the self-test
# runs the default budget.
SMALL_FUZZ = FuzzSettings(examples=2)
GROUPS = [sorted(group) for group in compatible_variants() if len(group) > 1]


def _judge(clean_run: RunOutcome, outcome: RunOutcome, names: list[str], sections: tuple[str, ...] = ()) -> VariantOutcome:
    run = as_run_result(outcome, "+".join(names), variants=frozenset(names), sections=sections)
    [judged] = judge_tolerance(CATALOG, all_variants(), as_run_result(clean_run, CLEAN), [run])
    return judged


def _sections_allowing(name: str) -> tuple[str, ...]:
    return tuple(sorted({CATALOG[r].section for r in all_variants()[name].allowed_by}))


def _assert_tolerated(tmp_path, clean_run: RunOutcome, names: list[str], sections: tuple[str, ...] = ()) -> None:
    fuzz = SMALL_FUZZ if not sections or "fuzz" in sections else None
    outcome = run_embedded(tmp_path, variants=frozenset(names), sections=list(sections) or None, fuzz=fuzz)
    judged = _judge(clean_run, outcome, names, sections)
    worse = [f"{c.requirement} {c.check or ''}: {c.clean} -> {c.variant} ({c.why}) {c.message}" for c in judged.worse]
    assert not judged.failed, f"{'+'.join(names)} makes verdicts worse than the clean run:\n" + "\n".join(worse)


@pytest.mark.parametrize("variant", sorted(all_variants()))
def test_variant_is_declared_soundly(variant):
    declared, known = all_variants()[variant], all_variants()
    assert declared.allowed_by and all(r in CATALOG for r in declared.allowed_by), declared.allowed_by
    assert all(r in CATALOG and CATALOG[r].keyword == "SHOULD" for r in declared.nonstrict), "nonstrict lists SHOULD requirements only"
    assert all(other in known for other in declared.excludes), declared.excludes


@pytest.mark.parametrize("variant", sorted(all_variants()))
def test_variant_alone_worsens_no_verdict(tmp_path, clean_run, variant):
    _assert_tolerated(tmp_path, clean_run, [variant], _sections_allowing(variant))


@pytest.mark.parametrize("group", GROUPS, ids=["+".join(group) for group in GROUPS])
def test_compatible_variants_together_worsen_no_verdict(tmp_path, clean_run, group):
    _assert_tolerated(tmp_path, clean_run, group)


def test_a_variant_that_changes_nothing_is_tolerated(tmp_path, clean_run, injected_variants):
    _assert_tolerated(tmp_path, clean_run, [HARMLESS])


def test_a_variant_that_breaks_a_must_is_caught(tmp_path, clean_run, injected_variants):
    outcome = run_embedded(tmp_path, variants=frozenset({ROGUE}), sections=[ROGUE_SECTION], fuzz=None)
    judged = _judge(clean_run, outcome, [ROGUE], sections=(ROGUE_SECTION,))
    assert judged.failed
    caught = [c for c in judged.worse if c.requirement == ROGUE_BREAKS and c.check]
    assert caught and all((c.clean, c.variant) == ("PASS", "FAIL") and c.message for c in caught), judged.worse
