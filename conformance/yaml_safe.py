"""YAML read safely, by libyaml where PyYAML was built with it (ten times faster on the catalog,
which every run and every `list` reads; the same documents, the same errors)."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python
