"""How the REST routes answer where a switch may change it: one frozen object, built once.

The defaults are the clean server; each fault or variant member (`faults.py`, `variants.py`)
names the fields it sets. This object covers the answer layer (`rest/answers.py`,
`rest/routes.py`): statuses, bodies, who may act without credentials. The lifecycle (states,
parameters, notifications: `service.py`, `operations.py`, `notifications.py`, the `*_effects.py`
tables) still tests switch names (`F.X in switches`); its switches set no field here yet.
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

    @classmethod
    def of(cls, switches: Iterable[str]) -> EmailBehaviour:
        """The behaviour with the given switches on (names of other components are ignored)."""
        return replace(cls(), **settings(switches, *SWITCHES))


FIELDS = frozenset(f.name for f in fields(EmailBehaviour))
