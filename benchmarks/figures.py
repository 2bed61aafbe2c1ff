"""What every benchmark shares: the sections a run without fuzzing selects, the machine it ran
on, and how its figures are written (a JSON file under benchmarks/results/) and shown."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import Any

from conformance.catalog import load_catalog


def sections_without_fuzz() -> list[str]:
    return [name for name, _ in load_catalog().sections if name != "fuzz"]


def machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}


def write_and_show(figures: dict[str, dict[str, Any]], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    for section, values in figures.items():
        print(f"[{section}]")
        for key, value in values.items():
            print(f"  {key:<38} {value}")
    print(f"written: {output}")
