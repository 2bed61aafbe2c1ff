"""Target profiles: which server to test, as whom, how to give it emails, what it declares.

A profile is a TOML file (examples in fixtures/profiles/). Secrets may come from the
environment (`password_env`); they are registered for redaction and never written out.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from conformance.errors import UsageError
from conformance.evidence.redact import register_secrets

KINDS = ("gws", "bayeux-only")
INJECTORS = ("http", "smtp", "command", "manual")
# Optional features a target may declare; a requirement with `applies_to: X` needs X.
FEATURES = (
    "websocket",
    "transfer",
    "reply",
    "create",
    "attachments",
    "user-data",
    "disposition",
    "save-send",
    "cancel",
    "referenceid-in-response",
    "bayeux-expiry",
    "bayeux-auth",  # CometD sessions bound to the agents' credentials (GWS); faye has none
    "bayeux-connect-release",  # a newer /meta/connect releases the held one (CometD; not faye)
)


@dataclass(frozen=True)
class ProfileAgent:
    username: str
    password: str = field(repr=False)
    address: str | None = None  # inbound emails to this address are routed to this agent
    user_uri: str | None = None  # for Transfer by userUri

    @property
    def label(self) -> str:
        return self.username


@dataclass(frozen=True)
class Injector:
    kind: str
    url: str | None = None  # http
    host: str | None = None  # smtp
    port: int | None = None  # smtp
    mail_from: str = "customer@example.test"
    command: str | None = None  # command: gets the email as JSON on stdin


@dataclass(frozen=True)
class Timeouts:
    http: float = 10.0  # one REST request
    notification: float = 5.0  # from an operation to its notification
    invitation: float = 15.0  # from injecting an email to the agent's invitation
    negative_window: float = 1.0  # cap of a "nothing happens" wait
    negative_floor: float = 0.1  # floor of a "nothing happens" wait
    check: float = 60.0  # last-resort bound of a whole check
    bayeux_hold: float = 35.0  # longest advertised /meta/connect hold the suite waits out once
    bayeux_expiry: float = 15.0  # by then the target has forgotten a session without connects


@dataclass(frozen=True)
class TargetProfile:
    name: str
    base_url: str
    cometd_url: str
    kind: str
    agents: tuple[ProfileAgent, ...]
    injector: Injector
    features: frozenset[str]
    timeouts: Timeouts
    source: str = "(built in)"

    def declares(self, feature: str) -> bool:
        return feature in self.features

    def public_view(self) -> dict[str, Any]:
        """What reports may show: no passwords, no credentials in URLs."""
        return {
            "name": self.name,
            "base_url": _strip_userinfo(self.base_url),
            "cometd_url": _strip_userinfo(self.cometd_url),
            "kind": self.kind,
            "agents": [a.username for a in self.agents],
            "injector": self.injector.kind,
            "features": sorted(self.features),
            "timeouts": self.timeouts.__dict__,
            "source": self.source,
        }


def _strip_userinfo(url: str) -> str:
    parsed = urlparse(url)
    if parsed.username or parsed.password:
        return parsed._replace(netloc=parsed.hostname + (f":{parsed.port}" if parsed.port else "")).geturl()
    return url


def _fail(origin: str, message: str) -> UsageError:
    return UsageError(f"profile {origin}: {message}")


def _url(origin: str, raw: dict, key: str) -> str:
    value = raw.get(key)
    parsed = urlparse(value) if isinstance(value, str) else None
    if not parsed or parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise _fail(origin, f"{key} must be an http(s) URL, got {value!r}")
    return value.rstrip("/")


def _agent(origin: str, index: int, raw: Any) -> ProfileAgent:
    if not isinstance(raw, dict) or not isinstance(raw.get("username"), str):
        raise _fail(origin, f"agents[{index}] needs a username")
    if "password_env" in raw:
        name = raw["password_env"]
        password = os.environ.get(name) if isinstance(name, str) else None
        if password is None:
            raise _fail(origin, f"agents[{index}]: environment variable {name!r} is not set")
    elif isinstance(raw.get("password"), str):
        password = raw["password"]
    else:
        raise _fail(origin, f"agents[{index}] needs password or password_env")
    for key in ("address", "user_uri"):
        if key in raw and not isinstance(raw[key], str):
            raise _fail(origin, f"agents[{index}].{key} must be a string")
    return ProfileAgent(raw["username"], password, raw.get("address"), raw.get("user_uri"))


def _injector(origin: str, raw: Any) -> Injector:
    if not isinstance(raw, dict) or raw.get("kind") not in INJECTORS:
        raise _fail(origin, f"[injector] kind must be one of {', '.join(INJECTORS)}")
    kind = raw["kind"]
    if kind == "http":
        return Injector(kind, url=_url(origin, raw, "url"))
    if kind == "smtp":
        if not isinstance(raw.get("host"), str) or not isinstance(raw.get("port"), int):
            raise _fail(origin, "[injector] smtp needs host (string) and port (integer)")
        return Injector(kind, host=raw["host"], port=raw["port"], mail_from=raw.get("mail_from", Injector.mail_from))
    if kind == "command":
        if not isinstance(raw.get("command"), str) or not raw["command"].strip():
            raise _fail(origin, "[injector] command needs a command string")
        return Injector(kind, command=raw["command"])
    return Injector(kind)


def _timeouts(origin: str, raw: Any) -> Timeouts:
    if raw is None:
        return Timeouts()
    if not isinstance(raw, dict):
        raise _fail(origin, "[timeouts] must be a table")
    known = Timeouts.__dataclass_fields__
    unknown = set(raw) - set(known)
    if unknown:
        raise _fail(origin, f"[timeouts] unknown key(s) {sorted(unknown)}")
    for key, value in raw.items():
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
            raise _fail(origin, f"[timeouts] {key} must be a positive number of seconds")
    return Timeouts(**{k: float(v) for k, v in raw.items()})


def parse_profile(raw: dict[str, Any], origin: str) -> TargetProfile:
    target = raw.get("target")
    if not isinstance(target, dict):
        raise _fail(origin, "needs a [target] table")
    kind = target.get("kind", "gws")
    if kind not in KINDS:
        raise _fail(origin, f"target.kind must be one of {', '.join(KINDS)}")
    base_url = _url(origin, target, "base_url")
    cometd_url = _url(origin, target, "cometd_url") if "cometd_url" in target else f"{base_url}/api/v2/notifications"
    agents_raw = raw.get("agents")
    if not isinstance(agents_raw, list) or len(agents_raw) < 2:
        raise _fail(origin, "needs at least two [[agents]] (multi-agent checks need a second agent)")
    agents = tuple(_agent(origin, i, a) for i, a in enumerate(agents_raw))
    if len({a.username for a in agents}) != len(agents):
        raise _fail(origin, "agent usernames must be unique")
    features_raw = raw.get("features", {})
    if not isinstance(features_raw, dict) or not all(isinstance(v, bool) for v in features_raw.values()):
        raise _fail(origin, "[features] must map feature names to true/false")
    unknown = set(features_raw) - set(FEATURES)
    if unknown:
        raise _fail(origin, f"[features] unknown feature(s) {sorted(unknown)}; known: {', '.join(FEATURES)}")
    injector = _injector(origin, raw.get("injector", {"kind": "manual"} if kind == "bayeux-only" else None))
    register_secrets(a.password for a in agents)
    return TargetProfile(
        name=str(target.get("name", base_url)),
        base_url=base_url,
        cometd_url=cometd_url,
        kind=kind,
        agents=agents,
        injector=injector,
        features=frozenset(k for k, v in features_raw.items() if v),
        timeouts=_timeouts(origin, raw.get("timeouts")),
        source=origin,
    )


def load_profile(path: str | Path) -> TargetProfile:
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"profile {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"profile {path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"profile {path}: invalid TOML: {exc}") from None
    return parse_profile(raw, str(path))
