"""Lookup parameters: values that name deployment objects, held to ones the target knows.

A random queueName or userUri is schema-valid, yet a real deployment refuses it because no
such queue or user exists. In the schema-valid stream (and in the bases of the curated
violations) these members keep the suite's own names (`conformance.model.params`, the same
queues every other check uses), so that a refusal is about the fuzzed values;
schemathesis' negative stream keeps its random ones. Save and Send's addresses are held to
plausible ones too: the docs say only "addresses", so a target may refuse "gwsct" as one.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from conformance.fuzz.cases import FuzzCase
from conformance.fuzz.fields import Path
from conformance.model.params import CUSTOMER, OUTBOUND_QUEUE, PARKING_QUEUE, queue_uri


@dataclass
class Pins:
    base_url: str
    peer_user_uri: str | None  # Transfer by userUri needs a second agent with a session
    agent_address: str = "gwsct-agent@example.test"  # Save/Send's from: the fuzzing agent's address
    _documents: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def queue_uri(self) -> str:
        return queue_uri(self.base_url)

    def new_document_id(self) -> str:
        # Counted, not random (as conformance.model.params draws them): a replay sends the same.
        return f"gwsct-doc-{next(self._documents)}"


def _frozen(path: Path, case: FuzzCase) -> bool:
    return any(path[: len(f)] == f or f[: len(path)] == path for f in case.frozen)


def pin(case: FuzzCase, body: Any, pins: Pins, attached_document: str | None) -> Any:
    """`body` with its lookup members replaced (members of the curated violation are kept)."""
    if not case.pins_lookups or not isinstance(body, dict):
        return body
    pinned = dict(body)

    def replace(name: str, value: Any) -> None:
        if name in pinned and not _frozen((name,), case):
            pinned[name] = value

    name = case.op.name
    replace("queueName", OUTBOUND_QUEUE if name == "Send" else PARKING_QUEUE)
    replace("queueUri", pins.queue_uri)
    if "userUri" in pinned and not _frozen(("userUri",), case):
        if pins.peer_user_uri is not None:
            pinned["userUri"] = pins.peer_user_uri
        elif not _frozen(("queueName",), case):
            # No second agent to transfer to: the queue alternative of Transfer instead.
            del pinned["userUri"]
            pinned["queueName"] = PARKING_QUEUE
    if "parentId" in pinned and not _frozen(("parentId",), case):
        del pinned["parentId"]  # optional; a parent is one more object the target must know
    if name in ("Save", "Send") and isinstance(pinned.get("email"), dict):
        pinned["email"] = _plausible_addresses(pinned["email"], case, pins)
    if name == "AddAttachment":
        replace("documentId", pins.new_document_id())
    elif name == "RemoveAttachment" and attached_document is not None:
        replace("documentId", attached_document)
    return pinned



def _plausible_addresses(draft: dict[str, Any], case: FuzzCase, pins: Pins) -> dict[str, Any]:
    """The draft with plausible addresses in to, from, cc and bcc (kept: the curated violation's),
    in the shape the fuzzer chose (an array, or a comma-delimited string)."""
    pinned = dict(draft)
    for name, address in (("to", CUSTOMER), ("from", pins.agent_address), ("cc", CUSTOMER), ("bcc", CUSTOMER)):
        if name not in pinned or _frozen(("email", name), case):
            continue
        value = pinned[name]
        if isinstance(value, str):
            pinned[name] = address
        elif isinstance(value, list) and value:
            pinned[name] = [address]
    return pinned
