"""Judging Bayeux meta replies and deliveries."""

from __future__ import annotations

from typing import Any

from conformance.clients.bayeux.inbox import Delivery
from conformance.clients.bayeux.messages import id_key, parse_error
from conformance.clients.bayeux.wire import WireReply
from conformance.errors import Blocked, CheckFailed, HarnessError, NoAnswer


def _no_answer(reply: WireReply, what: str) -> Blocked:
    """Silence proves nothing, even where a refusal is expected: the check is BLOCKED."""
    return Blocked(NoAnswer.STEP, f"{what}: no answer ({reply.error})")


def _unreadable(reply: WireReply, what: str) -> Blocked:
    """An answer a refusal check cannot read: neither a refusal nor an acceptance can be told."""
    return Blocked("read the answer", f"{what}: no Bayeux reply could be read ({reply.error or 'no reply'}), so whether it was refused cannot be told")


def answered(reply: WireReply, what: str) -> None:
    """Something came back (any status, any body): else the check is BLOCKED."""
    if reply.unanswered:
        raise _no_answer(reply, what)


def _meta_reply(reply: WireReply, channel: str) -> dict[str, Any]:
    if reply.unanswered:
        raise _no_answer(reply, channel)
    if reply.error:
        raise CheckFailed(f"{channel}: no usable reply ({reply.error})", expected=f"a {channel} reply", observed=reply.raw[:500].decode("utf-8", "replace"))
    answers = reply.by_channel(channel)
    if len(answers) != 1:
        raise CheckFailed(f"expected exactly one {channel} reply, got {len(answers)}", expected=1, observed=reply.messages)
    return answers[0]


def handshake_succeeded(reply: WireReply) -> None:
    """successful true, version, a non-empty clientId and long-polling among the transports."""
    answer = _meta_reply(reply, "/meta/handshake")
    if answer.get("successful") is not True:
        raise CheckFailed(f"the handshake failed: {answer.get('error')!r}", expected="successful: true", observed=answer)
    client_id = answer.get("clientId")
    if not isinstance(client_id, str) or not client_id:
        raise CheckFailed("the successful handshake carries no clientId", expected="a non-empty clientId string", observed=answer)
    types = answer.get("supportedConnectionTypes")
    if not isinstance(types, list) or "long-polling" not in types:
        raise CheckFailed("the handshake does not offer long-polling", expected="long-polling in supportedConnectionTypes", observed=types)
    if not isinstance(answer.get("version"), str):
        raise CheckFailed("the handshake reply has no version string", expected='version "1.0"', observed=answer.get("version"))


def subscription_echoed(reply: WireReply, subscription: str | list[str]) -> None:
    """The subscribe reply is successful and echoes the subscription as sent."""
    answer = _meta_reply(reply, "/meta/subscribe")
    if answer.get("successful") is not True:
        raise CheckFailed(f"the subscription failed: {answer.get('error')!r}", expected="successful: true", observed=answer)
    if answer.get("subscription") != subscription:
        raise CheckFailed("the subscribe reply does not echo the subscription", expected=subscription, observed=answer.get("subscription"))


def arrived(delivery: Delivery | None, what: str) -> Delivery:
    if delivery is None:
        raise CheckFailed(f"{what} never arrived", expected=what, observed=None)
    return delivery


def message_types(deliveries: list[Delivery]) -> None:
    """Every /v2/ delivery's data carries a messageType string."""
    for delivery in deliveries:
        data = delivery.data
        if isinstance(delivery.channel, str) and delivery.channel.startswith("/v2/"):
            if not isinstance(data, dict) or not isinstance(data.get("messageType"), str):
                raise CheckFailed(f"a notification on {delivery.channel} has no data.messageType", expected="data.messageType", observed=delivery.message)


# --- the BAYEUX-* section: replies located by id, errors judged by code class -------------

REFUSAL_CLASS = 400


def _raw(reply: WireReply) -> str:
    return reply.raw[:500].decode("utf-8", "replace")


