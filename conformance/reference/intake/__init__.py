"""Intake of inbound emails: the HTTP control endpoint and the SMTP listener."""

from conformance.reference.intake.control import INBOUND_PATH, ControlApi
from conformance.reference.intake.delay import DelayedIntake
from conformance.reference.intake.smtp import SmtpIntake

__all__ = ["INBOUND_PATH", "ControlApi", "DelayedIntake", "SmtpIntake"]
