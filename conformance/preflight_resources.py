"""`doctor`'s steps for the deployment objects the profile names: `[queues]`, `[attachments]` and
each agent's `user_uri`, one line each.

The public pages document no request that reads a queue or a contact-store document, so none is
fetched: each object is tried by the operation the suite names it in, on the doctor's own email,
and undone again (docs/positions.md#doctor-resources). The outbound queue is Create's queueUri (or
Reply's) for a draft that is cancelled again; each document is attached to that draft; the parking
queue is the queueName the doctor's email is completed into. Send's queueName is never tried: a
sent email cannot be taken back. A user URI is compared with the user id GET /api/v2/me reports.
What cannot be tried is SKIPPED, saying why.
"""

from __future__ import annotations

from conformance.deployment import DOCUMENTS_KEY, OUTBOUND_KEY, PARKING_KEY
from conformance.oracle import create_params, valid_params
from conformance.preflight_finding import Finding, timed
from conformance.profile import TargetProfile
from conformance.steps.reach import Email, new_email, operated
from conformance.steps.requests import param_context, send, send_create
from conformance.target import AgentHandle

OUTBOUND_HINT = (
    f"set {OUTBOUND_KEY} to a queue of your deployment that takes outbound emails "
    "(Reply's and Create's queueUri is <base_url>/api/v2/queues/<name>), or leave the key out"
)
PARKING_HINT = f"set {PARKING_KEY} to a queue of your deployment (Complete and Transfer with queueName park emails there), or leave the key out"
DOCUMENT_HINT = f"list in {DOCUMENTS_KEY} only documents of your contact store"
CANCEL_HINT = "the doctor's draft stays with the agent: cancel it by hand"
USER_URI_HINT = "set it to <base_url>/api/v2/users/<id>, with the id GET /api/v2/me reports for this agent"

_NOT_NAMED = "the profile names none ({key}): the checks needing it will be NOT-APPLICABLE"


def user_uri(agent: AgentHandle) -> Finding:
    """The agent's user_uri ends in the user id its own GET /api/v2/me reports."""
    index = agent.profile.agents.index(agent.account)
    step = f"{agent.label}: agents[{index}].user_uri"
    uri = agent.account.user_uri
    if not uri:
        return Finding.skip(step, "the profile gives none: the checks transferring to this agent by userUri will be NOT-APPLICABLE")
    login = agent.step("login")
    me = login.reply.json if login is not None and login.ok else None
    user = me.get("user") if isinstance(me, dict) else None
    user_id = user.get("id") if isinstance(user, dict) else None
    if not isinstance(user_id, str) or not user_id:
        return Finding.skip(step, "GET /api/v2/me reports no user id to compare it with; only a Transfer by userUri would show it")
    if uri.rstrip("/").rsplit("/", 1)[-1] != user_id:
        return Finding(step, False, f"{uri} does not name the user id {user_id!r} GET /api/v2/me reports for {agent.label}", USER_URI_HINT)
    return Finding(step, True, f"names the user id {user_id!r} GET /api/v2/me reports")


def untried(profile: TargetProfile, agent: AgentHandle, why: str) -> list[Finding]:
    """The queue and document lines, SKIPPED: the doctor's email never got where they are tried."""
    deployment = profile.deployment
    names = [("outbound queue", deployment.outbound_queue), *(("document", d) for d in deployment.document_ids), ("parking queue", deployment.parking_queue)]
    return [Finding.skip(f"{agent.label}: {kind} {name}", why) for kind, name in names if name is not None]


async def draft_objects(agent: AgentHandle, inbound: Email) -> list[Finding]:
    """The outbound queue, by a draft made with it (Create, else Reply to `inbound`); each document,
    attached to that draft; the draft cancelled again."""
    profile = agent.profile
    deployment = profile.deployment
    documents = {d: f"{agent.label}: document {d}" for d in deployment.document_ids}
    unattached = [Finding.skip(line, "not tried: no draft to attach it to") for line in documents.values()]
    if not documents:
        unattached = [Finding.skip(f"{agent.label}: documents", _NOT_NAMED.format(key=DOCUMENTS_KEY))]
    outbound = deployment.outbound_queue
    step = f"{agent.label}: outbound queue" + ("" if outbound is None else f" {outbound}")
    why_not = _NOT_NAMED.format(key=OUTBOUND_KEY) if outbound is None else _why_no_draft(profile)
    if why_not:
        return [Finding.skip(step, why_not), *unattached]
    operation = "Create" if profile.declares("create") else "Reply"
    made = await timed(_draft(agent, inbound, operation))
    if isinstance(made, str):
        return [Finding(step, False, made, OUTBOUND_HINT), *unattached]
    draft, seconds = made
    findings = [Finding(step, True, f"{operation} with its queueUri made the draft {draft.id}", seconds=seconds)]
    findings += [await _attached(agent, draft, d, line) for d, line in documents.items()] if documents else unattached
    canceled = await timed(operated(agent, draft, "Cancel", step="Cancel the doctor's draft", state="Canceled"))
    if isinstance(canceled, str):
        findings.append(Finding(f"{agent.label}: cancel the draft", False, canceled, CANCEL_HINT))
    return findings


def _why_no_draft(profile: TargetProfile) -> str:
    if not (profile.declares("create") or profile.declares("reply")):
        return "not tried: neither create nor reply is declared, and Send's queueName would send an email that cannot be taken back"
    if not profile.declares("cancel"):
        return "not tried: the draft that tries it could not be cancelled again (cancel is not declared)"
    return ""


async def _draft(agent: AgentHandle, inbound: Email, operation: str) -> Email:
    profile = agent.profile
    step = f"{operation} with queueUri {profile.deployment.queue_uri(profile.base_url)}"
    if operation == "Create":
        sent = await send_create(agent, **create_params(profile.base_url, profile.deployment))
        return await new_email(sent, step=step)
    sent = await send(agent, inbound.id, "Reply", **valid_params("Reply", param_context(agent, profile)))
    return await new_email(sent, step=step)


async def _attached(agent: AgentHandle, draft: Email, document_id: str, step: str) -> Finding:
    if not agent.profile.declares("attachments"):
        return Finding.skip(step, "not tried: attachments is not declared")
    params = {**valid_params("AddAttachment", param_context(agent, agent.profile)), "documentId": document_id}
    attached = await timed(operated(agent, draft, "AddAttachment", step="AddAttachment to the doctor's draft", **params))
    if isinstance(attached, str):
        return Finding(step, False, attached, DOCUMENT_HINT)
    return Finding(step, True, "attached to the doctor's draft and notified", seconds=attached[1])


async def completed_into_parking(agent: AgentHandle, email: Email) -> tuple[list[Finding], bool]:
    """The parking queue, by completing the doctor's email into it: the findings, and whether the
    email is Completed (else the caller completes it plainly)."""
    parking = agent.profile.deployment.parking_queue
    if parking is None:
        return [Finding.skip(f"{agent.label}: parking queue", _NOT_NAMED.format(key=PARKING_KEY))], False
    step = f"{agent.label}: parking queue {parking}"
    completed = await timed(operated(agent, email, "Complete", step=f"Complete with queueName {parking}", state="Completed", queueName=parking))
    if isinstance(completed, str):
        return [Finding(step, False, completed, PARKING_HINT)], False
    return [Finding(step, True, "the doctor's email was completed into it", seconds=completed[1])], True
