"""Our reasoning lives in the repository: nothing we ship or test cites a document a vendor cannot read.

Where the public pages are silent or contradict themselves, the reasoning is written in
docs/positions.md under a stable anchor and cited as docs/positions.md#<anchor>, or stated where it
is used. Bayeux rules cite the public specification (https://docs.cometd.org/current/reference/#_bayeux).
Project notes kept outside the repository, their section, contradiction and grade numbering, and
tracker issue numbers are not citations. (That every cited anchor exists is checked in
test_catalog.py.)"""

from __future__ import annotations

import re
from pathlib import Path

from .repo_text import ROOT, numbered_lines, text_files

THIS_FILE = Path(__file__).resolve()

# hashlib's hexdigest and hmac's compare_digest are Python APIs, not citations.
_APIS = re.compile(r"hexdigest|compare_digest", re.IGNORECASE)
OUTSIDE = re.compile(
    r"digest|bayeux\.md|gws-email-api\.md|the brief|\bissue #?\d+|\bcontradictions? \d+|\bgrades? [DSGI]\b"
    r"|\(I\)|\(I: |\bn/s\b|^\s*NT ",  # the notes' shorthand: (I) inferred, n/s not stated, NT notificationType
    re.IGNORECASE,
)


def test_the_scan_sees_the_files_that_matter():
    names = {path.relative_to(ROOT).as_posix() for path in text_files()}
    assert {"README.md", "docs/positions.md", "schemas/email.schema.json", "conformance/cli.py"} <= names
    assert any(name.startswith("conformance/catalog/sections/") for name in names)
    assert not any("node_modules" in name or "__pycache__" in name for name in names)


def test_nothing_cites_a_document_outside_the_repository():
    found = [
        f"{path.relative_to(ROOT).as_posix()}:{number}: {match.group(0)!r}"
        for path in text_files()
        if path != THIS_FILE
        for number, line in numbered_lines(path)
        if (match := OUTSIDE.search(_APIS.sub("", line)))
    ]
    assert found == [], "cite docs/positions.md#<anchor> or the public page instead:\n" + "\n".join(found)


def test_the_guard_tells_apis_from_citations():
    cited = ["see digest 2.3", "(bayeux.md §1.2)", "as the brief says", "issue 4", "(issue #6)", "contradiction 10", "(grade G)", "state n/s", "strings (I);", "  NT StatusChange"]
    assert all(OUTSIDE.search(_APIS.sub("", line)) for line in cited)
    assert not any(OUTSIDE.search(_APIS.sub("", line)) for line in ["sha256(x).hexdigest()", "hmac.compare_digest(a, b)"])
