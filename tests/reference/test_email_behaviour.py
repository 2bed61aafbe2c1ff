"""Every email switch is data: it names the EmailBehaviour fields it sets, each to a value of the
field's type other than the clean server's."""

from __future__ import annotations

import dataclasses
import types
import typing

import pytest

from conformance.reference.email.behaviour import FIELDS, SWITCHES, EmailBehaviour
from conformance.reference.email.faults import EmailFault
from conformance.reference.email.model import State
from conformance.reference.email.variants import AnswerShape, ContentChoice

MEMBERS = [member for enum in SWITCHES for member in enum]
HINTS = typing.get_type_hints(EmailBehaviour)


def test_every_field_is_set_by_some_switch() -> None:
    assert FIELDS == {name for member in MEMBERS for name in member.record.sets}  # no field nobody sets


@pytest.mark.parametrize("member", MEMBERS, ids=str)
def test_switch_sets_fields_of_the_behaviour(member) -> None:
    sets = member.record.sets
    assert sets, f"{member} sets no field of EmailBehaviour"
    clean = EmailBehaviour()
    for name, value in sets.items():
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


def test_lifecycle_switches_add_up_and_agree() -> None:
    """Pairs of (state, operation) add up like operation names; the switches that tell refusals by
    an Error notification agree on the fields they share."""
    behaviour = EmailBehaviour.of({EmailFault.ACCEPT_TWICE_ALLOWED, EmailFault.ACCEPT_NOT_EXCLUSIVE, EmailFault.CANCEL_KEEPS_DRAFT})
    assert behaviour.taken_despite_state == {(State.PROCESSING, "Accept"), (State.CANCELED, "Save")}
    assert behaviour.ownership_unchecked_for == {"Accept"}
    refusals = EmailBehaviour.of({ContentChoice.ASYNC_REFUSALS, ContentChoice.REFUSALS_ALSO_NOTIFIED, EmailFault.ERROR_NOTIFICATION_WRONG_TYPE})
    assert refusals.refusals_notified and refusals.refusals_answered_as_success and refusals.error_notified_as_operation_failed
    assert EmailBehaviour.of({ContentChoice.REFUSALS_ALSO_NOTIFIED}).refusals_answered_as_success is False
