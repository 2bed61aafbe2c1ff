"""The conformance suites: one folder per area, one file per spec page or section.

Each check is an async function carrying exactly one `@requirement("ID")` marker, whose
docstring states its stimulus, and which calls verify helpers from conformance.verify.
"""

import pytest

requirement = pytest.mark.requirement

__all__ = ["requirement"]