def answer_to(reply: WireReply, sent: dict[str, Any], what: str, *, refusal_expected: bool = False) -> dict[str, Any]:
    """The reply to `sent`, located by its id on its channel, never by position.

    No answer at all BLOCKS the check; so does, where a refusal is expected, an answer with
    no readable message that is not an HTTP 4xx refusal either."""
    answer = reply.reply_to(sent.get("id"), sent.get("channel"))
    if answer is not None and answer.get("channel") == sent.get("channel"):
        return answer
    if reply.unanswered:
        raise _no_answer(reply, what)
    if refusal_expected and not reply.messages and not reply.refused_by_http:
        raise _unreadable(reply, what)
    if reply.error and not reply.messages:
        raise CheckFailed(f"{what}: no usable answer ({reply.error})", expected=f"a {sent.get('channel')} reply", observed=_raw(reply))
    raise CheckFailed(
        f"{what}: no {sent.get('channel')} reply with id {sent.get('id')!r}",
        expected=f"a {sent.get('channel')} reply carrying id {sent.get('id')!r}",
        observed=reply.messages or reply.error,
    )


def released(reply: WireReply, sent: dict[str, Any], what: str) -> dict[str, Any] | None:
    """A held /meta/connect was answered: with its reply, or, as CometD answers a connect that a
    newer one replaced, with an HTTP error status and no Bayeux message (HTTP 408 in CometD 3.1,
    HTTP 500 in later CometD and cometd-nodejs-server). None for the HTTP-level answer.

    A Bayeux reply is the one carrying the request's id, never another connect's, and carries
    `successful`, as every connect response must; true or false is the server's choice (CometD
    answers a replaced connect with an error, a server may say so in a reply)."""
    if reply.status is not None and reply.status >= 400 and not reply.messages:
        return None
    if sent.get("id") is None:
        raise HarnessError(f"{what}: the connect was sent without an id, so its reply cannot be told from another's")
    answer = answer_to(reply, sent, what)
    if not isinstance(answer.get("successful"), bool):
        raise CheckFailed(
            f"{what}: the connect reply with id {sent.get('id')!r} carries no boolean successful",
            expected="a /meta/connect reply carrying the request's id and successful (true or false)",
            observed=answer,
        )
    return answer


def meta_successful(reply: WireReply, sent: dict[str, Any], what: str) -> dict[str, Any]:
    answer = answer_to(reply, sent, what)
    if answer.get("successful") is not True:
        raise CheckFailed(f"{what} was not successful: {answer.get('error')!r}", expected="successful: true", observed=answer)
    return answer


def refused_with_class(reply: WireReply, sent: dict[str, Any], what: str, code_class: int = REFUSAL_CLASS) -> dict[str, Any]:
    """successful false with an error string whose three-digit code is in `code_class` (40x)."""
    answer = answer_to(reply, sent, what, refusal_expected=True)
    expected = f"successful: false with a {code_class // 100}xx error code"
    if answer.get("successful") is not False:
        raise CheckFailed(f"{what} was not refused (successful {answer.get('successful')!r})", expected=expected, observed=answer)
    error = parse_error(answer.get("error"))
    if error is None or error.code is None:
        raise CheckFailed(f"{what} was refused without a code:args:message error", expected=expected, observed=answer)
    if error.code_class != code_class:
        raise CheckFailed(f"{what} was refused with code {error.code}, not a {code_class // 100}xx code", expected=expected, observed=answer)
    return answer


def not_successful(reply: WireReply, sent: dict[str, Any], what: str) -> None:
    """Refused: an HTTP 4xx answer, or a reply with successful false and an error."""
    if reply.refused_by_http:
        return
    answer = answer_to(reply, sent, what, refusal_expected=True)
    if answer.get("successful") is not False:
        raise CheckFailed(f"{what} was not refused (successful {answer.get('successful')!r})", expected="successful: false", observed=answer)
    if not isinstance(answer.get("error"), str):
        raise CheckFailed(f"{what} was refused without an error string", expected="successful: false with an error", observed=answer)


