"""EmailService on its own, with a recording notifier instead of the Bayeux hub."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from conformance.reference.agents import default_agents
from conformance.reference.config import ServerConfig
from conformance.reference.email import EmailService, InboundMessage, OperationError, StatusCode
from conformance.reference.email.params import Params


class RecordingNotifier:
    def __init__(self) -> None:
        self.published: list[tuple[str, str, dict[str, Any]]] = []

    async def publish(self, agent_id: str, channel: str, data: dict[str, Any]) -> int:
        self.published.append((agent_id, channel, data))
        return 1


def test_the_service_takes_any_notifier_and_publishes_only_on_success():
    async def scenario() -> RecordingNotifier:
        notifier = RecordingNotifier()
        config = ServerConfig(port=8080)
        service = EmailService(config, notifier, "http://gws.test:8080/")
        agent = default_agents()[0]
        await service.me_operation(agent, {"operationName": "StartContactCenterSession", "channels": ["email"]})
        await service.channel_operation(agent, {"operationName": "Ready"})
        email_id = await service.deliver(InboundMessage(from_address="c@example.test", to=("x@example.test",)))
        with pytest.raises(OperationError) as refused:
            await service.email_operation(agent, email_id, {"operationName": "Complete"})
        assert refused.value.code is StatusCode.INVALID_STATE
        outcome = await service.email_operation(agent, email_id, {"operationName": "Accept"})
        assert outcome.operation == "Accept"
        assert notifier.published[-1][2]["referenceId"] == outcome.reference_id
        return notifier

    notifier = asyncio.run(scenario())
    channels = [(agent_id, channel, data.get("email", {}).get("state")) for agent_id, channel, data in notifier.published]
    assert channels == [
        ("agent1", "/v2/me/channels", None),
        ("agent1", "/v2/me/emails", "Invited"),
        ("agent1", "/v2/me/emails", "Processing"),
    ]
    assert notifier.published[1][2]["email"]["uri"].startswith("http://gws.test:8080/api/v2/me/emails/")


@pytest.mark.parametrize("value", ["yes", 1, 0, None, "", {}, [], "true"])
def test_booleans_must_be_json_booleans(value):
    with pytest.raises(OperationError) as refused:
        Params({"saveLAR": value}).boolean("saveLAR")
    assert refused.value.code is StatusCode.BAD_VALUE and "saveLAR" in refused.value.message


def test_absent_parameters_and_nested_names():
    params = Params({"email": {"to": "a@x.test, b@x.test"}})
    assert params.boolean("saveLAR") is None and params.string("queueName") is None
    draft = params.obj("email")
    assert draft.addresses("to") == ["a@x.test", "b@x.test"]
    with pytest.raises(OperationError) as missing:
        draft.string("from", required=True)
    assert (missing.value.code, missing.value.message) == (StatusCode.MISSING_PARAMETER, "Missing required parameter 'email.from'")
