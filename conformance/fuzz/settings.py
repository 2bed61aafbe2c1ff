"""The knobs of a fuzz campaign: seed and budget, with the defaults every run starts from."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

# Fixed, so that two runs against the same target send the same requests.
DEFAULT_SEED = 6
# Generated examples per operation and per stream (schemathesis positive / negative); the
# curated boundary values and schema violations come on top. Sized so that the whole
# campaign takes about ten seconds against the embedded reference server.
DEFAULT_EXAMPLES = 10
# A safety net for slow targets: the campaign stops sending new requests after this long.
DEFAULT_TIME_BUDGET_S = 120.0


@dataclass(frozen=True)
class FuzzSettings:
    seed: int = DEFAULT_SEED
    examples: int = DEFAULT_EXAMPLES
    time_budget: float = DEFAULT_TIME_BUDGET_S

    def __post_init__(self) -> None:
        if self.examples < 1:
            raise ValueError("fuzz examples must be at least 1")
        if self.time_budget <= 0:
            raise ValueError("the fuzz time budget must be positive")

    def seed_for(self, *parts: str) -> int:
        """A seed per generated stream: one operation's cases do not depend on the others'."""
        return zlib.crc32("/".join(parts).encode("utf-8"), self.seed & 0xFFFFFFFF)

    def replay_options(self) -> str:
        """The command-line options that replay this campaign's requests."""
        return f"--fuzz-seed {self.seed} --fuzz-examples {self.examples}"