def no_session(reply: WireReply, sent: dict[str, Any], what: str) -> None:
    """The handshake was refused (an HTTP 4xx, or a handshake reply with successful false) and
    no session granted. No answer, or one that is neither (garbage, a 5xx, no handshake
    reply), BLOCKS the check: silence is not a refusal."""
    answer = reply.reply_to(sent.get("id"), sent.get("channel"))
    replies = [answer] if answer else reply.by_channel(sent["channel"])
    granted = [m for m in replies if m.get("successful") is True]
    if granted:
        raise CheckFailed(f"{what} got a session (clientId {granted[0].get('clientId')!r})", expected="a refusal", observed=granted[0])
    if reply.refused_by_http or any(m.get("successful") is False for m in replies):
        return
    if reply.unanswered:
        raise _no_answer(reply, what)
    raise _unreadable(reply, what)


def upgrade_refused(status: int, what: str) -> None:
    """A WebSocket upgrade answered with an HTTP 4xx is a refusal; any other status is not an
    answer to the credentials (BLOCKED)."""
    if not 400 <= status < 500:
        raise Blocked("read the answer", f"{what}: the WebSocket upgrade was answered HTTP {status}, neither a session nor a refusal")


def client_id_issued(answer: dict[str, Any]) -> str:
    client_id = answer.get("clientId")
    if not isinstance(client_id, str) or not client_id:
        raise CheckFailed("the successful handshake carries no clientId", expected="a non-empty clientId string", observed=answer)
    return client_id


def newly_generated_client_ids(handshakes: list[tuple[WireReply, dict[str, Any]]], what: str) -> None:
    """Each handshake (reply, request) succeeded with a non-empty clientId, and no two share one:
    a clientId handed out again was not newly generated."""
    issued = [client_id_issued(meta_successful(reply, sent, what)) for reply, sent in handshakes]
    if len(set(issued)) != len(issued):
        raise CheckFailed(
            f"{len(issued)} handshakes were answered with {len(set(issued))} distinct clientId(s)",
            expected="a newly generated clientId for each handshake",
            observed=issued,
        )


def handshake_describes_itself(answer: dict[str, Any]) -> None:
    """version and supportedConnectionTypes, including long-polling."""
    if not isinstance(answer.get("version"), str) or not answer["version"]:
        raise CheckFailed("the handshake reply has no version string", expected='version "1.0"', observed=answer)
    offers_connection_type(answer, "long-polling")


def offers_connection_type(answer: dict[str, Any], transport: str) -> None:
    types = answer.get("supportedConnectionTypes")
    if not isinstance(types, list) or transport not in types:
        raise CheckFailed(
            f"the handshake reply does not offer {transport}", expected=f"{transport} in supportedConnectionTypes", observed=types
        )


def id_echoed(reply: WireReply, sent: dict[str, Any], what: str) -> None:
    """A reply on the request's channel carries the request's id (compared by value)."""
    on_channel = reply.by_channel(sent["channel"])
    if reply.unanswered:
        raise _no_answer(reply, what)
    if not on_channel:
        raise CheckFailed(f"{what}: no {sent['channel']} reply", expected=f"a reply with id {sent.get('id')!r}", observed=reply.messages or reply.error)
    if reply.reply_to(sent.get("id"), sent["channel"]) is None:
        raise CheckFailed(
            f"{what}: the reply does not carry the request's id",
            expected=f"id {sent.get('id')!r}",
            observed=[m.get("id", "(no id)") for m in on_channel],
        )


RECONNECT_VALUES = ("retry", "handshake", "none")


def well_formed_advice(answer: dict[str, Any], what: str, *, integer_ms: bool = False, per_transport: bool = False) -> None:
    """Absent, or an object: reconnect retry|handshake|none, interval and timeout numbers (integers
    with `integer_ms`), timeout >= 0; with `per_transport`, each transport's own section too."""
    if "advice" not in answer:
        return
    advice = answer["advice"]
    unit = "integer ms" if integer_ms else "ms"
    expected = f"advice {{reconnect: retry|handshake|none, interval: {unit}, timeout: {unit} >= 0}}"
    if not isinstance(advice, dict):
        raise CheckFailed(f"{what}: advice is not an object", expected=expected, observed=answer)
    sections = [("advice", advice)]
    if per_transport:
        sections += [(f"advice[{k!r}]", v) for k, v in advice.items() if isinstance(v, dict)]
    for where, section in sections:
        problem = _advice_problem(section, integer_ms)
        if problem:
            raise CheckFailed(f"{what}: {where} {problem}", expected=expected, observed=answer)


