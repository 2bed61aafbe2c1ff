"""Fixtures of the self-test's tests."""

from __future__ import annotations

import pytest
from injected_variants import inject

from conformance.reference.switches import Variant


@pytest.fixture
def injected_variants(monkeypatch: pytest.MonkeyPatch) -> dict[str, Variant]:
    """The switch registry with the test-only variants of injected_variants.py added."""
    return inject(monkeypatch)
