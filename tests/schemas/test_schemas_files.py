"""Every schema file is a valid draft 2020-12 schema, and every $ref in the schemas and the
OpenAPI document points at something that exists."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
import yaml

from conformance import schemas

SCHEMA_DIR = schemas.schema_dir()
SCHEMA_FILES = sorted(SCHEMA_DIR.glob("*.schema.json"))
OPENAPI = SCHEMA_DIR / "gws-email-api.openapi.yaml"
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"

# File names other modules load by name: renaming one breaks them.
CONTRACT_NAMES = {
    "email", "email-state-change-message", "channel-state-change-message",
    "bayeux-message", "bayeux-delivery",
    *(f"bayeux-{meta}-{direction}" for meta in ("handshake", "connect", "subscribe", "unsubscribe", "disconnect")
      for direction in ("request", "reply")),
    "response-envelope", "get-email-response", "get-emails-response", "get-me-response",
    "email-operation-request", "email-create-request", "me-operation-request", "channel-operation-request",
}


def _load(path: Path) -> object:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text) if path.suffix == ".yaml" else json.loads(text)


def _refs(node: object, where: str = "") -> Iterator[tuple[str, str]]:
    """(location, $ref value) of every $ref below node."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield where, value
            else:
                yield from _refs(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _refs(value, f"{where}/{index}")


def _resolve(document_path: Path, ref: str) -> object:
    """The node a relative-file-plus-JSON-pointer reference names, or KeyError/IndexError."""
    file_part, _, pointer = ref.partition("#")
    node = _load(SCHEMA_DIR / file_part) if file_part else _load(document_path)
    for token in filter(None, pointer.split("/")):
        token = unquote(token).replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def test_every_contract_name_exists() -> None:
    present = {path.name.removesuffix(".schema.json") for path in SCHEMA_FILES}
    assert CONTRACT_NAMES <= present, f"missing: {sorted(CONTRACT_NAMES - present)}"


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    contents = json.loads(path.read_text(encoding="utf-8"))
    assert contents.get("$schema") == DRAFT_2020_12
    assert contents.get("title"), "every schema names what it validates"
    jsonschema.Draft202012Validator.check_schema(contents)


@pytest.mark.parametrize("path", [*SCHEMA_FILES, OPENAPI], ids=lambda p: p.name)
def test_every_ref_resolves(path: Path) -> None:
    unresolved = []
    for where, ref in _refs(_load(path)):
        try:
            _resolve(path, ref)
        except (KeyError, IndexError, FileNotFoundError) as exc:
            unresolved.append(f"{where}: {ref} ({exc!r})")
    assert not unresolved

