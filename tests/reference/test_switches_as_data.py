"""Handlers of the reference server read fields of a frozen behaviour object, never sets of switch
names: no module under conformance/reference/ tests whether a switch is on, and outside the
modules that declare switches and the behaviour objects built from them, none names a switch
member (a table keyed by switches is a test of names too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conformance.reference.switches import SWITCH_MODULES

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "conformance" / "reference"
# The modules that turn the active switches into a behaviour object: they read the enums.
BEHAVIOUR_MODULES = ("conformance.reference.email.behaviour", "conformance.reference.bayeux.behaviour")


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _switch_enums(tree: ast.Module) -> set[str]:
    """Local names bound to something imported from a switch-declaring module (aliases included)."""
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module in SWITCH_MODULES
        for alias in node.names
    }


def _names_switches(node: ast.expr) -> bool:
    """`switches`, `self._switches`, `config.switches`, ...: a set of active switch names."""
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return name.lstrip("_").endswith("switches")


def _is_member(node: ast.expr, enums: set[str]) -> bool:
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in enums


def violations(source: str, module: str) -> list[str]:
    """Where `source` (the text of `module`) tests switch names, as "line: what"."""
    tree = ast.parse(source)
    enums = _switch_enums(tree)
    reads_enums = module in SWITCH_MODULES or module in BEHAVIOUR_MODULES
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            for op, left, right in zip(node.ops, operands, operands[1:]):
                if isinstance(op, (ast.In, ast.NotIn)) and (_is_member(left, enums) or _names_switches(right)):
                    found.append(f"{node.lineno}: membership test {ast.unparse(node)}")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.Sub)):
            if _names_switches(node.left) or _names_switches(node.right):
                found.append(f"{node.lineno}: set operation on switches {ast.unparse(node)}")
        elif isinstance(node, ast.Attribute) and node.attr == "__contains__" and _names_switches(node.value):
            found.append(f"{node.lineno}: membership test {ast.unparse(node)}")
        elif not reads_enums and _is_member(node, enums) and isinstance(node.ctx, ast.Load):
            found.append(f"{node.lineno}: names the switch {ast.unparse(node)}")
    return found


MODULES = sorted(REFERENCE.rglob("*.py"))


def test_the_scan_sees_the_reference_server() -> None:
    names = {_module_name(path) for path in MODULES}
    assert set(SWITCH_MODULES) | set(BEHAVIOUR_MODULES) <= names
    assert "conformance.reference.email.operations" in names


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(REFERENCE)))
def test_no_handler_tests_switch_names(path: Path) -> None:
    assert violations(path.read_text(encoding="utf-8"), _module_name(path)) == []


@pytest.mark.parametrize(
    "source",
    [
        "from conformance.reference.email.faults import EmailFault as F\nif F.ACCEPT_HTTP_204 in switches: pass\n",
        "from conformance.reference.email.variants import ContentChoice\nok = ContentChoice.NESTED_USER_DATA not in tx.switches\n",
        "def f(config):\n    return 'accept-http-204' in config.switches\n",
        "on = self._switches.__contains__\n",
        "notified = bool(_ERROR_NOTIFIED & switches)\n",
        "from conformance.reference.email.faults import EmailFault as F\nTABLE = {F.SEND_KEEPS_DRAFT: ('Completed', 'Save')}\n",
    ],
)
def test_the_scan_finds_a_test_of_switch_names(source: str) -> None:
    assert violations(source, "conformance.reference.email.operations")


def test_the_behaviour_modules_may_read_the_enums() -> None:
    source = "from conformance.reference.email.faults import EmailFault\nSWITCHES = (EmailFault,)\nfirst = EmailFault.ACCEPT_HTTP_204\n"
    assert violations(source, "conformance.reference.email.behaviour") == []
    assert violations(source, "conformance.reference.email.service") == ["3: names the switch EmailFault.ACCEPT_HTTP_204"]
