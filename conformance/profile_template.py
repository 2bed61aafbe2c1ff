"""A commented target profile (TOML) from a few answers: what `gws-conformance init` writes."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from conformance.profile import FEATURES, ROUTING_ADDRESSED, Timeouts

# What declaring each feature means, and whether a stock GWS deployment has it.
FEATURE_NOTES: dict[str, tuple[bool, str]] = {
    "websocket": (False, "CometD accepts the websocket transport"),
    "transfer": (True, "Transfer to a queue or an agent"),
    "reply": (True, "Reply and ReplyAll create outbound drafts"),
    "create": (True, "POST /api/v2/me/emails creates an outbound email"),
    "attachments": (True, "AddAttachment / RemoveAttachment (documents listed in the deployment)"),
    "user-data": (True, "AttachUserData, UpdateUserData, DeleteUserData"),
    "disposition": (True, "SetDisposition"),
    "save-send": (True, "Save and Send of outbound drafts"),
    "cancel": (True, "Cancel of an outbound draft"),
    "referenceid-in-response": (False, "HTTP answers carry the referenceId their notification echoes"),
    "bayeux-expiry": (False, "idle CometD sessions expire (set [timeouts].bayeux_expiry)"),
    "bayeux-auth": (True, "CometD sessions run with the agents' credentials (GWS)"),
    "bayeux-connect-release": (True, "a newer /meta/connect answers the held one (CometD 3)"),
}


@dataclass(frozen=True)
class AgentEntry:
    username: str
    address: str | None


@dataclass(frozen=True)
class ProfileAnswers:
    name: str
    base_url: str
    cometd_url: str | None
    agents: tuple[AgentEntry, ...]
    injector: dict[str, str | int]
    parking_queue: str | None = None
    outbound_queue: str | None = None
    document_ids: tuple[str, ...] = ()
    routing: str = ROUTING_ADDRESSED


def render_profile(answers: ProfileAnswers) -> str:
    lines = [
        "# Target profile for gws-conformance (written by `gws-conformance init`).",
        "# Check it in seconds: gws-conformance doctor --target <this file>",
        "",
        "[target]",
        f"name = {_toml(answers.name)}",
        f"base_url = {_toml(answers.base_url)}",
    ]
    if answers.cometd_url:
        lines.append(f"cometd_url = {_toml(answers.cometd_url)}")
    else:
        lines.append("# cometd_url = \"...\"   # default: <base_url>/api/v2/notifications")
    variables: set[str] = set()
    for agent in answers.agents:
        variable = password_variable(agent.username)
        while variable in variables:  # two usernames that differ only in punctuation
            variable = variable.removesuffix("_PASSWORD") + "_2_PASSWORD"
        variables.add(variable)
        lines += ["", "[[agents]]", f"username = {_toml(agent.username)}"]
        lines.append(f"password_env = {_toml(variable)}   # the password is read from this variable, never stored here")
        if agent.address:
            lines.append(f"address = {_toml(agent.address)}   # emails To this address reach this agent")
        else:
            lines.append("# address = \"agent@example.com\"   # emails To this address reach this agent")
        lines.append("# user_uri = \"https://.../api/v2/users/<id>\"   # for Transfer to this agent")
    lines += ["", "[injector]   # how the suite creates an inbound email for the test agent"]
    lines += [f"{key} = {_toml(value)}" for key, value in answers.injector.items()]
    lines += ["", "[queues]   # queues of this deployment; a key left out names none (its checks: NOT-APPLICABLE)"]
    lines.append(_optional("parking", answers.parking_queue, "Complete/Transfer with queueName: a queue nothing takes emails from"))
    lines.append(_optional("outbound", answers.outbound_queue, "Send's queueName; queueUri of Reply and Create"))
    lines += ["", "[attachments]   # documents in the contact store AddAttachment may attach ([]: none)"]
    lines.append(f"document_ids = [{', '.join(_toml(d) for d in answers.document_ids)}]")
    lines += ["", "[routing]   # how the deployment picks the agent for an inbound email"]
    lines.append(f"mode = {_toml(answers.routing)}   # addressed: the agent its To names; any-ready: any Ready agent of the mailbox's group")
    lines += ["", "[features]   # optional features; an undeclared one makes its checks NOT-APPLICABLE"]
    for feature in FEATURES:
        default, note = FEATURE_NOTES.get(feature, (False, ""))
        lines.append(f"{feature} = {'true' if default else 'false'}   # {note}" if note else f"{feature} = {'true' if default else 'false'}")
    defaults = Timeouts()
    lines += [
        "",
        "[timeouts]   # seconds; `doctor` suggests values from what it measures",
        f"http = {defaults.http:g}",
        f"notification = {defaults.notification:g}   # from an operation to its notification",
        f"invitation = {defaults.invitation:g}   # from injecting an email to the agent's invitation",
        f"bayeux_hold = {defaults.bayeux_hold:g}   # the longest connect hold the run waits out (once)",
        "",
        "[intake]   # a slow intake (a mailbox polled every few seconds): invitations injected ahead",
        "# pipeline = 16   # per agent; 0: none; left out: decided by the first invitations' latency",
        "",
    ]
    return "\n".join(lines)


def _optional(key: str, value: str | None, note: str) -> str:
    return f"{key} = {_toml(value)}   # {note}" if value else f'# {key} = "..."   # {note}'


def password_variable(username: str) -> str:
    """GWS_<USERNAME>_PASSWORD, the username in the characters an environment variable takes."""
    return "GWS_" + re.sub(r"[^A-Z0-9]+", "_", username.upper()).strip("_") + "_PASSWORD"


def _toml(value: str | int) -> str:
    """A TOML scalar: JSON's string escapes are valid TOML basic strings."""
    return str(value) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)
