"""Operations on an email id the agent has never seen.

https://enu.docs.genesys.com/Documentation:HTCC:API:ReturnValues:8.5.2
"""

from __future__ import annotations

import secrets

from conformance import steps, verify
from conformance.oracle import declared, valid_params
from conformance.profile import TargetProfile
from conformance.suites import requirement
from conformance.target import AgentHandle


@requirement("EMAIL-LIFECYCLE-02")
async def test_operations_on_unknown_email(agent: AgentHandle, peer_agent: AgentHandle, profile: TargetProfile) -> None:
    """POST every declared operation, with valid parameters, on an id the agent has never seen."""
    unknown = f"gwsct-unknown-{secrets.token_hex(6)}"
    ctx = steps.param_context(agent, profile, peer=peer_agent)
    for op in declared(profile.features):
        sent = await steps.send(agent, unknown, op.name, **valid_params(op.name, ctx))
        verify.refused(sent.reply, status_code=6, what=f"{op.name} of an unknown email")
