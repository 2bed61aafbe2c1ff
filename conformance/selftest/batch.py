"""`python -m conformance.selftest.batch SPEC.json`: the self-test's runs, one after the other.

SPEC is a list of {label, faults, variants, sections, output}; each run writes OUTPUT/report.json. A run
that breaks writes OUTPUT/error.txt and the batch goes on with the next.
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

from conformance.selftest.inprocess import run_embedded


def main(argv: list[str]) -> int:
    for job in json.loads(Path(argv[1]).read_text(encoding="utf-8")):
        output = Path(job["output"])
        try:
            run_embedded(output, faults=frozenset(job["faults"]), variants=frozenset(job["variants"]), sections=job["sections"] or None)
        except Exception:  # one broken run must not cost the others their verdicts
            output.mkdir(parents=True, exist_ok=True)
            (output / "error.txt").write_text(traceback.format_exc(), encoding="utf-8")
            print(f"{job['label']}: {traceback.format_exc(limit=3)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
