import json
from pathlib import Path

import pytest

from conformance.clients.bayeux.channels import channel_matches, is_meta, is_service, is_valid_channel, is_wildcard

VECTORS = json.loads((Path(__file__).resolve().parents[2] / "fixtures" / "bayeux" / "channel-matching.json").read_text())["vectors"]


@pytest.mark.parametrize(("pattern", "channel", "expected"), [(v["pattern"], v["channel"], v["matches"]) for v in VECTORS])
def test_wildcards_match_the_shared_vectors(pattern: str, channel: str, expected: bool) -> None:
    assert channel_matches(pattern, channel) is expected


@pytest.mark.parametrize(
    ("pattern", "channel"),
    [("/foo/*/bar", "/foo/x/bar"), ("/**/foo", "/a/foo"), ("/foo/*", "/foo/*"), ("/foo/bar", "foo/bar")],
)
def test_invalid_patterns_and_names_never_match(pattern: str, channel: str) -> None:
    assert channel_matches(pattern, channel) is False


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("/v2/me/emails", True),
        ("/a-b_c!d~e(f)g$h@i", True),
        ("/", False),
        ("", False),
        ("v2/me", False),
        ("/foo//bar", False),
        ("/foo/", False),
        ("/foo bar", False),
        ("/foo.bar", False),
        ("/été", False),
        ("/foo/*", False),
    ],
)
def test_channel_name_validity(name: str, valid: bool) -> None:
    assert is_valid_channel(name) is valid


def test_wildcards_are_valid_only_as_the_whole_last_segment() -> None:
    assert is_valid_channel("/foo/*", allow_wildcard=True)
    assert is_valid_channel("/**", allow_wildcard=True)
    assert not is_valid_channel("/foo/*/bar", allow_wildcard=True)
    assert not is_valid_channel("/**/foo", allow_wildcard=True)
    assert not is_valid_channel("/foo/b*", allow_wildcard=True)
    assert is_wildcard("/foo/**") and not is_wildcard("/foo/bar")


def test_lenient_names_accept_cometd_extra_characters() -> None:
    assert not is_valid_channel("/foo.bar/x y")
    assert is_valid_channel("/foo.bar/x y", lenient=True)
    assert channel_matches("/foo.bar/*", "/foo.bar/x")


def test_kinds_of_channels() -> None:
    assert is_meta("/meta/connect") and not is_meta("/metax") and not is_meta(None)
    assert is_service("/service/echo") and not is_service("/v2/me/emails")
