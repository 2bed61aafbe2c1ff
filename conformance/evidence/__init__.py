"""Evidence of one check: the merged timeline of its HTTP exchanges and Bayeux messages."""

from conformance.evidence.recorder import Recorder, SharedRecorder, current_recorder, recording_into, shared_context, use_recorder
from conformance.evidence.redact import redact_headers, redact_text

__all__ = ["Recorder", "SharedRecorder", "current_recorder", "recording_into", "shared_context", "use_recorder", "redact_headers", "redact_text"]
