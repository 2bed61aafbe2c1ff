"""The requirement catalog: well-formed, and every requirement has at least one check."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conformance.catalog import load_catalog
from conformance.catalog.model import _parse_requirement

SUITES = Path(__file__).resolve().parents[2] / "conformance" / "suites"


def _requirement_ids_in_suites() -> set[str]:
    found = set()
    for path in SUITES.rglob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "requirement" and node.args:
                found.add(node.args[0].value)
    return found


def test_catalog_loads_with_unique_ids_and_https_sources():
    catalog = load_catalog()
    assert catalog.version
    assert len(catalog.requirements) >= 30
    for requirement in catalog:
        assert requirement.keyword in ("MUST", "SHOULD", "MAY")
        assert all(source.startswith("https://") for source in requirement.sources)
        assert requirement.sentence and requirement.title


def test_every_requirement_has_a_check_and_every_check_a_requirement():
    catalog_ids = set(load_catalog().requirements)
    suite_ids = _requirement_ids_in_suites()
    assert suite_ids - catalog_ids == set(), "checks name requirements missing from the catalog"
    assert catalog_ids - suite_ids == set(), "requirements without any check"


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"id": "BAD", "title": "t", "sentence": "s", "keyword": "MUST", "sources": ["https://x"]}, "malformed requirement ID"),
        ({"id": "X-01", "title": "t", "sentence": "s", "keyword": "MUSTNT", "sources": ["https://x"]}, "keyword"),
        ({"id": "X-01", "title": "t", "sentence": "s", "keyword": "MUST", "sources": ["http://x"]}, "https"),
        ({"id": "X-01", "title": "t", "keyword": "MUST", "sources": ["https://x"]}, "lacks"),
    ],
)
def test_malformed_requirements_are_rejected(raw, message):
    with pytest.raises(ValueError, match=message):
        _parse_requirement("s", raw, "test")


def test_select_filters_by_prefix_section_and_keyword():
    catalog = load_catalog()
    accept = catalog.select(["EMAIL-ACCEPT-*"])
    assert accept and all(r.id.startswith("EMAIL-ACCEPT-") for r in accept)
    assert {r.keyword for r in catalog.select(keywords=["SHOULD"])} == {"SHOULD"}
    assert {r.section for r in catalog.select(sections=["email-reject"])} == {"email-reject"}
