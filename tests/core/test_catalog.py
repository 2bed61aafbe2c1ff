"""The requirement catalog: well-formed, and every requirement has at least one check."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conformance.catalog import load_catalog
from conformance.catalog.model import GRADES, _parse_requirement
from conformance.profile import FEATURES

from .repo_text import numbered_lines, text_files

ROOT = Path(__file__).resolve().parents[2]
SUITES = ROOT / "conformance" / "suites"
POSITIONS = ROOT / "docs" / "positions.md"


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


def test_a_must_rests_on_a_documented_sentence_or_a_declared_feature():
    """The rule: a sample-only or inferred assertion is a SHOULD, or judged only where the profile
    declares that behaviour (applies_to); our own readings of the docs never fail a target."""
    catalog = load_catalog()
    undocumented_musts = [
        r.id for r in catalog if r.keyword == "MUST" and r.evidence.grade != "documented" and not r.applies_to
    ]
    assert undocumented_musts == []
    assert {r.applies_to for r in catalog if r.applies_to} <= set(FEATURES)


# Features that declare a behaviour itself; every other feature declares that the target implements
# an operation (transfer, reply, ...), which says nothing of the details only samples or we infer.
BEHAVIOUR_FEATURES = {"websocket", "referenceid-in-response", "bayeux-expiry", "bayeux-auth", "bayeux-connect-release"}
def test_an_operation_feature_does_not_excuse_an_undocumented_must():
    excused = {
        r.id
        for r in load_catalog()
        if r.keyword == "MUST" and r.evidence.grade != "documented" and r.applies_to not in BEHAVIOUR_FEATURES
    }
    assert sorted(excused) == []


def test_every_requirement_quotes_its_graded_evidence():
    for requirement in load_catalog():
        evidence = requirement.evidence
        assert evidence.grade in GRADES and evidence.quote and evidence.source.startswith("https://")
        if requirement.id.startswith("BAYEUX-") and evidence.verbatim:
            assert evidence.source.startswith("https://docs.cometd.org/"), requirement.id


def test_an_undocumented_requirement_says_why_in_its_position():
    for requirement in load_catalog():
        if requirement.evidence.grade != "documented" and not requirement.applies_to:
            assert requirement.position, f"{requirement.id} is graded {requirement.evidence.grade}; say why"


_CITED_ANCHOR = re.compile(r"docs/positions\.md#([A-Za-z0-9_-]+)")


def test_positions_cite_anchors_that_exist_in_our_notes():
    """Every docs/positions.md#<anchor> cited exists: in catalog positions, and anywhere in the code,
    schemas, fixtures, docs and tests (tests/core/repo_text.py)."""
    anchors = set(re.findall(r'<a id="([a-z0-9-]+)"></a>', POSITIONS.read_text(encoding="utf-8")))
    cited = {
        (requirement.id, anchor)
        for requirement in load_catalog()
        for anchor in _CITED_ANCHOR.findall(requirement.position or "")
    }
    assert len(cited) >= 20
    cited |= {
        (f"{path.relative_to(ROOT).as_posix()}:{number}", anchor)
        for path in text_files()
        for number, line in numbered_lines(path)
        for anchor in _CITED_ANCHOR.findall(line)
    }
    assert sorted((where, anchor) for where, anchor in cited if anchor not in anchors) == []


_EVIDENCE = {"grade": "documented", "quote": "q", "source": "https://x", "verbatim": True}
_GOOD = {"id": "X-01", "title": "t", "sentence": "s", "keyword": "MUST", "sources": ["https://x"], "evidence": _EVIDENCE}


@pytest.mark.parametrize(
    "raw, message",
    [
        ({**_GOOD, "id": "BAD"}, "malformed requirement ID"),
        ({**_GOOD, "keyword": "MUSTNT"}, "keyword"),
        ({**_GOOD, "sources": ["http://x"]}, "https"),
        ({k: v for k, v in _GOOD.items() if k != "sentence"}, "lacks"),
        ({k: v for k, v in _GOOD.items() if k != "evidence"}, "lacks"),
        ({**_GOOD, "evidence": {**_EVIDENCE, "grade": "rumour"}}, "grade"),
        ({**_GOOD, "evidence": {**_EVIDENCE, "source": "http://x"}}, "https"),
        ({**_GOOD, "evidence": {**_EVIDENCE, "quote": " "}}, "quote"),
        ({**_GOOD, "evidence": {k: v for k, v in _EVIDENCE.items() if k != "verbatim"}}, "verbatim"),
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
