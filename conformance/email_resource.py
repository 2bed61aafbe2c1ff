"""Where a notification carries its email: the `email` object of an EmailStateChangeMessage's data."""

from __future__ import annotations

from typing import Any


def email_in(data: object) -> dict[str, Any] | None:
    """The email resource `data` carries, or None when it carries none (or not as an object)."""
    email = data.get("email") if isinstance(data, dict) else None
    return email if isinstance(email, dict) else None
