"""`gws-conformance serve`: the reference server standalone, until SIGINT or SIGTERM."""

from __future__ import annotations

import argparse
import math
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from conformance.errors import UsageError
from conformance.reference.agents import default_agents, load_agents
from conformance.reference.config import ServerConfig
from conformance.reference.email.routing import ADDRESSED, ROUTING_MODES
from conformance.reference.switches import all_faults, all_variants, check_fault_names, check_variant_names

DEFAULT_PORT = 8080


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port out of range: {value}")
    return value


def _milliseconds(minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number of milliseconds: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum} ms")
        return value

    return parse


MAX_INTAKE_DELAY_S = 3600.0


def _intake_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or not 0 <= value <= MAX_INTAKE_DELAY_S:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_INTAKE_DELAY_S:g} seconds, not {text}")
    return value


def _seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"HTTP port, 0 for a free one (default {DEFAULT_PORT})")
    parser.add_argument("--agents", metavar="FILE", type=Path, help="agents TOML ([[agents]] id, username, password, name, address); default agent1..agent8 / password1..password8")
    parser.add_argument("--smtp-port", type=_port, metavar="P", help="also accept inbound emails over SMTP on this port (0: a free one)")
    parser.add_argument("--fault", action="append", default=[], metavar="NAME", help="switch a fault on (repeatable; see --list-faults)")
    parser.add_argument("--variant", action="append", default=[], metavar="NAME", help="switch an allowed variation on (repeatable; see --list-variants)")
    parser.add_argument("--latency", type=_milliseconds(0), default=0, metavar="MS", help="delay every REST answer and notification by MS")
    parser.add_argument(
        "--intake-delay", type=_intake_seconds, default=0.0, metavar="SECONDS", help="every inbound email reaches routing SECONDS late (an E-mail Server polling its mailbox)"
    )
    parser.add_argument("--intake-jitter", type=_intake_seconds, default=0.0, metavar="SECONDS", help="spread each email's intake delay uniformly within +-SECONDS (at most the delay)")
    parser.add_argument("--intake-seed", type=_seed, metavar="N", help="seed of the intake jitter, for repeatable delays")
    parser.add_argument("--bayeux-timeout", type=_milliseconds(1), default=ServerConfig.bayeux_timeout_ms, metavar="MS", help="how long a CometD connect is held")
    parser.add_argument("--queue", action="append", metavar="NAME", help="a queue this server holds (repeatable); without it, any queue name parks emails")
    parser.add_argument(
        "--document-id", action="append", metavar="ID", help="a document of the contact store AddAttachment takes (repeatable); without it, any documentId"
    )
    parser.add_argument(
        "--routing", choices=ROUTING_MODES, default=ADDRESSED,
        help="addressed (default): an inbound email goes to the Ready agent it is addressed to; round-robin: to the next Ready agent, whatever its address",
    )
    parser.add_argument("--list-faults", action="store_true", help="print every fault switch (name, requirements it breaks, what it does) and exit")
    parser.add_argument(
        "--list-variants", action="store_true", help="print every allowed variation (name, requirements that allow it, what it does) and exit"
    )


def print_faults(out: TextIO) -> None:
    faults = sorted(all_faults().values(), key=lambda f: f.name)
    width = max(len(f.name) for f in faults)
    for fault in faults:
        out.write(f"{fault.name:<{width}}  {','.join(fault.breaks)}  {fault.description}\n")


def print_variants(out: TextIO) -> None:
    variants = sorted(all_variants().values(), key=lambda v: v.name)
    width = max((len(v.name) for v in variants), default=0)
    for variant in variants:
        excludes = f" (excludes {', '.join(variant.excludes)})" if variant.excludes else ""
        out.write(f"{variant.name:<{width}}  {','.join(variant.allowed_by)}  {variant.description}{excludes}\n")


def config_from_args(args: argparse.Namespace) -> ServerConfig:
    if args.intake_jitter > args.intake_delay:
        raise UsageError(f"--intake-jitter {args.intake_jitter:g} exceeds --intake-delay {args.intake_delay:g}: an email cannot arrive before it is sent")
    return ServerConfig(
        host=args.host,
        port=args.port,
        smtp_port=args.smtp_port,
        agents=load_agents(args.agents) if args.agents else default_agents(),
        faults=check_fault_names(args.fault),
        variants=check_variant_names(args.variant),
        latency_ms=args.latency,
        bayeux_timeout_ms=args.bayeux_timeout,
        intake_delay_s=args.intake_delay,
        intake_jitter_s=args.intake_jitter,
        intake_seed=args.intake_seed,
        queues=tuple(dict.fromkeys(args.queue)) if args.queue else None,
        documents=tuple(dict.fromkeys(args.document_id)) if args.document_id else None,
        routing=args.routing,
    )


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    handled = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in handled}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run(args: argparse.Namespace) -> int:
    from conformance.reference.server import ReferenceServer

    if args.list_faults:
        print_faults(sys.stdout)
        return 0
    if args.list_variants:
        print_variants(sys.stdout)
        return 0
    config = config_from_args(args)
    server = ReferenceServer(config, log_level="info")
    try:
        server.start()
    except OSError as exc:
        raise UsageError(f"cannot listen on {config.host}:{config.port}: {exc.strerror or exc}") from None
    stop = threading.Event()
    try:
        with _stop_on_signals(stop):
            print(f"listening on {server.base_url} (REST /api/v2)")
            print(f"listening on {server.cometd_url} (CometD: long-polling, websocket)")
            print(f"listening on {server.base_url}/reference/v1/inbound (inbound emails: JSON or message/rfc822)")
            if server.smtp_port is not None:
                print(f"listening on smtp://{config.host}:{server.smtp_port} (inbound emails)")
            print("agents: " + ", ".join(f"{a.username} <{a.address}>" for a in config.agents))
            if config.routing != ADDRESSED:
                print(f"routing: {config.routing} (whatever the To address)")
            if config.faults:
                print("faults: " + ", ".join(sorted(config.faults)))
            if config.variants:
                print("variants: " + ", ".join(sorted(config.variants)))
            if config.intake_delay_s or config.intake_jitter_s:
                print(f"intake delay: {config.intake_delay_s:g} s +- {config.intake_jitter_s:g} s")
            sys.stdout.flush()
            stop.wait()
    finally:
        server.stop()
    return 0
