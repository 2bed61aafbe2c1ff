"""Judging the clientIds a Bayeux server issues: unique, not reused, not guessable."""

from __future__ import annotations

import math
import os
import statistics
import string
from collections import Counter

from conformance.errors import CheckFailed

RANDOM_BITS = 128  # "at least 128 truly random bits"

# The smallest usual alphabet that holds every character seen, and its size.
_ALPHABETS: tuple[tuple[frozenset[str], int], ...] = (
    (frozenset(string.digits), 10),
    (frozenset("0123456789abcdef"), 16),
    (frozenset("0123456789ABCDEF"), 16),
    (frozenset(string.digits + string.ascii_lowercase), 36),
    (frozenset(string.digits + string.ascii_uppercase), 36),
    (frozenset(string.digits + string.ascii_letters), 62),
    (frozenset(string.digits + string.ascii_letters + "-_"), 64),
)


def distinct(ids: list[str], what: str) -> None:
    """No clientId appears twice."""
    repeated = sorted(client_id for client_id, count in Counter(ids).items() if count > 1)
    if repeated:
        raise CheckFailed(
            f"{what}: {len(repeated)} clientId(s) issued more than once, among {len(ids)} handshakes",
            expected=f"{len(ids)} different clientIds",
            observed=ids,
        )


def bits_per_character(ids: list[str]) -> float:
    """log2 of the smallest usual alphabet that holds every character of the ids."""
    seen = set("".join(ids))
    size = next((size for alphabet, size in _ALPHABETS if seen <= alphabet), max(95, len(seen)))
    return math.log2(size)


def varying_parts(ids: list[str]) -> list[str]:
    """Each id without the prefix and the suffix that every id shares (a counter's leading
    zeros, a node name): what is left is all that could be random."""
    prefix = len(os.path.commonprefix(ids))
    heads = [client_id[prefix:] for client_id in ids]
    suffix = len(os.path.commonprefix([head[::-1] for head in heads]))
    return [head[: len(head) - suffix] for head in heads]


def unguessable(ids: list[str], what: str) -> None:
    """The part in which the ids differ can, for a typical id (the median), hold RANDOM_BITS.

    A counter or a timestamp leaves a short varying part; so does an id too short for 128 bits.
    The median, not the shortest: a random number written in base 36 is now and then one
    character shorter (CometD's Java server), which says nothing of how it was drawn."""
    parts = varying_parts(ids)
    per_character = bits_per_character(ids)
    typical = statistics.median(len(part) for part in parts)
    capacity = typical * per_character
    if capacity < RANDOM_BITS:
        raise CheckFailed(
            f"{what}: the clientIds differ only in about {typical:g} characters of a {2 ** per_character:.0f}-letter"
            f" alphabet, room for about {capacity:.0f} random bits",
            expected=f"ids whose varying part can hold at least {RANDOM_BITS} random bits (no counter, no timestamp)",
            observed=ids,
        )
