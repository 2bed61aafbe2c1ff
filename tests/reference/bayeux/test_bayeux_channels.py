"""Channel names and wildcard matching, exactly as the Channels and Channel Globbing rules of
https://docs.cometd.org/current/reference/#_bayeux_protocol_elements"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance.reference.bayeux.channels import channel_error, is_meta, is_service, matches

VECTORS = json.loads((Path(__file__).resolve().parents[3] / "fixtures" / "bayeux" / "channel-matching.json").read_text())["vectors"]


@pytest.mark.parametrize(("pattern", "channel", "expected"), [(v["pattern"], v["channel"], v["matches"]) for v in VECTORS])
def test_wildcards_match_as_specified(pattern: str, channel: str, expected: bool) -> None:
    assert matches(pattern, channel) is expected


def test_star_matches_deep_only_under_the_fault() -> None:
    assert matches("/foo/*", "/foo/bar/baz", star_is_deep=True)
    assert not matches("/foo/*", "/foo", star_is_deep=True)


@pytest.mark.parametrize("name", ["/foo", "/foo/bar", "/v2/me/emails", "/a-b_c!~()$@/x.y", "/foo/*", "/foo/**", "/**"])
def test_valid_subscriptions(name: str) -> None:
    assert channel_error(name, wildcard_ok=True) is None


@pytest.mark.parametrize(
    "name",
    ["", "/", "foo", "/foo/", "//foo", "/foo/*/bar", "/**/foo", "/foo/b*r", "/foo/***", "/f\u00e9", "/a\nb", 42, None],
)
def test_invalid_subscriptions(name: object) -> None:
    assert channel_error(name, wildcard_ok=True) is not None


def test_wildcards_are_not_publishable() -> None:
    assert channel_error("/foo/*", wildcard_ok=False) is not None
    assert channel_error("/foo/bar", wildcard_ok=False) is None


def test_kinds() -> None:
    assert is_meta("/meta/connect") and is_meta("/meta/**") and not is_meta("/metadata")
    assert is_service("/service/x") and not is_service("/services/x")
