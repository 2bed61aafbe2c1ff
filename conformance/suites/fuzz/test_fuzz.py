"""Fuzzed request parameters: one schemathesis campaign, judged requirement by requirement.

The campaign sends, for every email operation the profile declares, schemathesis-generated
bodies (positive and negative mode) from schemas/gws-email-api.openapi.yaml, boundary values
and curated schema violations, on emails in the state the operation needs (fresh invitations
through the profile's injector); then fuzzed ids, and the OpenAPI link chains.

https://enu.docs.genesys.com/Documentation:HTCC:API:ReturnValues:8.5.2
"""

from __future__ import annotations

import pytest

from conformance.fuzz.judge import answer as judging
from conformance.fuzz.judge.findings import FuzzRun
from conformance.fuzz.judge.verdict import judge_requirement
from conformance.suites import READY, SESSION, STREAM, exclusive, requirement

# On parallel workers, the checks that judge the one campaign run on the same worker. The
# campaign sends whatever the schemas allow and more, and attributes what the stream shows to
# its own requests: it needs the agents to itself.
pytestmark = [pytest.mark.xdist_group("fuzz-campaign"), exclusive(READY, STREAM, SESSION)]


@requirement("FUZZ-SERVER-01")
async def test_no_server_error(fuzz_run: FuzzRun) -> None:
    """Send every fuzzed request of the campaign; judge that each is answered, never with an HTTP 5xx."""
    judge_requirement(fuzz_run, judging.SERVER)


@requirement("FUZZ-ENVELOPE-01")
async def test_every_answer_has_status_code(fuzz_run: FuzzRun) -> None:
    """Send every fuzzed request of the campaign; judge that each answer carries an integer statusCode (or is an empty 2xx)."""
    judge_requirement(fuzz_run, judging.ENVELOPE)


@requirement("FUZZ-SCHEMA-01")
async def test_answers_match_response_schema(fuzz_run: FuzzRun) -> None:
    """Send every fuzzed request of the campaign; validate each JSON answer against the response envelope schema."""
    judge_requirement(fuzz_run, judging.SCHEMA)


@requirement("FUZZ-VALID-01")
async def test_schema_valid_parameters_accepted(fuzz_run: FuzzRun) -> None:
    """Send schemathesis-positive bodies and boundary values (long, non-ASCII, punctuation, extreme numbers) on emails in the right state."""
    judge_requirement(fuzz_run, judging.VALID)


@requirement("FUZZ-INVALID-01")
async def test_schema_violations_refused(fuzz_run: FuzzRun) -> None:
    """Send bodies with one violation each (wrong type, missing, unknown operationName, out of range) and schemathesis-negative bodies."""
    judge_requirement(fuzz_run, judging.INVALID)


@requirement("FUZZ-UNCHANGED-01")
async def test_refusal_changes_nothing(fuzz_run: FuzzRun) -> None:
    """After every refused fuzzed request, GET the email; after the campaign, wait the negative window and look for notifications."""
    judge_requirement(fuzz_run, judging.UNCHANGED)


@requirement("FUZZ-STATEFUL-01")
async def test_link_chains_accepted(fuzz_run: FuzzRun) -> None:
    """Walk Accept -> Complete and Accept -> Reply -> Save -> Send with schemathesis-positive bodies, following the OpenAPI links."""
    judge_requirement(fuzz_run, judging.STATEFUL)
