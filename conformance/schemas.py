"""Our JSON Schemas (schemas/*.schema.json): load them, validate what we receive and send.

Received data failing a schema is the target's fault (a check FAILs); a request of ours
failing a schema is our harness's fault (HarnessError -> verdict ERROR).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource

from conformance.errors import HarnessError

_PACKAGED = Path(__file__).parent / "_data"  # the wheel copies schemas/ and fixtures/ here
_SOURCE_TREE = Path(__file__).parent.parent


def _data_dir(name: str) -> Path:
    # The wheel's copy first: next to an installed package, ../schemas is someone else's folder.
    packaged = _PACKAGED / name
    return packaged if packaged.is_dir() else _SOURCE_TREE / name


def schema_dir() -> Path:
    """schemas/ inside the installed wheel, or in a source checkout (editable install)."""
    return _data_dir("schemas")


def fixture_dir() -> Path:
    """fixtures/ (sample emails, notifications, profiles) inside the installed wheel or the checkout."""
    return _data_dir("fixtures")


@functools.lru_cache(maxsize=1)
def _registry() -> Registry:
    resources = []
    for path in sorted(schema_dir().glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(contents)
        resources.append((path.name, resource))
        if "$id" in contents:
            resources.append((contents["$id"], resource))
    return Registry().with_resources(resources)


@functools.lru_cache(maxsize=None)
def schema(name: str) -> dict[str, Any]:
    """The schema schemas/<name>.schema.json."""
    path = schema_dir() / f"{name}.schema.json"
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))  # our own schemas: objects
    return loaded


@functools.lru_cache(maxsize=None)
def _validator(name: str) -> jsonschema.protocols.Validator:
    contents = schema(name)
    cls = jsonschema.validators.validator_for(contents)
    return cls(contents, registry=_registry(), format_checker=cls.FORMAT_CHECKER)


# instance: any decoded JSON value.
def validation_errors(name: str, instance: Any) -> list[jsonschema.ValidationError]:
    """Every violation of schema `name`, as jsonschema errors ordered by their place in `instance`."""
    return sorted(_validator(name).iter_errors(instance), key=lambda e: list(e.absolute_path))


def errors(name: str, instance: Any) -> list[str]:
    """Every violation of schema `name`, as 'path: message' lines (empty when valid)."""
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}" for e in validation_errors(name, instance)]


def check_outgoing(name: str, instance: Any) -> None:
    """Raise HarnessError when a request we are about to send breaks our own schema."""
    problems = errors(name, instance)
    if problems:
        raise HarnessError(f"harness built a request that violates {name}: {'; '.join(problems[:3])}")
