"""Hypothesis' storage during a run: a temporary folder, never the user's current directory.

Hypothesis keeps caches (and, unless a test says database=None, its example database) in
<cwd>/.hypothesis. The fuzz section and the lifecycle state machine use Hypothesis, so a
run from any folder would leave one there. During a run it points at a temporary folder,
removed afterwards; xdist workers learn it from the environment they inherit.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import configuration

STORAGE_ENV = "HYPOTHESIS_STORAGE_DIRECTORY"


@contextlib.contextmanager
def hypothesis_scratch() -> Iterator[Path]:
    previous = os.environ.get(STORAGE_ENV)
    with tempfile.TemporaryDirectory(prefix="gwsct-hypothesis-") as folder:
        os.environ[STORAGE_ENV] = folder
        configuration.set_hypothesis_home_dir(folder)
        try:
            yield Path(folder)
        finally:
            configuration.set_hypothesis_home_dir(previous)
            if previous is None:
                del os.environ[STORAGE_ENV]
            else:
                os.environ[STORAGE_ENV] = previous
