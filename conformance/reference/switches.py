"""Behaviour switches of the reference server: faults and allowed variations, one mechanism.

Each switch is one member of an enum (`FaultSwitch`, `VariantSwitch`) declared next to the code
it changes: the member *is* its kebab-case name (a `str`, the CLI and self-test interface) and
carries its record (`Fault` or `Variant`: requirements, description, and `sets`, the fields of
its component's behaviour object it changes). A component builds its behaviour object once from
the active switches (`ServerConfig.switches`) and its handlers read fields of it.

- A **fault** breaks the requirements it names: the self-test's kill matrix expects each of
  them to FAIL (PASS-NONSTRICT for a SHOULD) with the fault on.
- A **variant** is a choice the docs (or a catalog position) allow a conformant server to
  make differently from the reference server's default: the self-test's tolerance matrix
  expects no verdict to get worse with it on, alone or with every compatible variant.

Switches are declared next to the code that implements them (`email/faults.py`,
`email/variants.py`, `bayeux/faults.py`, `bayeux/variants.py`) and collected here.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import ModuleType
from typing import Any, Self, TypeVar

from conformance.errors import UsageError

# Modules that declare a FAULTS or VARIANTS tuple; a new area of the server adds its modules here.
SWITCH_MODULES = (
    "conformance.reference.email.faults",
    "conformance.reference.email.variants",
    "conformance.reference.bayeux.faults",
    "conformance.reference.bayeux.variants",
)


@dataclass(frozen=True)
class Fault:
    name: str  # kebab-case switch name, e.g. "accept-http-204"
    breaks: tuple[str, ...]  # requirement IDs this fault must make FAIL
    description: str  # what the server does wrong, in one sentence
    fuzz_only: bool = False  # expected to be found by the fuzz section only
    # The fields of its component's behaviour object it sets, and to what.
    sets: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Variant:
    name: str  # kebab-case switch name, e.g. "empty-200"
    allowed_by: tuple[str, ...]  # requirement IDs whose sentence, position or variations allow it
    description: str  # what the server does differently, in one sentence
    excludes: tuple[str, ...] = ()  # variants it cannot be combined with (either side may say so)
    # SHOULD requirements this departure may leave PASS-NONSTRICT (a documented departure from
    # a recommendation); never a MUST.
    nonstrict: tuple[str, ...] = ()
    # Profile features a target making this choice does not declare: the embedded profile
    # leaves them out, and the requirements that apply to them may go NOT-APPLICABLE.
    withdraws: tuple[str, ...] = ()
    sets: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)  # as Fault.sets


class _SwitchMember(StrEnum):
    """A member is its kebab-case name and carries its record."""

    record: Fault | Variant

    def __new__(cls, record: Fault | Variant) -> Self:
        member = str.__new__(cls, record.name)
        member._value_ = record.name
        member.record = record
        return member


class FaultSwitch(_SwitchMember):
    """Base of a component's fault enum: each member carries its `Fault`."""

    record: Fault


class VariantSwitch(_SwitchMember):
    """Base of a component's variant enum (one per block of concern): each member carries its `Variant`."""

    record: Variant


def records(switches: Iterable[FaultSwitch] | Iterable[VariantSwitch]) -> tuple[Any, ...]:
    """The records of an enum's members, in declaration order (a module's FAULTS / VARIANTS)."""
    return tuple(member.record for member in switches)


def settings(active: Iterable[str], *enums: type[FaultSwitch] | type[VariantSwitch]) -> dict[str, Any]:
    """The behaviour fields the active switches among `enums` set. Sets of names add up (each
    switch adds its own, e.g. the operations answered 202); two switches setting any other field
    to different values is a programming error (they would silently depend on order)."""
    chosen: dict[str, Any] = {}
    names = set(active)
    for enum in enums:
        for member in enum:
            if member.value not in names:
                continue
            for name, value in member.record.sets.items():
                if isinstance(value, frozenset) and isinstance(chosen.get(name), frozenset):
                    value = chosen[name] | value
                elif name in chosen and chosen[name] != value:
                    raise ValueError(f"{member.value} sets {name} to {value!r}, another switch to {chosen[name]!r}")
                chosen[name] = value
    return chosen


_Switch = TypeVar("_Switch", Fault, Variant)


def _modules() -> list[ModuleType]:
    modules = []
    for module_name in SWITCH_MODULES:
        try:
            modules.append(importlib.import_module(module_name))
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
    return modules


def all_faults() -> dict[str, Fault]:
    return _collect("FAULTS", Fault)


def all_variants() -> dict[str, Variant]:
    return _collect("VARIANTS", Variant)


def _collect(attribute: str, kind: type[_Switch]) -> dict[str, _Switch]:
    """The switches the modules list under `attribute`, all of `kind` (named for the type checker)."""
    by_name: dict[str, _Switch] = {}
    for module in _modules():
        for switch in getattr(module, attribute, ()):
            if switch.name in by_name:
                raise ValueError(f"duplicate switch name {switch.name!r} in {module.__name__}")
            by_name[switch.name] = switch
    return by_name


def check_fault_names(names: list[str] | frozenset[str]) -> frozenset[str]:
    """Validate user-given fault names (CLI, tests); unknown names are a usage error."""
    known = all_faults()
    unknown = sorted(set(names) - known.keys())
    if unknown:
        raise UsageError(f"unknown fault(s): {', '.join(unknown)} (see gws-conformance serve --list-faults)")
    return frozenset(names)


def check_variant_names(names: list[str] | frozenset[str]) -> frozenset[str]:
    """Validate user-given variant names: unknown names, or two that exclude each other, are a usage error."""
    known = all_variants()
    unknown = sorted(set(names) - known.keys())
    if unknown:
        raise UsageError(f"unknown variant(s): {', '.join(unknown)} (see gws-conformance serve --list-variants)")
    chosen = sorted(set(names))
    for index, first in enumerate(chosen):
        for second in chosen[index + 1 :]:
            if excludes(known[first], known[second]):
                raise UsageError(f"variants {first} and {second} exclude each other")
    return frozenset(names)


def excludes(first: Variant, second: Variant) -> bool:
    return second.name in first.excludes or first.name in second.excludes


def compatible_variants() -> list[frozenset[str]]:
    """Groups of variants that can all be on together, such that every two variants that do not
    exclude each other are together in at least one group (and every variant is in one). Each
    group starts from the first pair not yet together, in name order, and every variant
    compatible with all its members joins it."""
    known = sorted(all_variants().values(), key=lambda v: v.name)
    apart = {(a.name, b.name) for i, a in enumerate(known) for b in known[i + 1 :] if not excludes(a, b)}
    groups: list[list[Variant]] = []
    while apart:
        first, second = min(apart)
        group = [v for v in known if v.name in (first, second)]
        for other in known:
            if other not in group and not any(excludes(other, member) for member in group):
                group.append(other)
        names = {v.name for v in group}
        apart = {pair for pair in apart if not set(pair) <= names}
        groups.append(group)
    grouped = {v.name for group in groups for v in group}
    groups += [[v] for v in known if v.name not in grouped]  # excludes every other variant
    return [frozenset(v.name for v in group) for group in groups]


def withdrawn_features(variants: frozenset[str]) -> frozenset[str]:
    """The profile features the given variants withdraw."""
    known = all_variants()
    return frozenset(feature for name in variants if name in known for feature in known[name].withdraws)
