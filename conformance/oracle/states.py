"""The states of an email as the lifecycle model sees it (docs/positions.md#states)."""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    INVITED = "Invited"
    PROCESSING = "Processing"
    COMPOSING = "Composing"
    COMPLETED = "Completed"
    CANCELED = "Canceled"
    # No longer this agent's (after Reject, Transfer, Send). The wire state that follows is
    # undocumented (docs/positions.md#states), so it is never asserted; only that nothing is offered.
    ENDED = "Ended"


TERMINAL = frozenset({State.COMPLETED, State.CANCELED, State.ENDED})


def wire_name(state: State) -> str | None:
    """The `email.state` a notification must show in `state`; None when it is not asserted."""
    return None if state is State.ENDED else state.value

