"""The OpenAPI document as schemathesis sees it, cut into one operation per operationName.

POST /api/v2/me/emails/{id} takes a `oneOf` of fifteen bodies; generating from it directly
spends most examples on whichever branch schemathesis favours. The fuzzer loads a variant
of the same document with one path per operationName whose body is that branch's `$ref`
(taken from the discriminator mapping, so nothing is restated), and the same base location,
so the `*.schema.json` references resolve as in the original.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import schemathesis
from schemathesis.schemas import APIOperation, BaseSchema

from conformance import yaml_safe
from conformance.fuzz.plan.operation_needs import EMAIL_PATH, EMAILS_PATH, OPERATIONS, FuzzedOperation
from conformance.schemas import schema_dir

OPENAPI_FILE = "gws-email-api.openapi.yaml"


def openapi_path() -> Path:
    return schema_dir() / OPENAPI_FILE


@functools.cache
def document() -> dict[str, Any]:
    """The OpenAPI document as written."""
    loaded: dict[str, Any] = yaml_safe.safe_load(openapi_path().read_text(encoding="utf-8"))  # our own document, a mapping
    return loaded


def variant_path(op: FuzzedOperation) -> str:
    return f"/fuzz/{op.name}" + ("" if op.collection else "/{id}")


def _body_ref(op: FuzzedOperation) -> dict[str, Any]:
    if op.collection:
        schema: dict[str, Any] = document()["paths"][EMAILS_PATH]["post"]["requestBody"]["content"]["application/json"]["schema"]
        return schema
    mapping = document()["paths"][EMAIL_PATH]["post"]["requestBody"]["content"]["application/json"]["schema"]["discriminator"]["mapping"]
    return {"$ref": mapping[op.name]}


def _variant_document() -> dict[str, Any]:
    original = document()
    variant = {key: value for key, value in original.items() if key != "paths"}
    variant["paths"] = {}
    for op in OPERATIONS:
        item = original["paths"][op.path]
        post = copy.deepcopy(item["post"])
        post["operationId"] = f"fuzz{op.name}"
        post["requestBody"]["content"]["application/json"]["schema"] = _body_ref(op)
        post.pop("links", None)
        variant["paths"][variant_path(op)] = {**({"parameters": item["parameters"]} if "parameters" in item else {}), "post": post}
    variant["paths"]["/fuzz/ids/{id}"] = {"get": copy.deepcopy(original["paths"][EMAIL_PATH]["get"]), "parameters": original["paths"][EMAIL_PATH]["parameters"]}
    return variant


@functools.cache
def fuzz_schema() -> BaseSchema:
    # An explicit default Config: a schemathesis.toml in the user's directory must not change
    # what the suite generates.
    loaded = schemathesis.openapi.from_dict(_variant_document(), config=schemathesis.Config())
    loaded.location = openapi_path().absolute().as_uri()
    return loaded


def api_operation(op: FuzzedOperation) -> APIOperation[Any, Any, Any, Any]:
    return fuzz_schema()[variant_path(op)]["POST"]


def id_operation() -> APIOperation[Any, Any, Any, Any]:
    """GET of one email, whose path parameter feeds the fuzzed ids."""
    return fuzz_schema()["/fuzz/ids/{id}"]["GET"]


def links() -> dict[str, dict[str, Any]]:
    """The document's named links (components.links)."""
    named: dict[str, dict[str, Any]] = document()["components"]["links"]
    return named
