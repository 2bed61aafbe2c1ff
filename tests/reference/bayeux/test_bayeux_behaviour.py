"""Every Bayeux switch is data: it names the BayeuxBehaviour fields it sets, each to a value of
the field's type other than the clean server's."""

from __future__ import annotations

import dataclasses
import types
import typing

import pytest

from conformance.reference.bayeux.behaviour import FIELDS, SWITCHES, BayeuxBehaviour
from conformance.reference.bayeux.faults import BayeuxFault
from conformance.reference.bayeux.variants import PeerChoice

MEMBERS = [member for enum in SWITCHES for member in enum]
HINTS = typing.get_type_hints(BayeuxBehaviour)


@pytest.mark.parametrize("member", MEMBERS, ids=str)
def test_switch_sets_fields_of_the_behaviour(member) -> None:
    sets = member.record.sets
    assert sets, f"{member} sets no field of BayeuxBehaviour"
    clean = BayeuxBehaviour()
    for name, value in sets.items():
        assert name in FIELDS, (member, name)
        assert value != getattr(clean, name), (member, name, "already the default")
        hint = HINTS[name]
        allowed = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
        if typing.get_origin(hint) is typing.Literal:
            assert value in typing.get_args(hint), (member, name, value)
        else:
            kinds = tuple(typing.get_origin(k) or k for k in allowed)
            assert isinstance(value, kinds), (member, name, value, hint)


def test_behaviour_is_built_from_the_active_switches_only() -> None:
    assert BayeuxBehaviour.of(()) == BayeuxBehaviour()
    assert BayeuxBehaviour.of({"accept-http-204"}) == BayeuxBehaviour()  # another component's switch
    behaviour = BayeuxBehaviour.of({BayeuxFault.NO_ID_ECHO, PeerChoice.FAYE_ERRORS})
    assert behaviour == dataclasses.replace(BayeuxBehaviour(), echo_id=False, errors_as="faye", connect_reply_first=True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        behaviour.echo_id = True  # type: ignore[misc]


def test_two_switches_may_set_one_field_alike() -> None:
    both = {BayeuxFault.CONNECT_WITHOUT_CONNECTIONTYPE_ACCEPTED, PeerChoice.COMETD_CONNECTION_TYPE_UNCHECKED}
    assert BayeuxBehaviour.of(both).connect_needs_connection_type is False
