"""The conformance suites: one folder per area, one file per spec page or section.

Each check is an async function carrying exactly one `@requirement("ID")` marker, whose
docstring states its stimulus, and which calls verify helpers from conformance.verify.

Checks run concurrently on one agent pair unless they declare what they need to themselves,
`@exclusive(READY | STREAM | SESSION | HANDSHAKES)` (conformance/harness/claims.py), or use a fixture that
does; a check that touches one of those without declaring it is an ERROR, in every run.
"""

import pytest

from conformance.harness.claims import HANDSHAKES, READY, SESSION, STREAM

requirement = pytest.mark.requirement
exclusive = pytest.mark.exclusive  # claims.MARKER

__all__ = ["requirement", "exclusive", "HANDSHAKES", "READY", "SESSION", "STREAM"]
