"""Judging a batch that holds a /meta/handshake: the server ignores its other messages."""

from __future__ import annotations

from typing import Any

from conformance.clients.bayeux.wire import WireReply
from conformance.errors import Blocked, CheckFailed, NoAnswer
from conformance.verify.bayeux import answer_to


def disconnect_not_answered(reply: WireReply, disconnect: dict[str, Any], what: str) -> None:
    """No successful reply to the batched /meta/disconnect. Any other answer (the handshake's
    reply alone, an HTTP error, CometD's protocol-violation 500) ignores it."""
    if reply.unanswered:
        raise Blocked(NoAnswer.STEP, f"{what}: no answer ({reply.error})")
    answer = reply.reply_to(disconnect.get("id"), disconnect.get("channel"))
    if answer is not None and answer.get("channel") == disconnect.get("channel") and answer.get("successful") is True:
        raise CheckFailed(
            f"{what}: the /meta/disconnect sent behind the handshake was processed",
            expected="the disconnect ignored (no reply to it; its session still alive)",
            observed=reply.messages,
        )


def session_alive(reply: WireReply, connect: dict[str, Any], client_id: str, what: str) -> None:
    """The /meta/connect of the session the ignored disconnect named is successful."""
    answer = answer_to(reply, connect, what)
    if answer.get("successful") is not True:
        raise CheckFailed(
            f"{what}: session {client_id} is gone, so the /meta/disconnect batched behind a handshake was processed"
            f" (the connect got {answer.get('error')!r})",
            expected="successful: true (the disconnect ignored)",
            observed=answer,
        )
