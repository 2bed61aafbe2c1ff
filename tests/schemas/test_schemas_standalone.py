"""The schemas on their own: plain jsonschema and a referencing registry built from schemas/,
no code of ours, validate the sample notifications and refuse the invalid ones.

This is what a vendor does to validate its own messages (README: "Using the schemas on their own").
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
FIXTURES = ROOT / "fixtures" / "notifications"
BASE = "https://gws-conformance.example/schemas/"
SCHEMA_OF_MESSAGE_TYPE = {
    "EmailStateChangeMessage": "email-state-change-message.schema.json",
    "ChannelStateChangeMessageV2": "channel-state-change-message.schema.json",
}
INVALID_NOTES: dict[str, dict[str, str]] = yaml.safe_load((FIXTURES / "invalid" / "notes.yaml").read_text(encoding="utf-8"))


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def registry() -> Registry:
    resources = [Resource.from_contents(_load(path)) for path in SCHEMAS.glob("*.schema.json")]
    return Registry().with_resources((resource.id(), resource) for resource in resources)


def _validator(registry: Registry, file_name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({"$ref": BASE + file_name}, registry=registry)


def test_every_schema_has_its_id_under_one_base() -> None:
    for path in SCHEMAS.glob("*.schema.json"):
        assert _load(path).get("$id") == BASE + path.name, path.name


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.name)
def test_valid_sample(registry: Registry, path: Path) -> None:
    sample = _load(path)
    if path.name.endswith(".bayeux.json"):
        _validator(registry, "bayeux-delivery.schema.json").validate(sample)
        sample = sample["data"]
    _validator(registry, SCHEMA_OF_MESSAGE_TYPE[sample["messageType"]]).validate(sample)


@pytest.mark.parametrize("name", sorted(INVALID_NOTES))
def test_invalid_sample_fails(registry: Registry, name: str) -> None:
    note = INVALID_NOTES[name]
    sample = _load(FIXTURES / "invalid" / name)
    errors = list(_validator(registry, f"{note['schema']}.schema.json").iter_errors(sample))
    assert errors, f"{name} passed {note['schema']}"
    path = "/".join(str(p) for p in errors[0].absolute_path) or "(root)"
    assert f"{path}: {errors[0].message}".startswith(note["error"])


def test_cross_file_references_resolve_through_the_ids(registry: Registry) -> None:
    """A GET answer refers to email.schema.json by its relative name, resolved against the answer's $id."""
    answer = {"statusCode": 0, "email": {"id": "01QG9WAK37H38024", "state": "Processing", "capabilities": "Complete"}}
    errors = list(_validator(registry, "get-email-response.schema.json").iter_errors(answer))
    assert errors, "a bad email inside a GET answer passed: the email schema was not reached"
