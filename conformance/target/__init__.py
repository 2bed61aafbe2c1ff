"""The target under test as the checks see it: its agents, its injector, its timing."""

from conformance.target.agent import AgentHandle, SetupStep
from conformance.target.invitations import Invitation, invite, receive_invitation
from conformance.target.target import Target

__all__ = ["AgentHandle", "SetupStep", "Invitation", "invite", "receive_invitation", "Target"]
