"""The repository's text files that vendors and contributors read: what we ship, document and test."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("conformance", "schemas", "fixtures", "docs", "benchmarks", "tests", "README.md")
SUFFIXES = {".py", ".json", ".yaml", ".yml", ".toml", ".md", ".js", ".mjs"}
SKIPPED_DIRS = {"node_modules", "__pycache__", "results"}


def text_files() -> list[Path]:
    """The text files of the scanned folders (and README.md), sorted; installed packages and
    benchmark results are not ours to word."""
    found = []
    for name in SCANNED:
        top = ROOT / name
        paths = [top] if top.is_file() else top.rglob("*")
        for path in paths:
            relative = path.relative_to(ROOT)
            if path.is_file() and path.suffix in SUFFIXES and not SKIPPED_DIRS & set(relative.parts[:-1]):
                found.append(path)
    return sorted(found)


def numbered_lines(path: Path):
    """(line number, line) of a text file, from 1."""
    return enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
