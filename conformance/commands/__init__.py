"""Subcommands of `gws-conformance`: one module each, with `configure(parser)` and `run(args)`.

A new subcommand is a new module here plus one entry in COMMANDS (name, module, help).
"""

COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("run", "conformance.commands.run", "run the suite (against the embedded reference server unless --target)"),
    ("doctor", "conformance.commands.doctor", "preflight a target in seconds: agents, CometD, one email through intake; hints and timeouts"),
    ("init", "conformance.commands.init", "write a commented target profile (asks on a terminal; never writes a password)"),
    ("list", "conformance.commands.list_catalog", "print the requirement catalog"),
    ("report", "conformance.commands.report", "re-render a run's reports, or --compare several runs side by side"),
    ("diff", "conformance.commands.diff", "what changed between two runs, regressions first (exit 1 on a regression)"),
    ("baseline", "conformance.commands.baseline", "write a baseline of expected failures from a run"),
    ("selftest", "conformance.commands.selftest", "prove every check can fail: the suite against the reference and each of its faults"),
    ("serve", "conformance.reference.serve", "run the reference GWS email server standalone"),
)
