"""The names a suite run goes by inside pytest: light, so that the inert entry point can read them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

PLUGIN_NAME = "gws-suite"  # the SuitePlugin's registration, also how the fixtures find it
WORKERINPUT_KEY = "gws_suite"  # how an xdist controller hands its run to the workers
DEFAULT_CONCURRENCY = 8  # checks in flight at once on an agent pair: sized for a real target, whose waits dominate


def check_id(item: pytest.Item) -> str:
    """The check's node id, the same in serial and parallel runs (xdist's loadgroup appends
    "@<group>" to grouped items' node ids)."""
    return without_group(item.nodeid)


def without_group(nodeid: str) -> str:
    head, at, group = nodeid.rpartition("@")
    return head if at and "]" not in group and "::" not in group else nodeid
