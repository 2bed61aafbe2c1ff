"""With a Bayeux peer-choice variant on, the Bayeux section's verdicts are no worse than on the
clean reference server (all PASS): only the SHOULD requirements the variant names as
`nonstrict` may become PASS-NONSTRICT, and each of those does (the variant really departs)."""

from __future__ import annotations

import pytest

from conformance.reference.bayeux.variants import PEER_CHOICES
from conformance.selftest.inprocess import run_embedded, verdicts

from .runs import SECTION


@pytest.mark.parametrize("variant", PEER_CHOICES, ids=lambda v: v.name)
def test_section_no_worse_with_variant(tmp_path, variant) -> None:
    outcome = run_embedded(tmp_path, variants=frozenset({variant.name}), requirements=[SECTION])
    found = {r: v for r, v in verdicts(outcome).items() if r.startswith("BAYEUX-")}
    expected = {r: "PASS-NONSTRICT" if r in variant.nonstrict else "PASS" for r in found}
    assert found == expected
