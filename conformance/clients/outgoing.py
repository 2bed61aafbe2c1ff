"""Validation of what WE send against our own schemas (a failure is a harness error).

The schema files are optional at runtime: a schema that does not exist yet is skipped, so
the clients work in a checkout whose `schemas/` is incomplete.
"""

from __future__ import annotations

from conformance.schemas import check_outgoing, schema_dir


def schema_exists(name: str) -> bool:
    return (schema_dir() / f"{name}.schema.json").exists()


def validate_outgoing(name: str, body: object) -> None:
    """Raise HarnessError when `body` breaks schema `name`; do nothing if that schema is absent."""
    if schema_exists(name):
        check_outgoing(name, body)
