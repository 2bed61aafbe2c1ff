"""Steps a check takes on the target: sending its stimulus, and bringing an email into the
state the check starts from. A step that cannot be carried out raises Blocked; judging what
the target did is conformance.verify's job.

A check reads `sent = await steps.send(agent, invitation.id, "Accept")`, then one verify call.
"""

from conformance.steps.preconditions import accepted, require_accepted, require_notification, settled
from conformance.steps.reach import Email, draft, email_in, new_email, operated, peer_user_uri, processing
from conformance.steps.requests import param_context, send, send_create
from conformance.steps.stream_lifecycle import driven_once
from conformance.steps.tracked import Tracked, fresh, perform, step_failed

__all__ = [
    "Email",
    "Tracked",
    "accepted",
    "draft",
    "driven_once",
    "email_in",
    "fresh",
    "new_email",
    "operated",
    "param_context",
    "peer_user_uri",
    "perform",
    "processing",
    "require_accepted",
    "require_notification",
    "send",
    "send_create",
    "settled",
    "step_failed",
]
