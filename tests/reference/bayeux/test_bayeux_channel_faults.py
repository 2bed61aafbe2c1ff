"""The channel-matching faults break exactly their edge of the Channel Globbing examples, and
the inner-wildcard test tells invalid patterns from trailing ones."""

from __future__ import annotations

import pytest

from conformance.reference.bayeux.channels import has_inner_wildcard, matches


@pytest.mark.parametrize("pattern", ["/foo/*", "/foo/**"])
def test_parent_matches_only_under_its_fault(pattern: str) -> None:
    assert not matches(pattern, "/foo")
    assert matches(pattern, "/foo", parent_too=True)
    assert not matches(pattern, "/foobar", parent_too=True)


@pytest.mark.parametrize("pattern", ["/foo/*", "/foo/**"])
def test_prefix_sibling_matches_only_under_its_fault(pattern: str) -> None:
    assert not matches(pattern, "/foobar")
    assert matches(pattern, "/foobar", loose_prefix=True)
    assert not matches(pattern, "/foo", loose_prefix=True)
    assert matches(pattern, "/foo/bar", loose_prefix=True)


def test_loose_prefix_keeps_star_to_one_segment() -> None:
    assert not matches("/foo/*", "/foobar/boo", loose_prefix=True)
    assert matches("/foo/**", "/foobar/boo", loose_prefix=True)


@pytest.mark.parametrize(("name", "inner"), [("/foo/*/bar", True), ("/**/foo", True), ("/foo/*", False), ("/**", False), ("/foo/bar", False)])
def test_inner_wildcards(name: str, inner: bool) -> None:
    assert has_inner_wildcard(name) is inner
