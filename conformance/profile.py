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
from urllib.parse import unquote, urlsplit, urlunsplit

from conformance.deployment import Deployment
from conformance.errors import UsageError
from conformance.evidence.redact import redact_text, register_secrets
from conformance.profile_schema import check_profile

KINDS = ("gws", "bayeux-only")
INJECTORS = ("http", "smtp", "command", "manual")
# How the deployment picks the agent for an inbound email: by its To address (the default), or
# any Ready agent of the group the mailbox routes to (the suite then keeps one agent Ready per wait).
ROUTING_ADDRESSED = "addressed"
ROUTING_ANY_READY = "any-ready"
ROUTING_MODES = (ROUTING_ADDRESSED, ROUTING_ANY_READY)
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
    user_uri: str | None = None  # for Transfer by userUri (without it, those checks are NOT-APPLICABLE)

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
    auth: tuple[str, str] | None = field(default=None, repr=False)  # http: the url's user:password, sent as Basic


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
class IntakeSettings:
    # How many invitations to inject ahead per agent (conformance/target/invitation_pool.py):
    # None decides by the first invitations' latency, 0 never.
    pipeline: int | None = None


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
    deployment: Deployment = field(default_factory=Deployment)  # queues and documents it holds
    routing: str = ROUTING_ADDRESSED  # one of ROUTING_MODES ([routing].mode)
    intake: IntakeSettings = field(default_factory=IntakeSettings)  # [intake]
    # passwords of the userinfo in base_url, cometd_url and user_uri: never sent (agents
    # authenticate with their own credentials), always redacted.
    url_secrets: tuple[str, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        # Every way a profile is made (a file, the embedded server, an xdist worker's copy)
        # registers its secrets in the process that holds it.
        register_secrets(self.secrets())

    def secrets(self) -> tuple[str, ...]:
        """Every secret the profile holds, for redaction."""
        injector = (self.injector.auth[1],) if self.injector.auth else ()
        return (*(a.password for a in self.agents), *injector, *self.url_secrets)

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
            "queues": {"parking": self.deployment.parking_queue, "outbound": self.deployment.outbound_queue},
            "document_ids": list(self.deployment.document_ids),
            "routing": self.routing,
            "source": self.source,
        }


def _strip_userinfo(url: str) -> str:
    """`url` without user:password@ (requests, request bodies and reports are built from it)."""
    parsed = urlsplit(url)
    if "@" not in parsed.netloc:
        return url
    return urlunsplit(parsed._replace(netloc=parsed.netloc.rpartition("@")[2]))


def _userinfo(url: str) -> tuple[str, str] | None:
    parsed = urlsplit(url)
    if "@" not in parsed.netloc:
        return None
    return unquote(parsed.username or ""), unquote(parsed.password or "")


def _fail(origin: str, message: str) -> UsageError:
    # A message may quote a value of the profile: never let it carry a secret.
    return UsageError(redact_text(f"profile {origin}: {message}"))


def _agent(raw: dict[str, Any], index: int, origin: str) -> ProfileAgent:
    if "password_env" in raw:
        password = os.environ.get(raw["password_env"])
        if password is None:
            raise _fail(origin, f"agents[{index}].password_env: environment variable {raw['password_env']} is not set")
    else:
        password = raw["password"]
    user_uri = raw.get("user_uri")
    return ProfileAgent(raw["username"], password, raw.get("address"), _strip_userinfo(user_uri) if user_uri else None)


def _injector(raw: dict[str, Any]) -> Injector:
    kind = raw["kind"]
    if kind == "http":
        return Injector(kind, url=_strip_userinfo(raw["url"]).rstrip("/"), auth=_userinfo(raw["url"]))
    if kind == "smtp":
        return Injector(kind, host=raw["host"], port=raw["port"], mail_from=raw.get("mail_from", Injector.mail_from))
    if kind == "command":
        return Injector(kind, command=raw["command"])
    return Injector(kind)


def _deployment(raw: dict[str, Any]) -> Deployment:
    # A [queues] table lists the queues the deployment has: a key it leaves out names none.
    defaults = Deployment()
    queues = raw.get("queues")
    attachments = raw.get("attachments")
    return Deployment(
        parking_queue=defaults.parking_queue if queues is None else queues.get("parking"),
        outbound_queue=defaults.outbound_queue if queues is None else queues.get("outbound"),
        document_ids=defaults.document_ids if attachments is None else tuple(attachments.get("document_ids", ())),
    )


def parse_profile(raw: dict[str, Any], origin: str) -> TargetProfile:
    check_profile(raw, origin)
    target = raw["target"]
    kind = target.get("kind", "gws")
    base_url = _strip_userinfo(target["base_url"]).rstrip("/")
    cometd_url = _strip_userinfo(target["cometd_url"]).rstrip("/") if "cometd_url" in target else f"{base_url}/api/v2/notifications"
    agents = tuple(_agent(a, i, origin) for i, a in enumerate(raw["agents"]))
    if len({a.username for a in agents}) != len(agents):
        raise _fail(origin, "agents: usernames must be unique")
    injector = _injector(raw.get("injector", {"kind": "manual"}))
    url_secrets = tuple(
        userinfo[1] for url in (target["base_url"], target.get("cometd_url", ""), *(a.get("user_uri", "") for a in raw["agents"]))
        if (userinfo := _userinfo(url)) and userinfo[1]
    )
    return TargetProfile(
        name=target.get("name", base_url),
        base_url=base_url,
        cometd_url=cometd_url,
        kind=kind,
        agents=agents,
        injector=injector,
        features=frozenset(k for k, v in raw.get("features", {}).items() if v),
        timeouts=Timeouts(**{k: float(v) for k, v in raw.get("timeouts", {}).items()}),
        source=origin,
        deployment=_deployment(raw),
        routing=raw.get("routing", {}).get("mode", ROUTING_ADDRESSED),
        intake=IntakeSettings(**raw.get("intake", {})),
        url_secrets=url_secrets,
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
