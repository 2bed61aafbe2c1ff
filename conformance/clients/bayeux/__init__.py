"""Our own Bayeux (CometD) client on httpx: a wire layer for protocol checks (any message, batched
or malformed, and the raw replies), a session layer for feature checks (handshake, the connect
loop, subscriptions, an inbox of events)."""

from conformance.clients.bayeux.channels import channel_matches, is_valid_channel
from conformance.clients.bayeux.inbox import Delivery, Inbox
from conformance.clients.bayeux.messages import BayeuxError, parse_error
from conformance.clients.bayeux.session import BayeuxSession
from conformance.clients.bayeux.websocket import WebSocketWire
from conformance.clients.bayeux.wire import LongPollingWire, WireReply

__all__ = [
    "BayeuxError",
    "BayeuxSession",
    "Delivery",
    "Inbox",
    "LongPollingWire",
    "WebSocketWire",
    "WireReply",
    "channel_matches",
    "is_valid_channel",
    "parse_error",
]