def _advice_problem(advice: dict[str, Any], integer_ms: bool) -> str | None:
    is_ms, kind = (_is_integer, "an integer") if integer_ms else (_is_number, "a number")
    if "reconnect" in advice and advice["reconnect"] not in RECONNECT_VALUES:
        return f"reconnect {advice['reconnect']!r} is not retry, handshake or none"
    if "interval" in advice and not is_ms(advice["interval"]):
        return f"interval {advice['interval']!r} is not {kind} of milliseconds"
    if "timeout" in advice and not (is_ms(advice["timeout"]) and advice["timeout"] >= 0):
        return f"timeout {advice['timeout']!r} is not {kind} of milliseconds >= 0"
    return None


def advises_reconnect(answer: dict[str, Any], transport: str, expected: str, what: str) -> None:
    """The effective advice (top level, overridden by the transport's own section) says `expected`."""
    advice = answer.get("advice")
    effective = dict(advice) if isinstance(advice, dict) else {}
    nested = effective.get(transport)
    if isinstance(nested, dict):
        effective.update(nested)
    if effective.get("reconnect") != expected:
        raise CheckFailed(f"{what} does not advise reconnect {expected!r}", expected=f"advice {{reconnect: {expected}}}", observed=answer)


def subscription_in_reply(answer: dict[str, Any], subscription: str | list[str], what: str) -> None:
    """An (un)subscribe reply echoes the subscription exactly as it was sent."""
    if answer.get("subscription") != subscription:
        raise CheckFailed(f"{what} does not echo the subscription", expected=subscription, observed=answer)


def answered_within(elapsed: float, bound: float, what: str, observed: object = None) -> None:
    if elapsed > bound:
        raise CheckFailed(f"{what} took {elapsed:.2f} s", expected=f"an answer within {bound:.2f} s", observed=observed or f"{elapsed:.3f} s")


def held_about(elapsed: float, advertised: float, what: str) -> None:
    """Held at least half the advertised timeout and at most 1.5 times it plus 2 s."""
    low, high = advertised * 0.5, advertised * 1.5 + 2.0
    if not low <= elapsed <= high:
        raise CheckFailed(
            f"{what} was held {elapsed:.2f} s; the target advertises a {advertised:g} s timeout",
            expected=f"held between {low:.2f} s and {high:.2f} s",
            observed=f"{elapsed:.3f} s",
        )


def one_reply_each(reply: WireReply, batch: list[dict[str, Any]], what: str) -> None:
    """Exactly one reply per meta message of the batch, found by its id on its channel."""
    if reply.unanswered:
        raise _no_answer(reply, what)
    if reply.error and not reply.messages:
        raise CheckFailed(f"{what}: no usable answer ({reply.error})", expected=f"{len(batch)} replies", observed=_raw(reply))
    problems = []
    for sent in batch:
        matching = [m for m in reply.by_channel(sent["channel"]) if id_key(m.get("id")) == id_key(sent["id"])]
        if len(matching) != 1:
            problems.append(f"{len(matching)} {sent['channel']} replies with id {sent['id']!r}")
    if problems:
        raise CheckFailed(f"{what}: " + "; ".join(problems), expected="one reply per message, each with its id", observed=reply.messages)


def event_envelope(message: dict[str, Any], channel: str, what: str) -> None:
    """A delivered event names the channel it was published on and carries data."""
    if message.get("channel") != channel:
        raise CheckFailed(f"{what} does not name its channel {channel}", expected={"channel": channel, "data": "..."}, observed=message)
    if "data" not in message:
        raise CheckFailed(f"{what} carries no data", expected={"channel": channel, "data": "..."}, observed=message)


def no_foreign_client_id(message: dict[str, Any], own: str | None, what: str) -> None:
    client_id = message.get("clientId")
    if client_id is not None and client_id != own:
        raise CheckFailed(f"{what} carries another client's clientId", expected=f"no clientId other than {own!r}", observed=message)


def nothing_delivered(delivery: Delivery | None, what: str) -> None:
    if delivery is not None:
        raise CheckFailed(f"{what} was delivered", expected="no delivery", observed=delivery.message)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_integer(value: object) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
