"""How the REST routes answer where a switch may change it: one frozen object, built once.

The defaults are the clean server; each fault or variant member (`faults.py`, `variants.py`)
names the fields it sets. This object covers the answer layer (`rest/answers.py`,
`rest/routes.py`: statuses, bodies, who may act without credentials) and the service's own
decisions (`service.py`: which email and operation a request reaches, whom a notification goes
to, what GET shows). The lifecycle below the service (states, parameters, notification content:
`lifecycle.py`, `operations.py`, `notifications.py`, `resource.py`, `store.py` and the
`*_effects.py` tables) still tests switch names (`F.X in switches`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Literal

from conformance.reference.email.faults import EmailFault
from conformance.reference.email.variants import AgentState, AnswerShape, ContentChoice
from conformance.reference.switches import settings

SWITCHES = (EmailFault, AnswerShape, ContentChoice, AgentState)


@dataclass(frozen=True)
class EmailBehaviour:
    # --- successful answers
    answered_202: frozenset[str] = frozenset()  # operations whose success answers 202, not 200
    answered_in_8_5_1_shape: frozenset[str] = frozenset()  # operations answering {"status":"ok"}
    cancel_answers_sample_shape: bool = False  # Cancel answers {"status": 0}, as its sample
    accept_answers_204: bool = False
    accept_answers_text_ok: bool = False
    success_body_empty: bool = False  # a 200 success has an empty body
    answer_carries_reference_id: bool = True
    extra_members: bool = False  # unknown members in answers, resources, notification data
    # --- refusals
    refusal_has_status_message: bool = True
    refusal_statuses: Literal["reference", "spread"] = "reference"  # the 4xx per statusCode
    refusals_http_200: bool = False
    unparsable_body_refused_empty: bool = False  # an empty HTTP 400, no statusCode
    bad_value_refusal_extra_member: bool = False
    # --- credentials
    get_me_needs_credentials: bool = True
    accept_needs_credentials: bool = True
    # --- the service's own decisions: which email, which operation, whom to tell
    missing_operation_is_missing_parameter: bool = True  # statusCode 1, not 10
    unknown_operation_refused: bool = True
    unadvertised_refused_as_forbidden: bool = False  # statusCode 3, not 2
    unknown_email_not_found: bool = True  # statusCode 6
    get_unknown_email_not_found: bool = True
    accept_unknown_email_not_found: bool = True
    ownership_unchecked_for: frozenset[str] = frozenset()  # operations (and "GET") on anyone's email
    accept_of_another_agents_email: bool = False
    rejecter_may_still_accept: bool = False
    refused_accept_still_moves: bool = False  # another agent's refused Accept moves the invitation
    ready_notified: bool = True
    ready_on_ready_notified: bool = True  # a Ready that changes nothing is announced all the same
    email_events_to_every_agent: bool = False
    completion_events_leak: bool = False  # a Complete's notification also goes to every other agent
    email_events_delivered_twice: bool = False
    # --- GET answers
    list_processing_emails: bool = True
    listed_emails_have_uri: bool = True
    fetched_email_has_capabilities: bool = True
    fetched_email_state_current: bool = True

    @classmethod
    def of(cls, switches: Iterable[str]) -> EmailBehaviour:
        """The behaviour with the given switches on (names of other components are ignored)."""
        return replace(cls(), **settings(switches, *SWITCHES))


FIELDS = frozenset(f.name for f in fields(EmailBehaviour))
