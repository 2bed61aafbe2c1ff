"""The email switches of the REST answer and of the service's own decisions are data: each names
the EmailBehaviour fields it sets, to a value of the field's type other than the clean server's.
(The lifecycle's switches set no field yet: they are still tested by name where the behaviour
is decided.)"""

from __future__ import annotations

import dataclasses
import types
import typing

import pytest

from conformance.reference.email.behaviour import FIELDS, SWITCHES, EmailBehaviour
from conformance.reference.email.faults import EmailFault
from conformance.reference.email.variants import AnswerShape

MEMBERS = [member for enum in SWITCHES for member in enum if member.record.sets]
HINTS = typing.get_type_hints(EmailBehaviour)


def test_the_switches_of_the_answer_and_the_service_set_fields() -> None:
    assert len(MEMBERS) == 47
    assert FIELDS == {name for member in MEMBERS for name in member.record.sets}  # no field nobody sets


@pytest.mark.parametrize("member", MEMBERS, ids=str)
def test_switch_sets_fields_of_the_behaviour(member) -> None:
    clean = EmailBehaviour()
    for name, value in member.record.sets.items():
        assert name in FIELDS, (member, name)
        assert value != getattr(clean, name), (member, name, "already the default")
        hint = HINTS[name]
        if typing.get_origin(hint) is typing.Literal:
            assert value in typing.get_args(hint), (member, name, value)
        else:
            allowed = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
            assert isinstance(value, tuple(typing.get_origin(k) or k for k in allowed)), (member, name, value, hint)


def test_operations_answered_202_add_up_and_refusal_statuses_combine() -> None:
    behaviour = EmailBehaviour.of({EmailFault.REJECT_HTTP_202, EmailFault.SAVE_HTTP_202, AnswerShape.ERROR_STATUSES_200})
    assert behaviour == dataclasses.replace(EmailBehaviour(), answered_202=frozenset({"Reject", "Save"}), refusals_http_200=True)
    both = EmailBehaviour.of({EmailFault.ERRORS_HTTP_200, AnswerShape.ERROR_STATUSES_SPREAD})
    assert both.refusals_http_200 and both.refusal_statuses == "spread"
    assert EmailBehaviour.of({"bayeux-no-id-echo"}) == EmailBehaviour()
