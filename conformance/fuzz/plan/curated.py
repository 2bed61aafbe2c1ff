"""Cases no random generator is likely to hit in a short budget: boundary values and the
schema violations the catalog says must be refused, one per parameter and kind.

Boundary bodies carry every parameter at once (long, non-ASCII, punctuation, extreme
numbers); when one is refused, the reducer finds which value did it. Violations change one
parameter of an otherwise valid body, so a refusal can only be about that parameter.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from conformance.fuzz.plan.cases import FuzzCase, Stream
from conformance.fuzz.plan.fields import Field, Path, body_field, walk
from conformance.fuzz.plan.operation_needs import FuzzedOperation

# Past the usual column limits (255, 998 of RFC 5322, 1024).
LONG_TEXT = ("long-value-" * 140)[:1500]
UNICODE_TEXT = "Grüße — 日本語 ✓ 👍 \u200fעברית"
SYMBOL_TEXT = "'\"<>&;`$(){}[]|\\%*? ../../ ${x} %s"
UNKNOWN_OPERATION = "FuzzUnknownOperation"


class Theme:
    """How a boundary body fills each kind of parameter."""

    def __init__(self, name: str, text: str, number: float, flag: bool, pairs: dict[str, Any], repeat: int = 1) -> None:
        self.name = name
        self.text = text
        self.number = number
        self.flag = flag
        self.pairs = pairs
        self.repeat = repeat


PLAIN = Theme("plain", "gwsct", 1, True, {"GwsctKey": "value"})
THEMES = (
    Theme("long values", LONG_TEXT, 2**53 + 1, False, {"k" * 200: LONG_TEXT, "GwsctBig": 2**53 + 1}, repeat=20),
    Theme("non-ASCII values", UNICODE_TEXT, 0, True, {"Schlüssel ✓ 日本": UNICODE_TEXT, "GwsctZero": 0}),
    Theme("punctuation and fractions", SYMBOL_TEXT, 1.5, False, {"a.b$c": SYMBOL_TEXT, "with space": -1.5}),
)


def _value(field: Field, theme: Theme, *, complete: bool) -> Any:
    """A valid value of `field` in `theme`; `complete` fills optional members too."""
    if field.has_const:
        return field.const
    if field.members:
        chosen = _members(field, complete=complete)
        return {m.name: _value(m, theme, complete=complete) for m in chosen}
    if field.values is not None:
        return dict(theme.pairs)
    if field.item is not None:
        item = _value(field.item, theme, complete=complete)
        # Distinct items: keys and addresses must not repeat.
        return [item if i == 0 or not isinstance(item, str) else f"{item}-{i}" for i in range(theme.repeat)]
    if "string" in field.types:
        return theme.text
    if "number" in field.types or "integer" in field.types:
        return max(theme.number, field.minimum) if field.minimum is not None else theme.number
    if "boolean" in field.types:
        return theme.flag
    raise ValueError(f"no boundary value for {field.label} of types {field.types}")


def _members(parent: Field, *, complete: bool, including: str | None = None) -> list[Field]:
    """Members to fill: required ones (all of them when `complete`), one branch of an exclusive choice."""
    excluded: set[str] = set()
    for group in parent.exclusive:
        keep = next((g for g in parent.exclusive if including in g), parent.exclusive[0])
        excluded.update(name for name in group if name not in keep)
    return [m for m in parent.members if m.name not in excluded and (complete or m.required or _chosen_alternative(parent, m))]


def _chosen_alternative(parent: Field, member: Field) -> bool:
    return bool(parent.exclusive) and member.name in parent.exclusive[0]


def base_body(op: FuzzedOperation, *, complete: bool = True, including: str | None = None) -> dict[str, Any]:
    """A plain valid body (lookups to be pinned by the executor)."""
    root = body_field(op)
    return {m.name: _value(m, PLAIN, complete=complete) for m in _members(root, complete=complete, including=including)}


def boundary_cases(op: FuzzedOperation) -> list[FuzzCase]:
    root = body_field(op)
    bodies: list[tuple[str, dict[str, Any]]] = [("required parameters only", base_body(op, complete=False)), ("every parameter", base_body(op))]
    for theme in THEMES:
        bodies.append((theme.name, {m.name: _value(m, theme, complete=True) for m in _members(root, complete=True)}))
    cases: list[FuzzCase] = []
    seen: list[dict[str, Any]] = []
    for label, body in bodies:
        if body not in seen:
            seen.append(body)
            cases.append(FuzzCase(op, Stream.VALID, body, f"boundary: {label}"))
    return cases


# Values of the wrong JSON type, by the declared type they replace; "false" comes first for
# booleans because servers that read strings by truthiness take it as true.
_WRONG_TYPED: dict[str, tuple[Any, ...]] = {
    "boolean": ("false", 1, None),
    "string": (42, None, ["gwsct"]),
    "array": ("gwsct@example.test", {"0": "gwsct"}, None),
    "object": ("gwsct", ["gwsct"], None),
    "number": (True, None),
}


def _wrong_values(field: Field) -> tuple[Any, ...]:
    kind = "array" if field.item is not None else "object" if (field.members or field.values) else "number" if "number" in field.types else field.types[0]
    return _WRONG_TYPED[kind]


def _type_name(value: Any) -> str:
    return {bool: "a boolean", int: "a number", str: "a string", list: "an array", dict: "an object", type(None): "null"}[type(value)]


Mutation = tuple[str, Callable[[dict[str, Any]], None]]


def _set(path: Path, value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(body: dict[str, Any]) -> None:
        node = body
        for name in path[:-1]:
            node = node[name]
        node[path[-1]] = copy.deepcopy(value)

    return apply


def _delete(path: Path) -> Callable[[dict[str, Any]], None]:
    def apply(body: dict[str, Any]) -> None:
        node = body
        for name in path[:-1]:
            node = node[name]
        del node[path[-1]]

    return apply


def _mutations(field: Field) -> list[Mutation]:
    path = field.path
    found: list[Mutation] = []
    if field.required:
        found.append(("missing", _delete(path)))
    if field.has_const:
        found.append((f"unknown operationName {UNKNOWN_OPERATION!r}", _set(path, UNKNOWN_OPERATION)))
        if isinstance(field.const, str) and field.const.lower() != field.const:
            found.append((f"operationName in lower case {field.const.lower()!r}", _set(path, field.const.lower())))
        found.append(("a number instead of a string", _set(path, 7)))
        return found
    expected = "/".join(field.types)
    found += [(f"{_type_name(v)} ({v!r}) instead of {expected}", _set(path, v)) for v in _wrong_values(field)]
    if field.item is not None:
        found.append(("an item of the wrong type ([42])", _set(path, [42])))
        if field.item.min_length:
            found.append(('an empty item ([""])', _set(path, [""])))
    if field.values is not None:
        # Each next to a valid pair of its own, new to the email: a target that stores what it
        # can before it refuses shows it in GET.
        found.append(("a pair whose value is an object", _set(path, {"GwsctBeforeObject": "v", "GwsctObject": {"nested": "x"}})))
        found.append(("a pair whose value is a boolean", _set(path, {"GwsctBeforeBoolean": "v", "GwsctBoolean": True})))
    if field.min_length:
        found.append(('an empty string ("")', _set(path, "")))
    if field.minimum is not None:
        found.append((f"below the minimum ({field.minimum - 1:g})", _set(path, field.minimum - 1)))
    return found


def violation_cases(op: FuzzedOperation) -> list[FuzzCase]:
    root = body_field(op)
    cases = [FuzzCase(op, Stream.INVALID, [base_body(op)], "(body): an array holding the body instead of an object")]
    for field in walk(root):
        base = base_body(op, including=field.path[0])
        for description, apply in _mutations(field):
            body = copy.deepcopy(base)
            apply(body)
            cases.append(FuzzCase(op, Stream.INVALID, body, f"{field.label}: {description}", frozen=(field.path,)))
    return cases
