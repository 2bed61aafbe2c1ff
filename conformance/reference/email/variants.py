"""Allowed variations of the REST routes and the email lifecycle: choices the docs leave open.

Adding a variant is one constant and one `Variant` here plus one hook where the behaviour is
decided (grep the constant to find it); `switches.py` says what a variant promises.
"""

from __future__ import annotations

from conformance.reference.switches import Variant

# --- answer shapes: HTTP bodies and statuses, ids, uris, extra members, order ---------------

ANSWER_SHAPES: tuple[Variant, ...] = ()


# --- content choices and the asynchronous error model ---------------------------------------

CONTENT_CHOICES: tuple[Variant, ...] = ()


# --- timing of notifications ------------------------------------------------------------------

TIMING: tuple[Variant, ...] = ()


VARIANTS: tuple[Variant, ...] = (*ANSWER_SHAPES, *CONTENT_CHOICES, *TIMING)
