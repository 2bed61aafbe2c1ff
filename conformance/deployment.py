"""The deployment objects a target must already hold: queues and contact-store documents.

The public pages document no way to create a queue or upload a document, so a profile names
the ones its deployment has (`[queues]`, `[attachments]`); the defaults are the names the
embedded reference server uses. A check needing an object the profile does not name is
NOT-APPLICABLE, naming the profile key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from conformance.errors import NotApplicable

DEFAULT_PARKING_QUEUE = "gwsct-parking"  # Complete/Transfer with queueName: a queue that just holds emails
DEFAULT_OUTBOUND_QUEUE = "gwsct-outbound"  # Send's queueName; Reply's and Create's queueUri names it
DEFAULT_DOCUMENT_IDS = ("gwsct-doc-1", "gwsct-doc-2", "gwsct-doc-3", "gwsct-doc-4")

PARKING_KEY = "[queues].parking"
OUTBOUND_KEY = "[queues].outbound"
DOCUMENTS_KEY = "[attachments].document_ids"


@dataclass(frozen=True)
class Deployment:
    parking_queue: str | None = DEFAULT_PARKING_QUEUE
    outbound_queue: str | None = DEFAULT_OUTBOUND_QUEUE
    document_ids: tuple[str, ...] = DEFAULT_DOCUMENT_IDS

    def parking(self) -> str:
        if self.parking_queue is None:
            raise NotApplicable(f"the profile names no parking queue ({PARKING_KEY})")
        return self.parking_queue

    def outbound(self) -> str:
        if self.outbound_queue is None:
            raise NotApplicable(f"the profile names no outbound queue ({OUTBOUND_KEY})")
        return self.outbound_queue

    def queue_uri(self, base_url: str) -> str:
        """An absolute queue URI as Reply and Create expect (the Reply page: http://host:8080/api/v2/queues/{uuid})."""
        return f"{base_url.rstrip('/')}/api/v2/queues/{self.outbound()}"

    def free_document(self, attached: Iterable[str] = ()) -> str:
        """A document of the contact store not among `attached` (an email holds a document once)."""
        if not self.document_ids:
            raise NotApplicable(f"the profile names no contact-store document to attach ({DOCUMENTS_KEY} is empty)")
        held = set(attached)
        free = next((d for d in self.document_ids if d not in held), None)
        if free is None:
            raise NotApplicable(f"every document of {DOCUMENTS_KEY} is attached already; list more")
        return free

    def has_free_document(self, attached: Iterable[str] = ()) -> bool:
        return bool(set(self.document_ids) - set(attached))
