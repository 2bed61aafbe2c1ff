"""The `gws-conformance` command line. Subcommands live in conformance/commands/.

Bad input (arguments, profile) is reported as one line on stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import NoReturn

from conformance import __version__
from conformance.commands import COMMANDS
from conformance.errors import UsageError
from conformance.exit_codes import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED_SIGINT, EXIT_USAGE


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gws-conformance", description="Conformance suite for the GWS API v2 Email API.")
    parser.add_argument("--version", action="version", version=f"gws-conformance {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, module_name, help_text in COMMANDS:
        module = importlib.import_module(module_name)
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        module.configure(sub)
        sub.set_defaults(handler=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.handler(args)  # every subcommand's handler returns its exit code
        return code
    except UsageError as exc:
        print(f"gws-conformance: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED_SIGINT
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


if __name__ == "__main__":
    sys.exit(main())
