"""Test-only variants, injected into the switch registry: the product registers none of them.

They prove the tolerance matrix end to end before (and whatever) real variants land.
"""

from __future__ import annotations

import sys
import types

import pytest

from conformance.reference import switches
from conformance.reference.email.faults import EmailFault as F
from conformance.reference.switches import Variant

HARMLESS = "selftest-harmless"
EXCLUSIVE = "selftest-exclusive"
# Components build their behaviour from the names in ServerConfig.switches, faults and variants
# alike: a variant named after a fault sets that fault's fields. This one claims to be allowed and
# breaks a MUST.
ROGUE = F.ACCEPT_HTTP_204
ROGUE_BREAKS = "EMAIL-ACCEPT-01"
ROGUE_SECTION = "email-accept"

TEST_VARIANTS = (
    Variant(HARMLESS, ("EMAIL-ACCEPT-01",), "changes nothing: no hook tests it"),
    Variant(EXCLUSIVE, ("EMAIL-ACCEPT-01",), "changes nothing, and cannot be on with selftest-harmless", excludes=(HARMLESS,)),
    Variant(ROGUE, ("EMAIL-ACCEPT-01",), "claims Accept may answer 204; the requirement says it may not"),
)
_MODULE = "tests_selftest_injected_variants"


def inject(monkeypatch: pytest.MonkeyPatch) -> dict[str, Variant]:
    """Add the test-only variants to the registry for the test's duration; the new registry."""
    module = types.ModuleType(_MODULE)
    module.VARIANTS = TEST_VARIANTS  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, _MODULE, module)
    monkeypatch.setattr(switches, "SWITCH_MODULES", (*switches.SWITCH_MODULES, _MODULE))
    return switches.all_variants()
