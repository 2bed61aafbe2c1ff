"""The run's output folder: checked before anything runs, and a fallback when writing fails after it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from conformance.errors import UsageError

FALLBACK_PREFIX = "gws-conformance-reports-"


def check_output_folder(folder: Path) -> None:
    """Create `folder` if needed and prove a file can be written in it; UsageError (one line) if not."""
    for ancestor in (folder, *folder.parents):
        if ancestor.exists() and not ancestor.is_dir():
            where = "is a file" if ancestor == folder else f"is below {ancestor}, which is a file"
            raise UsageError(f"--output {folder} {where}: give a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise UsageError(f"--output {folder} cannot be written: {exc.strerror or exc}") from None


def fallback_folder() -> Path:
    """A fresh folder for reports that could not be written where they were asked for."""
    return Path(tempfile.mkdtemp(prefix=FALLBACK_PREFIX))
