"""Fault switches: each one makes the reference server break exactly one requirement.

A fault names the requirement(s) of the catalog it violates; the self-test runs the suite
with each fault on and expects those requirements to FAIL. Faults are declared next to the
code that implements them (`email/faults.py`, `bayeux/faults.py`, ...) and collected here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from conformance.errors import UsageError

# Modules that declare a FAULTS tuple; a new area of the server adds its module here.
FAULT_MODULES = (
    "conformance.reference.email.faults",
    "conformance.reference.bayeux.faults",
)


@dataclass(frozen=True)
class Fault:
    name: str  # kebab-case switch name, e.g. "accept-http-204"
    breaks: tuple[str, ...]  # requirement IDs this fault must make FAIL
    description: str  # what the server does wrong, in one sentence
    fuzz_only: bool = False  # expected to be found by the fuzz section only


def all_faults() -> dict[str, Fault]:
    faults: dict[str, Fault] = {}
    for module_name in FAULT_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        for fault in module.FAULTS:
            if fault.name in faults:
                raise ValueError(f"duplicate fault name {fault.name!r} in {module_name}")
            faults[fault.name] = fault
    return faults


def check_fault_names(names: list[str] | frozenset[str]) -> frozenset[str]:
    """Validate user-given fault names (CLI, tests); unknown names are a usage error."""
    known = all_faults()
    unknown = sorted(set(names) - known.keys())
    if unknown:
        raise UsageError(f"unknown fault(s): {', '.join(unknown)} (see gws-conformance serve --list-faults)")
    return frozenset(names)
