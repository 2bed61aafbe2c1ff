"""`gws-conformance init`: write a commented target profile to start from.

Values come from flags; on a terminal, the ones missing are asked for. Passwords are never
asked for nor written: each agent's password is read from the environment variable the file
names (`password_env`).
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from conformance.errors import UsageError
from conformance.profile import ROUTING_ADDRESSED, ROUTING_MODES
from conformance.profile_schema import check_profile
from conformance.profile_template import AgentEntry, ProfileAnswers, render_profile

INJECTORS = ("smtp", "http", "command", "manual")
Ask = Callable[[str], str]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", metavar="FILE", default="gws-target.toml", help="where to write the profile (default: gws-target.toml)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.add_argument("--name", help="a name for the target, shown in the reports")
    parser.add_argument("--base-url", metavar="URL", help="GWS base URL, e.g. https://gws.example.com")
    parser.add_argument("--cometd-url", metavar="URL", help="CometD URL (default: <base-url>/api/v2/notifications)")
    parser.add_argument(
        "--agent", action="append", default=[], metavar="USERNAME[=ADDRESS]",
        help="an agent, and the email address routed to it (repeat; at least two)",
    )
    parser.add_argument("--injector", choices=INJECTORS, help="how the suite creates inbound emails")
    parser.add_argument("--injector-url", metavar="URL", help="http injector: the URL that takes the email as JSON")
    parser.add_argument("--smtp-host", metavar="HOST", help="smtp injector: the mail server")
    parser.add_argument("--smtp-port", type=int, default=25, metavar="PORT", help="smtp injector: its port (default 25)")
    parser.add_argument("--injector-command", metavar="COMMAND", help="command injector: reads the email on stdin")
    parser.add_argument("--parking-queue", metavar="NAME", help="a queue Complete and Transfer may park emails in (nothing takes them)")
    parser.add_argument("--outbound-queue", metavar="NAME", help="the queue Send uses (and Reply's and Create's queueUri)")
    parser.add_argument(
        "--routing", choices=ROUTING_MODES, default=ROUTING_ADDRESSED,
        help="how the deployment routes an inbound email: to the agent its To names (addressed, default) or to any Ready agent of a group (any-ready)",
    )
    parser.add_argument("--document-id", action="append", default=[], metavar="ID", help="a contact-store document to attach (repeat)")


def run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if output.exists() and not args.force:
        raise UsageError(f"init: {output} exists; choose another --output or add --force")
    ask = _ask_on_terminal if sys.stdin.isatty() else None
    text = render_profile(gather(args, ask))
    check_profile(tomllib.loads(text), str(output))  # what we write must load
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"init: cannot write {output}: {exc.strerror}") from None
    print(f"wrote {output}")
    print(f"next: export the agents' passwords ({', '.join(_password_variables(text))}), then: gws-conformance doctor --target {output}")
    return 0


def gather(args: argparse.Namespace, ask: Ask | None) -> ProfileAnswers:
    """The profile's values from the flags, asking for each missing one when `ask` is given."""

    def value(current: str | None, flag: str, question: str) -> str:
        if current:
            return current
        if ask is None:
            raise UsageError(f"init: {flag} is required when stdin is not a terminal")
        answer = ask(question).strip()
        if not answer:
            raise UsageError(f"init: {flag} is required")
        return answer

    base_url = _url(value(args.base_url, "--base-url", "GWS base URL (e.g. https://gws.example.com): "), "--base-url")
    cometd_url = _url(args.cometd_url, "--cometd-url") if args.cometd_url else None
    agents = [_agent(spec) for spec in args.agent]
    while len(agents) < 2:
        if ask is None:
            raise UsageError("init: --agent is required twice (multi-agent checks need a second agent)")
        agents.append(_agent(value(None, "--agent", f"agent #{len(agents) + 1} as USERNAME=ADDRESS: ")))
    kind = args.injector or value(None, "--injector", f"injector ({' | '.join(INJECTORS)}): ")
    if kind not in INJECTORS:
        raise UsageError(f"init: --injector must be one of {', '.join(INJECTORS)}, not {kind!r}")
    injector: dict[str, str | int] = {"kind": kind}
    if kind == "http":
        injector["url"] = _url(value(args.injector_url, "--injector-url", "URL that takes an email as JSON: "), "--injector-url")
    elif kind == "smtp":
        injector["host"] = value(args.smtp_host, "--smtp-host", "SMTP host: ")
        if not 1 <= args.smtp_port <= 65535:
            raise UsageError(f"init: --smtp-port must be in 1-65535, not {args.smtp_port}")
        injector["port"] = args.smtp_port
    elif kind == "command":
        injector["command"] = value(args.injector_command, "--injector-command", "command reading an email on stdin: ")
    name = args.name or (ask("a name for the target (shown in reports): ").strip() if ask else "") or urlsplit(base_url).hostname or base_url

    def optional(current: str | None, question: str) -> str | None:
        return current or ((ask(question).strip() or None) if ask else None)

    parking = optional(args.parking_queue, "parking queue for Complete/Transfer (empty: none, its checks NOT-APPLICABLE): ")
    outbound = optional(args.outbound_queue, "outbound queue for Send (empty: none): ")
    documents = args.document_id or (optional(None, "contact-store document ids to attach, comma-separated (empty: none): ") or "").split(",")
    return ProfileAnswers(
        name=name, base_url=base_url, cometd_url=cometd_url, agents=tuple(agents), injector=injector,
        parking_queue=parking, outbound_queue=outbound, document_ids=tuple(d.strip() for d in documents if d.strip()),
        routing=args.routing,
    )


def _url(url: str | None, flag: str) -> str:
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"init: {flag} must be an http(s) URL, not {url!r}")
    if parts.password is not None:
        raise UsageError(f"init: {flag} carries a password; agents' passwords come from password_env, never from the file")
    return url or ""


def _agent(spec: str) -> AgentEntry:
    username, _, address = spec.partition("=")
    if not username.strip():
        raise UsageError(f"init: --agent {spec!r}: expected USERNAME[=ADDRESS]")
    return AgentEntry(username.strip(), address.strip() or None)


def _password_variables(text: str) -> list[str]:
    return re.findall(r'^password_env = "([^"]+)"', text, flags=re.MULTILINE)


def _ask_on_terminal(question: str) -> str:
    try:
        return input(question)
    except EOFError:
        return ""
