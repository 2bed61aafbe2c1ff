"""The interop matrix in code: where each third-party Bayeux server departs from what the
BAYEUX-* section judges, and why. The README's "Interop matrix" shows the same table.

Against each server every requirement is PASS, except:
- a documented departure (the verdict it gets, and the Bayeux sentence it departs from);
- NOT-APPLICABLE for a feature the server's profile leaves undeclared, for the reason given.
A new non-PASS verdict, a changed one, or an entry that now passes fails the interop tests.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Departure:
    server: str  # BayeuxPeer.name
    requirement: str
    verdict: str  # what the section makes of it: FAIL, or PASS-NONSTRICT for a SHOULD
    sentence: str  # the Bayeux (or catalog) sentence the server departs from
    behaviour: str  # what the server does instead


DEPARTURES: tuple[Departure, ...] = (
    Departure(
        "cometd",
        "BAYEUX-HANDSHAKE-05",
        "PASS-NONSTRICT",
        "If there are no connectionTypes in common, the handshake response MUST be unsuccessful.",
        "answers successful true and lists its own transports (so does CometD's Java server: the catalog"
        " judges it as a SHOULD)",
    ),
    Departure(
        "cometd",
        "BAYEUX-HANDSHAKE-06",
        "PASS-NONSTRICT",
        "A handshake request MUST contain the message fields: channel, version, supportedConnectionTypes.",
        "accepts a handshake without version (so does CometD's Java server)",
    ),
    # channel names and wildcards (BAYEUX-CHANNEL-*)
    Departure(
        "cometd",
        "BAYEUX-CHANNEL-03",
        "PASS-NONSTRICT",
        "The channel patterns support only trailing wildcards of either * to match a single segment or ** to"
        " match multiple segments.",
        "subscribes to /foo/*/bar and /**/foo as plain channel names (the catalog judges a refusal as a SHOULD)",
    ),
    Departure(
        "cometd",
        "BAYEUX-CHANNEL-04",
        "PASS-NONSTRICT",
        "A set of channels may be specified with a channel globbing pattern.",
        "acknowledges a publish onto /foo/* successful (so does CometD's Java server: the catalog judges it as a"
        " SHOULD)",
    ),
    Departure(
        "cometd",
        "BAYEUX-FIELDS-01",
        "PASS-NONSTRICT",
        "The connectionType message field MUST be included in request messages to the /meta/connect channel.",
        "accepts a connect without connectionType, which it never reads (so does CometD's Java server: the"
        " catalog judges it as a SHOULD)",
    ),
    Departure(
        "faye",
        "BAYEUX-HANDSHAKE-BATCH-01",
        "FAIL",
        "A server MUST ignore any other message sent in the same request as a handshake message.",
        "processes every message of the batch: a disconnect sent behind a handshake ends its session"
        " (CometD's servers refuse the whole request instead)",
    ),
)

# server -> the features its profile leaves undeclared, with why; their requirements are NOT-APPLICABLE.
UNDECLARED: dict[str, dict[str, str]] = {
    "faye": {
        "bayeux-auth": "faye authenticates nobody",
        "bayeux-connect-release": "faye never answers a connect that a newer one replaced (allowed by Bayeux)",
    },
    "cometd": {
        "bayeux-auth": "run without a security policy, it authenticates nobody",
        "websocket": "cometd-nodejs-server speaks long-polling only",
    },
}


def departures_of(server: str) -> dict[str, Departure]:
    return {d.requirement: d for d in DEPARTURES if d.server == server}
