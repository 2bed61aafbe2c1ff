"""The Bayeux protocol, without a transport: each message in, its reply or a connect to hold out.

`handle(message, context)` answers one message (a reply, or a `Hold` for a /meta/connect);
`dispatch(batch, context)` applies the batch rules; `settle(hold)` is a held connect's reply once
its hold ends, `answer(hold, reply)` that reply with the events it releases, in order. Nothing
here knows HTTP or WebSocket: `transports.py` carries the messages, `holds.py` waits.

Authentication: a handshake without valid credentials gets `403::Handshake denied` with advice
`{reconnect: none}`; any other message whose credentials do not name the session's agent gets
`402::Unknown client` (the other agent's session is neither revealed nor touched).

Connect hold: as CometD, the first /meta/connect after a handshake is answered at once; later
ones are held for min(client advice.timeout, config timeout).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conformance.reference.bayeux.behaviour import BayeuxBehaviour
from conformance.reference.bayeux.channels import channel_error, has_inner_wildcard, is_meta, is_service, is_wildcard
from conformance.reference.bayeux.holds import Hold, Lifecycle
from conformance.reference.bayeux.origin import LONG_POLLING, WEBSOCKET, Context
from conformance.reference.bayeux.sessions import Message, SessionTable

BAYEUX_VERSION = "1.0"


class Protocol:
    def __init__(
        self,
        behaviour: BayeuxBehaviour,
        sessions: SessionTable,
        lifecycle: Lifecycle,
        *,
        timeout_ms: int,
        interval_ms: int,
        websocket: bool,
        client_publish: Callable[[str, str, Any], None],
    ) -> None:
        self._behaviour = behaviour
        self._sessions = sessions
        self._lifecycle = lifecycle
        self._timeout_ms = timeout_ms
        self._interval_ms = interval_ms
        self.connection_types = [LONG_POLLING, WEBSOCKET] if websocket else [LONG_POLLING]
        self._client_publish = client_publish  # a client's publish the behaviour lets through

    def settle(self, hold: Hold) -> Message:
        """The reply of a connect whose hold has ended; takes the events it releases."""
        session = hold.session
        if session.removed in ("expired", "dropped"):
            return self.unknown_client(hold.message)
        session.connected = True
        reply = self._reply(hold.message, successful=True)
        if not self._behaviour.connect_reply_has_successful:
            del reply["successful"]
        if session.removed == "disconnect":
            reply["advice"] = {"reconnect": "none", "interval": self._interval_ms}
        else:
            reply["advice"] = self._retry_advice()
            if not self._behaviour.connect_interval_integer:
                reply["advice"]["interval"] = self._interval_ms + 0.5
        hold.superseded = session.generation != hold.generation
        if not hold.abandoned and not hold.superseded:
            hold.events = session.drain(self._behaviour.events_per_delivery)
        return reply

    def _reply(self, message: Message, **fields: Any) -> Message:
        reply: Message = {"channel": message.get("channel")}
        if "id" in message and self._behaviour.echo_id:
            if isinstance(message["id"], str) or self._behaviour.echo_numeric_id:
                reply["id"] = message["id"]
        reply.update(fields)
        return reply

    def _error(self, message: Message, error: str, **fields: Any) -> Message:
        if not self._behaviour.error_code_args_message:
            error = error.split(":", 2)[-1]  # "402::Unknown client" -> "Unknown client"
        reply = self._reply(message, successful=False, error=error, **fields)
        if self._behaviour.errors_as == "faye" and reply["channel"] in ("/meta/handshake", "/meta/connect"):
            reply["advice"] = {"reconnect": "handshake"}  # faye advises every failed handshake or connect so
        return reply

    def unknown_client(self, message: Message) -> Message:
        if self._behaviour.errors_as == "faye":
            client_id = message.get("clientId")
            return self._error(message, f"401:{client_id if isinstance(client_id, str) else ''}:Unknown client")
        reply = self._error(message, "402::Unknown client")
        if self._behaviour.unknown_client_advises_handshake:
            reply["advice"] = {"reconnect": "handshake", "interval": 0}
        return reply

    def answer(self, hold: Hold, reply: Message) -> list[Message]:
        """A held connect's part of the answer: the events it releases and its reply."""
        if not self._behaviour.replaced_connect_has_successful and hold.superseded:
            reply = {k: v for k, v in reply.items() if k != "successful"}
        if self._behaviour.connect_reply_first:
            return [reply, *hold.events]  # faye puts the connect reply first
        return [*hold.events, reply]

    def _retry_advice(self) -> Message:
        return {"reconnect": "retry", "interval": self._interval_ms, "timeout": self._timeout_ms}

    # ------------------------------------------------------------------ message handling

    def dispatch(self, messages: list[object], context: Context) -> tuple[list[Message], list[Hold]]:
        """Immediate replies, and the connects still to be held (their replies come later)."""
        if not self._behaviour.process_whole_batch:
            messages = messages[:1]
        for message in messages:
            if isinstance(message, dict) and message.get("channel") == "/meta/handshake":
                # A handshake in a batch: the other messages of that batch are ignored.
                if self._behaviour.handshake_batch_ignores_others:
                    return [self._handshake(message, context)], []
        replies: list[Message] = []
        holds: list[Hold] = []
        for message in messages:
            result = self.handle(message, context)
            if isinstance(result, Hold):
                holds.append(result)
            else:
                replies.append(result)
        if not self._behaviour.hold_batched_connects and len(messages) > 1:
            for hold in holds:
                hold.timeout = 0  # CometD suspends a connect only when it came alone
        return replies, holds

    def handle(self, message: object, context: Context) -> Message | Hold:
        if not isinstance(message, dict):
            return {"successful": False, "error": "400::message_not_an_object"}
        channel = message.get("channel")
        if not isinstance(channel, str) or not channel:
            reply: Message = {"successful": False, "error": "400::channel_missing"}
            if "id" in message and self._behaviour.echo_id:
                reply["id"] = message["id"]
            return reply
        if channel == "/meta/handshake":  # only under a fault: _dispatch answers a handshake alone
            return self._handshake(message, context)
        if channel == "/meta/connect":
            return self._connect(message, context)
        if channel in ("/meta/subscribe", "/meta/unsubscribe"):
            return self._subscription(message, context, subscribe=channel == "/meta/subscribe")
        if channel == "/meta/disconnect":
            return self._disconnect(message, context)
        if is_meta(channel):
            return self._error(message, f"404:{channel}:unknown_channel")
        return self._publish_from_client(message, context)

    def _handshake(self, message: Message, context: Context) -> Message:
        behaviour = self._behaviour
        if context.agent_id is None and behaviour.handshake_needs_credentials:
            return self._error(message, "403::Handshake denied", advice={"reconnect": "none"})
        # CometD's servers check neither the version nor the connection types of a handshake.
        validate = behaviour.check_handshake
        version = message.get("version")
        if validate and (not isinstance(version, str) or not version) and behaviour.handshake_needs_version:
            return self._error(message, "402:version:Missing required parameter", advice={"reconnect": "none"})
        if validate and isinstance(version, str) and version and version.split(".")[0] != "1":
            return self._error(
                message,
                f"300:{BAYEUX_VERSION}:version_mismatch",
                version=BAYEUX_VERSION,
                advice={"reconnect": "none"},
            )
        offered = message.get("supportedConnectionTypes")
        if validate and (not isinstance(offered, list) or not offered):
            return self._error(
                message, "402:supportedConnectionTypes:Missing required parameter", advice={"reconnect": "none"}
            )
        common = isinstance(offered, list) and any(t in self.connection_types for t in offered if isinstance(t, str))
        if validate and not common and behaviour.handshake_needs_common_transport:
            assert isinstance(offered, list)  # with validate, anything else was refused above
            types = ",".join(str(t) for t in offered)
            return self._error(
                message,
                f"301:{types}:Connection types not supported",
                version=BAYEUX_VERSION,
                supportedConnectionTypes=list(self.connection_types),
                advice={"reconnect": "none"},
            )
        reused = None if behaviour.handshake_new_session else self._sessions.live_session_of(context.agent_id)
        session = self._sessions.keep(reused) if reused else self._sessions.open(context.agent_id)
        hidden = {LONG_POLLING: not behaviour.advertise_long_polling, WEBSOCKET: not behaviour.advertise_websocket}
        advertised = [t for t in self.connection_types if not hidden[t]]
        advice = self._retry_advice()
        advice["reconnect"] = behaviour.handshake_reconnect_advice
        reply = self._reply(
            message,
            version=behaviour.reply_version,
            minimumVersion=BAYEUX_VERSION,
            supportedConnectionTypes=advertised,
            successful=True,
            advice=advice,
        )
        if behaviour.handshake_gives_client_id:
            reply["clientId"] = session.client_id
        return reply

    def _connect(self, message: Message, context: Context) -> Message | Hold:
        behaviour = self._behaviour
        session = self._sessions.for_message(message, context.agent_id)
        if session is None:
            anonymous = "clientId" not in message and not behaviour.connect_needs_client_id
            if not behaviour.refuse_unknown_client or anonymous:
                return self._reply(message, successful=True, advice=self._retry_advice())
            return self.unknown_client(message)
        connection_type = message.get("connectionType")
        if not isinstance(connection_type, str) or not connection_type:
            if behaviour.connect_needs_connection_type:
                return self._error(message, "402:connectionType:Missing required parameter", advice=self._retry_advice())
            connection_type = context.transport
        if connection_type not in self.connection_types:
            return self._error(
                message, f"301:{connection_type}:Connection type not supported", advice={"reconnect": "handshake"}
            )
        if context.socket is not None and session.socket is not context.socket:
            if session.socket is not None:
                session.socket.sessions.discard(session)
            session.socket = context.socket
            context.socket.sessions.add(session)
        elif context.socket is None and session.socket is not None:
            session.socket.sessions.discard(session)
            session.socket = None
        timeout: float = self._timeout_ms
        advice = message.get("advice")
        if isinstance(advice, dict) and behaviour.connect_honours_timeout_advice:
            asked = advice.get("timeout")
            if isinstance(asked, (int, float)) and not isinstance(asked, bool) and asked >= 0:
                timeout = min(timeout, asked)
        if not session.connected and not behaviour.hold_first_connect:
            # As CometD: the first connect after a handshake is answered at once, so that the
            # client knows it is connected (and aiocometd's open() does not wait for a hold).
            timeout = 0
        if not behaviour.hold_connects or self._lifecycle.closing:
            timeout = 0
        return Hold(session, message, context, timeout / 1000)

    def _subscription(self, message: Message, context: Context, *, subscribe: bool) -> Message:
        session = self._sessions.for_message(message, context.agent_id)
        if session is None:
            return self.unknown_client(message)
        requested = message.get("subscription")
        names = requested if isinstance(requested, list) else [requested]
        verb = "subscribe" if subscribe else "unsubscribe"
        behaviour = self._behaviour
        if requested is None and not behaviour.subscribe_needs_subscription:
            return self._reply(message, successful=True)
        if requested is None or not names:
            return self._error(message, "403::subscription_missing", subscription=requested)
        channels: list[str] = []
        for name in names:
            if not isinstance(name, str):
                return self._error(message, "405::invalid_channel", subscription=requested)
            if is_meta(name) and behaviour.deny_meta_subscriptions:
                denial = "Forbidden channel" if behaviour.errors_as == "faye" else f"{verb}_denied"
                return self._error(message, f"403:{name}:{denial}", subscription=requested)
            if channel_error(name, wildcard_ok=True) and not (
                not behaviour.refuse_inner_wildcards and has_inner_wildcard(name)
            ):
                return self._error(message, f"405:{name}:invalid_channel", subscription=requested)
            channels.append(name)
        for name in channels:
            if is_service(name):
                continue  # accepted, never recorded: /service/** is not broadcast
            if subscribe:
                session.subscriptions.add(name)
            elif behaviour.unsubscribe_removes:
                session.subscriptions.discard(name)
        self._sessions.notify()
        reply = self._reply(message, successful=True)
        if behaviour.subscribe_echoes_subscription if subscribe else behaviour.unsubscribe_echoes_subscription:
            reply["subscription"] = requested
        return reply

    def _disconnect(self, message: Message, context: Context) -> Message:
        session = self._sessions.for_message(message, context.agent_id)
        if session is None:
            return self.unknown_client(message)
        if self._behaviour.disconnect_ends_session:
            self._sessions.remove(session, "disconnect")
        return self._reply(message, successful=True)

    def _publish_from_client(self, message: Message, context: Context) -> Message:
        channel = message["channel"]
        wildcard = is_wildcard(channel) and not channel_error(channel, wildcard_ok=True)
        if wildcard and not self._behaviour.refuse_publish_to_wildcard:
            return self._reply(message, successful=True)
        if channel_error(channel, wildcard_ok=False):
            return self._error(message, f"405:{channel}:invalid_channel")
        if "data" not in message:
            return self._error(message, "402:data:Missing required parameter")
        if is_service(channel):
            if "clientId" in message and self._sessions.for_message(message, context.agent_id) is None:
                return self.unknown_client(message)
            return self._reply(message, successful=True)
        session = self._sessions.for_message(message, context.agent_id)
        if not self._behaviour.deny_client_publish and session is not None and session.agent_id is not None:
            self._client_publish(session.agent_id, channel, message["data"])
            return self._reply(message, successful=True)
        return self._error(message, f"403:{channel}:publish_denied")

    # ------------------------------------------------------------------ transports
