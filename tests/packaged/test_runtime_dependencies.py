"""Every package conformance/ imports is a runtime dependency: `pip install .` (no extras) runs."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "conformance"


def _imported_top_levels() -> dict[str, str]:
    """Top-level module -> the first file importing it, for every absolute import in conformance/."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_normalized(re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0]) for spec in project["dependencies"]}


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# Names in strings the runner passes to pytest with -p: imported by pytest, not by an import statement.
def _plugin_modules() -> set[str]:
    from conformance.runner import PLUGINS

    return {name.split(".")[0] for name in PLUGINS}


def test_every_third_party_import_is_a_runtime_dependency() -> None:
    distributions = importlib.metadata.packages_distributions()
    declared = _declared()
    imported = _imported_top_levels()
    missing = []
    for module in sorted(set(imported) | _plugin_modules()):
        if module in sys.stdlib_module_names or module == "conformance":
            continue
        owners = {_normalized(d) for d in distributions.get(module, [])}
        assert owners, f"{module} (imported by {imported.get(module, 'conformance/runner.py PLUGINS')}) belongs to no installed distribution"
        if not owners & declared:
            missing.append(f"{module} ({', '.join(sorted(owners))}), imported by {imported.get(module, 'conformance/runner.py PLUGINS')}")
    assert not missing, "imported at run time but not in [project.dependencies]: " + "; ".join(missing)


def test_the_version_is_written_once() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["hatch"]["version"]["path"] == "conformance/__init__.py"
    from conformance import __version__

    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", __version__)
