"""No import cycle inside conformance/: every dependency between our modules points one way.

Every import statement counts, also one inside a function or under `if TYPE_CHECKING:`: hiding
a cycle there keeps Python from tripping over it, but the modules still depend on each other.
A package is a module like any other (its `__init__.py`). `from pkg import name` depends on
`pkg.name` when that is a module, on `pkg` otherwise; importing a submodule does not count as
depending on its package, whose `__init__` merely runs first.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "conformance"
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    where: str  # path:line of the import statement


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package (a package is its __init__)."""
    found = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if "node_modules" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool, modules: dict[str, Path]) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    if node.level:  # relative: from the module's own package, one level up per extra dot
        package = module.split(".") if is_package else module.split(".")[:-1]
        base = ".".join(package[: len(package) - (node.level - 1)] + ([node.module] if node.module else []))
    else:
        base = node.module or ""
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        yield submodule if submodule in modules else base


def import_edges(modules: dict[str, Path], root: Path = ROOT) -> list[Edge]:
    edges = []
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for target in _imported(node, module, path.name == "__init__.py", modules):
                if target in modules and target != module:
                    edges.append(Edge(module, target, f"{path.relative_to(root).as_posix()}:{node.lineno}"))
    return edges


def strongly_connected(nodes: list[str], successors: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components (iterative: the graph is deep enough to matter)."""
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(successors.get(start, [])))]
        index[start] = lowlink[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = lowlink[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors.get(child, []))))
                elif child in on_stack:
                    lowlink[node] = min(lowlink[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                lowlink[parent] = min(lowlink[parent], lowlink[node])
            if lowlink[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def import_cycles(modules: dict[str, Path], edges: list[Edge]) -> list[list[str]]:
    successors: dict[str, list[str]] = {}
    for edge in edges:
        successors.setdefault(edge.source, []).append(edge.target)
    return [component for component in strongly_connected(sorted(modules), successors) if len(component) > 1]


def reachable(starts: list[str], edges: list[Edge]) -> set[str]:
    successors: dict[str, set[str]] = {}
    for edge in edges:
        successors.setdefault(edge.source, set()).add(edge.target)
    seen, todo = set(starts), list(starts)
    while todo:
        for target in successors.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _described(component: list[str], edges: list[Edge]) -> str:
    members = set(component)
    inside = sorted({(e.source, e.target, e.where) for e in edges if e.source in members and e.target in members})
    lines = [f"cycle of {len(component)} modules: {', '.join(component)}"]
    lines += [f"    {source} -> {target}  ({where})" for source, target, where in inside]
    return "\n".join(lines)


def test_the_walk_sees_the_modules_and_imports_that_matter():
    modules = module_files()
    assert {"conformance", "conformance.cli", "conformance.plugin", "conformance.plugin.suite", "conformance.reports"} <= set(modules)
    edges = {(e.source, e.target) for e in import_edges(modules)}
    assert ("conformance.cli", "conformance.exit_codes") in edges  # a plain from-import
    assert ("conformance.runner", "conformance.plugin.suite") in edges  # `from pkg import submodule`


def test_tarjan_finds_cycles_hidden_inside_functions_and_type_checking(tmp_path: Path):
    package = tmp_path / PACKAGE
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from conformance.sub.a import A\n")
    (package / "sub" / "a.py").write_text("from conformance.sub import b\nA = 1\n")
    (package / "sub" / "b.py").write_text("def late():\n    from conformance import c\n")
    (package / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from conformance.sub.a import A\n")
    (package / "d.py").write_text("from conformance.sub import A\nfrom conformance import c\n")
    modules = module_files(tmp_path)
    cycles = import_cycles(modules, import_edges(modules, tmp_path))
    # sub/__init__ -> sub.a is not a cycle with sub.a's own package: importing sub.a does not depend on it.
    assert cycles == [["conformance.c", "conformance.sub.a", "conformance.sub.b"]]


def test_no_import_cycle_inside_the_package():
    modules = module_files()
    edges = import_edges(modules)
    cycles = import_cycles(modules, edges)
    assert not cycles, "import cycles inside conformance/ (an import in a function or under TYPE_CHECKING counts too):\n" + "\n".join(
        _described(component, edges) for component in cycles
    )


def test_the_reports_never_reach_the_plugin():
    """The reports read a run's RunRecord; the plugin makes it. Neither directly nor through
    another module may the reports import the plugin."""
    modules = module_files()
    edges = import_edges(modules)
    reports = [name for name in modules if name == f"{PACKAGE}.reports" or name.startswith(f"{PACKAGE}.reports.")]
    reached = reachable(reports, edges)
    plugin = sorted(name for name in reached if name == f"{PACKAGE}.plugin" or name.startswith(f"{PACKAGE}.plugin."))
    assert not plugin, f"conformance/reports/ imports the plugin: {plugin}"


FRESH_IMPORTS = """
import importlib, json, sys
failed = []
for name in json.loads(sys.argv[1]):
    for loaded in [m for m in sys.modules if m == "conformance" or m.startswith("conformance.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append(f"{name}: {type(exc).__name__}: {exc}")
print("\\n".join(failed))
"""


def test_every_module_can_be_the_first_one_imported() -> None:
    """What the graph above leaves out: a package's `__init__` runs before its submodule, so a
    module whose package imports back into it fails when it is the first one imported (a
    command's entry point, a test importing it directly)."""
    names = sorted(name for name in module_files() if not name.endswith("__main__"))
    done = subprocess.run([sys.executable, "-c", FRESH_IMPORTS, json.dumps(names)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", done.stdout
