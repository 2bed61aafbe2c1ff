"""Email interactions of the reference server: lifecycle, routing, operations, faults."""

from conformance.reference.email.errors import OperationError, StatusCode
from conformance.reference.email.model import InboundAttachment, InboundMessage
from conformance.reference.email.notifications import Notifier
from conformance.reference.email.service import EmailService, OperationResult

__all__ = [
    "EmailService",
    "InboundAttachment",
    "InboundMessage",
    "Notifier",
    "OperationError",
    "OperationResult",
    "StatusCode",
]
