"""GET /api/v2/me/emails and /api/v2/me/emails/{id}: https://docs.genesys.com/Documentation/HTCC/latest/API/EmailResource"""

from __future__ import annotations

import secrets

from conformance import steps, verify
from conformance.errors import CheckFailed
from conformance.suites import requirement
from conformance.target import AgentHandle, Invitation, invite
from conformance.verify.content import agrees_with, listed_emails


@requirement("EMAIL-GET-01")
async def test_list_holds_invited_and_processing(agent: AgentHandle, invitation: Invitation) -> None:
    """Get a second invitation and accept it; GET /api/v2/me/emails?fields=*; look for both emails."""
    accepted_email = await steps.processing(agent, await invite(agent))
    states = {e.get("id"): e.get("state") for e in listed_emails(await agent.rest.list_emails())}
    expected = {invitation.id: "Invited", accepted_email.id: "Processing"}
    observed = {email_id: states.get(email_id, "(not listed)") for email_id in expected}
    if observed != expected:
        raise CheckFailed("GET /api/v2/me/emails does not list the agent's emails in their states", expected=expected, observed=observed)


@requirement("EMAIL-GET-02")
async def test_listed_emails_are_valid(agent: AgentHandle, invitation: Invitation) -> None:
    """With an invitation pending, GET /api/v2/me/emails?fields=*; validate the answer and each email."""
    reply = await agent.rest.list_emails()
    listed_emails(reply)
    verify.valid_against("get-emails-response", reply.json, "the GET /api/v2/me/emails answer")


@requirement("EMAIL-GET-03")
async def test_get_agrees_with_notifications(agent: AgentHandle, invitation: Invitation) -> None:
    """GET /api/v2/me/emails/{id} of an invitation, accept it, GET again; compare each with the last notification."""
    reply = await agent.rest.get_email(invitation.id)
    verify.valid_against("get-email-response", reply.json, "the GET /api/v2/me/emails/{id} answer")
    agrees_with(verify.fetched_email(reply, invitation.id), verify.email_resource(invitation.delivery), where="GET of the invitation")
    accepted_email = await steps.processing(agent, invitation)
    fetched = verify.fetched_email(await agent.rest.get_email(invitation.id), invitation.id)
    agrees_with(fetched, accepted_email.resource, where="GET after Accept")


@requirement("EMAIL-GET-04")
async def test_get_unknown_email(agent: AgentHandle) -> None:
    """GET /api/v2/me/emails/{id} of an id the agent has never seen."""
    reply = await agent.rest.get_email(f"gwsct-unknown-{secrets.token_hex(6)}")
    verify.refused(reply, status_code=6, what="GET of an unknown email")
