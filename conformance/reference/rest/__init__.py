"""The REST side of the reference server: /api/v2 routes, body parsing, answer shapes."""

from conformance.reference.rest.routes import EmailApi

__all__ = ["EmailApi"]
