"""What the CometD endpoint does where a switch may change it: one frozen object, built once.

The defaults are the clean server (Bayeux 1.0 in CometD 3 style); each fault or variant member
(`faults.py`, `variants.py`) names the fields it sets. Handlers read fields, never switch names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Literal

from conformance.reference.bayeux.faults import BayeuxFault
from conformance.reference.bayeux.variants import Delivery, EventMember, PeerChoice
from conformance.reference.switches import settings

SWITCHES = (BayeuxFault, PeerChoice, EventMember, Delivery)


@dataclass(frozen=True)
class BayeuxBehaviour:
    # --- handshake
    handshake_needs_credentials: bool = True
    check_handshake: bool = True  # version and supportedConnectionTypes (CometD checks neither)
    handshake_needs_version: bool = True
    handshake_needs_common_transport: bool = True
    handshake_new_session: bool = True  # never hands out a live session's clientId
    handshake_gives_client_id: bool = True
    handshake_reconnect_advice: str = "retry"
    reply_version: str = "1.0"
    advertise_long_polling: bool = True
    advertise_websocket: bool = True
    handshake_batch_ignores_others: bool = True
    handshake_batch_http_status: int | None = None  # set: such a request is answered so, unprocessed
    # --- clientIds
    random_client_ids: bool = True
    never_reuse_client_ids: bool = True
    # --- every reply
    echo_id: bool = True
    echo_numeric_id: bool = True
    error_code_args_message: bool = True
    errors_as: Literal["cometd", "faye"] = "cometd"
    process_whole_batch: bool = True
    reply_always_array: bool = True
    frame_always_array: bool = True
    serve_sub_paths: bool = True
    # --- sessions
    refuse_unknown_client: bool = True
    unknown_client_advises_handshake: bool = True
    session_bound_to_agent: bool = True  # another agent's credentials do not reach it
    disconnect_ends_session: bool = True
    expire_idle_sessions: bool = True
    websocket_needs_credentials: bool = True
    # --- connect
    connect_needs_client_id: bool = True
    connect_needs_connection_type: bool = True
    connect_honours_timeout_advice: bool = True
    hold_connects: bool = True
    hold_first_connect: bool = False  # as CometD's Java server: the first is answered at once
    hold_batched_connects: bool = True
    event_ends_long_polling_hold: bool = True
    answer_replaced_connect: bool = True
    replaced_connect_has_successful: bool = True
    replaced_connect_http_status: int | None = None  # set: a replaced long-polling hold answers so
    connect_reply_has_successful: bool = True
    connect_interval_integer: bool = True
    connect_reply_first: bool = False  # the connect reply before the events it releases
    # --- subscriptions and channels
    subscribe_needs_subscription: bool = True
    subscribe_echoes_subscription: bool = True
    unsubscribe_echoes_subscription: bool = True
    unsubscribe_removes: bool = True
    deny_meta_subscriptions: bool = True
    refuse_inner_wildcards: bool = True
    star_matches_deeper: bool = False
    double_star_matches_deeper: bool = True
    wildcard_matches_parent: bool = False
    wildcard_matches_prefix: bool = False
    deny_client_publish: bool = True
    refuse_publish_to_wildcard: bool = True
    # --- events
    per_user_channels_private: bool = True
    deliver_over_websocket: bool = True
    event_has_channel: bool = True
    event_carries_client_id: bool = False
    event_id_and_ext: bool = False
    events_per_delivery: int | None = None  # at most this many events per connect reply or frame
    late_delivery_s: tuple[float, float] | None = None  # each event this much later, seeded per event

    @classmethod
    def of(cls, switches: Iterable[str]) -> BayeuxBehaviour:
        """The behaviour with the given switches on (names of other components are ignored)."""
        return replace(cls(), **settings(switches, *SWITCHES))


FIELDS = frozenset(f.name for f in fields(BayeuxBehaviour))
