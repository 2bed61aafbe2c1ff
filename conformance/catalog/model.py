"""Load and validate the requirement catalog (catalog.yaml + sections/*.yaml)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conformance import yaml_safe
from conformance.errors import UsageError

CATALOG_DIR = Path(__file__).parent
KEYWORDS = ("MUST", "SHOULD", "MAY")
# How strongly the public pages back a requirement, strongest first: stated in a page's text or
# tables; shown only in a page's sample; seen only in public Genesys sample code; our inference.
GRADES = ("documented", "sample", "sample-code", "inferred")
_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-\d{2}$")


@dataclass(frozen=True)
class Evidence:
    """The sentence a requirement rests on, where it is published, and how strongly it backs it."""

    grade: str
    quote: str
    source: str
    verbatim: bool  # the page's own words; False: our restatement of a page we cannot quote whole

    def as_dict(self) -> dict[str, object]:
        return {"grade": self.grade, "quote": self.quote, "source": self.source, "verbatim": self.verbatim}


@dataclass(frozen=True)
class Requirement:
    id: str
    section: str
    title: str
    sentence: str
    keyword: str
    sources: tuple[str, ...]
    evidence: Evidence
    applies_to: str | None = None  # a feature the target profile must declare
    position: str | None = None  # our position where the public docs contradict themselves
    variations: tuple[str, ...] = ()  # documented allowed variations between implementations

    @property
    def spec_url(self) -> str:
        return self.sources[0]

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "section": self.section,
            "title": self.title,
            "sentence": self.sentence,
            "keyword": self.keyword,
            "sources": list(self.sources),
            "evidence": self.evidence.as_dict(),
            "applies_to": self.applies_to,
            "position": self.position,
            "variations": list(self.variations),
        }


@dataclass(frozen=True)
class Catalog:
    version: str
    api: str
    sections: tuple[tuple[str, str], ...]  # (section id, title), in report order
    requirements: dict[str, Requirement] = field(default_factory=dict)

    def __getitem__(self, req_id: str) -> Requirement:
        try:
            return self.requirements[req_id]
        except KeyError:
            raise UsageError(f"unknown requirement ID {req_id!r}") from None

    def __contains__(self, req_id: object) -> bool:
        return req_id in self.requirements

    def __iter__(self) -> Iterator[Requirement]:
        return iter(self.requirements.values())

    def select(
        self,
        ids: list[str] | None = None,
        sections: list[str] | None = None,
        keywords: list[str] | None = None,
    ) -> list[Requirement]:
        """Requirements matching every given filter; an ID may end in '*' as a prefix match."""
        chosen = []
        for req in self:
            if ids and not any(_id_matches(pattern, req.id) for pattern in ids):
                continue
            if sections and req.section not in sections:
                continue
            if keywords and req.keyword not in keywords:
                continue
            chosen.append(req)
        return chosen


def _id_matches(pattern: str, req_id: str) -> bool:
    if pattern.endswith("*"):
        return req_id.startswith(pattern[:-1])
    return req_id == pattern


def _parse_evidence(raw: object, where: str) -> Evidence:
    if not isinstance(raw, dict) or {"grade", "quote", "source", "verbatim"} - raw.keys():
        raise ValueError(f"{where}: evidence needs grade, quote, source and verbatim")
    if raw["grade"] not in GRADES:
        raise ValueError(f"{where}: evidence grade must be one of {GRADES}")
    if not str(raw["source"]).startswith("https://"):
        raise ValueError(f"{where}: evidence source must be an https URL")
    if not isinstance(raw["verbatim"], bool) or not str(raw["quote"]).strip():
        raise ValueError(f"{where}: evidence needs a non-empty quote and a boolean verbatim")
    return Evidence(
        grade=raw["grade"], quote=" ".join(str(raw["quote"]).split()), source=raw["source"], verbatim=raw["verbatim"]
    )


def _parse_requirement(section: str, raw: dict[str, Any], origin: str) -> Requirement:
    missing = {"id", "title", "sentence", "keyword", "sources", "evidence"} - raw.keys()
    if missing:
        raise ValueError(f"{origin}: requirement {raw.get('id')!r} lacks {sorted(missing)}")
    if not _ID.match(raw["id"]):
        raise ValueError(f"{origin}: malformed requirement ID {raw['id']!r}")
    if raw["keyword"] not in KEYWORDS:
        raise ValueError(f"{origin}: {raw['id']}: keyword must be one of {KEYWORDS}")
    if not raw["sources"] or not all(str(s).startswith("https://") for s in raw["sources"]):
        raise ValueError(f"{origin}: {raw['id']}: sources must be https URLs")
    return Requirement(
        id=raw["id"],
        section=section,
        title=raw["title"].strip(),
        sentence=" ".join(raw["sentence"].split()),
        keyword=raw["keyword"],
        sources=tuple(raw["sources"]),
        evidence=_parse_evidence(raw["evidence"], f"{origin}: {raw['id']}"),
        applies_to=raw.get("applies_to"),
        position=" ".join(raw["position"].split()) if raw.get("position") else None,
        variations=tuple(" ".join(v.split()) for v in raw.get("variations", ())),
    )


@functools.lru_cache(maxsize=4)
def load_catalog(directory: Path = CATALOG_DIR) -> Catalog:
    index = yaml_safe.safe_load((directory / "catalog.yaml").read_text(encoding="utf-8"))
    sections: list[tuple[str, str]] = []
    requirements: dict[str, Requirement] = {}
    for name in index["sections"]:
        path = directory / "sections" / f"{name}.yaml"
        raw = yaml_safe.safe_load(path.read_text(encoding="utf-8"))
        if raw.get("section") != name:
            raise ValueError(f"{path}: section field must be {name!r}")
        sections.append((name, raw["title"]))
        for item in raw.get("requirements", []):
            req = _parse_requirement(name, item, str(path))
            if req.id in requirements:
                raise ValueError(f"{path}: duplicate requirement ID {req.id}")
            requirements[req.id] = req
    return Catalog(
        version=str(index["catalog_version"]),
        api=index["api"],
        sections=tuple(sections),
        requirements=requirements,
    )
