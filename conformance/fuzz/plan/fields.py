"""An operation's request parameters, read from our JSON Schemas: path, types, constraints.

The curated cases (boundary values, schema violations) are built from this flat view; the
schema files stay the one source of what each parameter is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conformance import schemas
from conformance.fuzz.plan.operation_needs import FuzzedOperation

Path = tuple[str, ...]

_NO_CONST = object()


@dataclass(frozen=True)
class Field:
    path: Path
    types: tuple[str, ...]  # JSON Schema type names the value may have
    required: bool
    const: Any = _NO_CONST
    min_length: int | None = None
    minimum: float | None = None
    item: Field | None = None  # arrays: what each item is
    values: Field | None = None  # free-form objects (userData): what each value is
    # objects with declared members: alternatives of which exactly one is required (Transfer)
    exclusive: tuple[tuple[str, ...], ...] = ()
    members: tuple[Field, ...] = field(default=())

    @property
    def name(self) -> str:
        return self.path[-1] if self.path else "(body)"

    @property
    def label(self) -> str:
        return ".".join(self.path) or "(body)"

    @property
    def has_const(self) -> bool:
        return self.const is not _NO_CONST


def _resolve(node: dict[str, Any], document: str) -> tuple[dict[str, Any], str]:
    """Follow `$ref`s (within a file or to a sibling *.schema.json file)."""
    while "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        if target:
            document = target.removesuffix(".schema.json")
        resolved: Any = schemas.schema(document)
        for token in pointer.strip("/").split("/") if pointer.strip("/") else ():
            resolved = resolved[token]
        node = {**resolved, **{k: v for k, v in node.items() if k != "$ref"}}
    return node, document


def _types(node: dict[str, Any]) -> tuple[str, ...]:
    declared = node.get("type")
    if isinstance(declared, str):
        return (declared,)
    if isinstance(declared, list):
        return tuple(declared)
    if "const" in node:
        return (_json_type(node["const"]),)
    if "enum" in node:
        return tuple(sorted({_json_type(v) for v in node["enum"]}))
    return ()


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (int, float)):
        return "number"
    if value is None:
        return "null"
    return "array" if isinstance(value, list) else "object"


def _field(node: dict[str, Any], document: str, path: Path, required: bool) -> Field:
    node, document = _resolve(node, document)
    item = values = None
    members: tuple[Field, ...] = ()
    if "items" in node:
        item = _field(node["items"], document, (*path, "[]"), True)
    if isinstance(node.get("additionalProperties"), dict):
        values = _field(node["additionalProperties"], document, (*path, "{}"), True)
    if "properties" in node:
        needed = set(node.get("required", ()))
        members = tuple(_field(child, document, (*path, name), name in needed) for name, child in node["properties"].items())
    exclusive = tuple(tuple(branch.get("required", ())) for branch in node.get("oneOf", ()) if "required" in branch)
    return Field(
        path=path,
        types=_types(node),
        required=required,
        const=node.get("const", _NO_CONST),
        min_length=node.get("minLength"),
        minimum=node.get("minimum"),
        item=item,
        values=values,
        exclusive=exclusive,
        members=members,
    )


def body_field(op: FuzzedOperation) -> Field:
    """The whole body of `op` as a Field tree."""
    if op.collection:
        return _field(schemas.schema(op.schema_name), op.schema_name, (), True)
    definition = schemas.schema(op.schema_name)["$defs"][op.name]
    return _field(definition, op.schema_name, (), True)


def walk(root: Field) -> list[Field]:
    """Every declared member below `root`, depth first (not array items or free-form values)."""
    found: list[Field] = []
    for member in root.members:
        found.append(member)
        found.extend(walk(member))
    return found
