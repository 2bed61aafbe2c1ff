"""What a request's parameters mean, and what its notifications carry, where the behaviour
(`EmailBehaviour`, built from the active faults) departs from the operation pages.

Each function here answers one question the service asks ("which parameters does the request
carry?", "what do its notifications say?") and answers as the healthy server would unless a
field of the behaviour says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from conformance.reference.email.behaviour import EmailBehaviour
from conformance.reference.email.errors import OperationError, StatusCode
from conformance.reference.email.model import State, UserDataValue
from conformance.reference.email.notifications import Notification
from conformance.reference.email.params import Params, bad_value, missing

UNASSIGNED_QUEUE = "unassigned"  # where faulty Transfers park emails
DEFAULT_OUTBOUND_QUEUE = "outbound"

_T = TypeVar("_T")

# --- request parameters ----------------------------------------------------------------------


class LenientParams(Params):
    """A sloppy server's reading: a value of the wrong type counts as absent, never as an error."""

    def _absent(self, name: str, required: bool) -> None:
        if required:
            raise missing(self._prefix + name)

    def _read(self, read: Callable[[], _T], name: str, required: bool) -> _T | None:
        try:
            return read()
        except OperationError as error:
            if error.code is not StatusCode.BAD_VALUE:
                raise
            self._absent(name, required)
            return None

    def string(self, name: str, *, required: bool = False, nonempty: bool = False) -> str | None:
        return self._read(lambda: super(LenientParams, self).string(name, required=required, nonempty=nonempty), name, required)

    def boolean(self, name: str) -> bool | None:
        return self._read(lambda: super(LenientParams, self).boolean(name), name, False)

    def obj(self, name: str, *, required: bool = False) -> Params | None:
        value = self._values.get(name)
        if not isinstance(value, dict):
            self._absent(name, required)
            return None
        return LenientParams(value, f"{self._prefix}{name}.")

    def addresses(self, name: str, *, required: bool = False) -> list[str] | None:
        return self._read(lambda: super(LenientParams, self).addresses(name, required=required), name, required)

    def user_data(self, name: str, *, required: bool = False, nested: bool = False) -> dict[str, UserDataValue] | None:
        if name not in self._values:
            self._absent(name, required)
            return None
        value = self._values[name]
        if not isinstance(value, dict):
            return {}  # a userData that is no object is taken as no pairs at all
        return {k: v for k, v in value.items() if v is None or (isinstance(v, (str, int, float)) and not isinstance(v, bool))}

    def strings(self, name: str, *, required: bool = False) -> list[str] | None:
        return self._read(lambda: super(LenientParams, self).strings(name, required=required), name, required)

    def size(self, name: str) -> int | float | str | None:
        return self._read(lambda: super(LenientParams, self).size(name), name, False)


def request_params(operation: str, body: Mapping[str, Any], behaviour: EmailBehaviour) -> Params:
    """The parameters `operation` reads from `body`, as the behaviour rewrites or reads them.

    Raises OperationError where the behaviour refuses a valid request (before anything changed).
    """
    values = _rewrite(operation, dict(body), behaviour)
    lenient = operation in behaviour.mistyped_params_read_as_absent
    return LenientParams(values) if lenient else Params(values)


def _rewrite(operation: str, body: dict[str, Any], behaviour: EmailBehaviour) -> dict[str, Any]:
    b = behaviour
    if operation == "Complete" and b.complete_refuses_queue_name and "queueName" in body:
        raise bad_value("queueName", "a queue this server knows")
    if operation == "Transfer":
        has_user, has_queue = "userUri" in body, "queueName" in body
        if b.transfer_refuses_queue_name and has_queue and not has_user:
            raise bad_value("queueName", "a queue this server knows")
        if b.transfer_ignores_queue_name_beside_user and has_user and has_queue:
            del body["queueName"]
        if not b.transfer_needs_target and not has_user and not has_queue:
            body["queueName"] = UNASSIGNED_QUEUE
        if not b.transfer_to_user_invites and "userUri" in body:
            del body["userUri"]
            body["queueName"] = UNASSIGNED_QUEUE
    if operation in ("Reply", "ReplyAll") and not b.reply_reads_quote_original:
        body.pop("quoteOriginal", None)
    if operation == "Create":
        if not b.create_reads_user_data:
            body.pop("userData", None)
        if not b.create_needs_queue_uri:
            body.setdefault("queueUri", "http://reference.invalid/api/v2/queues/default")
    if operation == "Save" and not b.save_needs_to:
        draft = body.get("email")
        if isinstance(draft, dict) and "to" not in draft and isinstance(draft.get("from"), str):
            body["email"] = {**draft, "to": [draft["from"]]}
    if operation == "Send" and not b.send_needs_queue_name:
        body.setdefault("queueName", DEFAULT_OUTBOUND_QUEUE)
    if operation == "DeleteUserData":
        if not b.delete_user_data_deletes_every_key and isinstance(body.get("keys"), list):
            body["keys"] = body["keys"][:1]
        if not b.delete_user_data_needs_keys and "keys" not in body and "userData" not in body:
            body["keys"] = []
    if operation == "SetDisposition":
        if not b.set_disposition_reads_key:
            body.pop("dispositionKey", None)
        if b.set_disposition_needs_key and "dispositionKey" not in body:
            raise missing("dispositionKey")
        if not b.set_disposition_needs_value:
            body.setdefault("disposition", "Unspecified")
    if operation in ("AddAttachment", "RemoveAttachment") and not b.attachments_need_document_id:
        body.setdefault("documentId", "generated-document")
    return body


# --- notifications ---------------------------------------------------------------------------


def distort_outbox(operation: str, body: Mapping[str, Any], outbox: list[Notification], behaviour: EmailBehaviour) -> None:
    """Change or drop, in place, the notifications a performed `operation` is about to publish."""
    b = behaviour
    if operation in b.unnotified_operations:
        # Only the acting agent's notifications carry the request's referenceId.
        outbox[:] = [n for n in outbox if "referenceId" not in n.data]
    for notification in outbox:
        data, email = notification.data, notification.data.get("email", {})
        if operation == "Complete" and b.complete_notification_keeps_capabilities:
            email["capabilities"] = ["Complete", "Transfer"]
        if operation in ("Reply", "ReplyAll"):
            if b.reply_draft_notified_as_processing:
                email["state"] = str(State.PROCESSING)
            if b.reply_notification_names_another_parent and "parentId" in email:
                email["parentId"] = f"{email['parentId']}-other"
        if operation == "Create" and b.create_notification_names_another_parent and "parentId" in email:
            email["parentId"] = f"{email['parentId']}-other"
        if operation == "ReplyAll" and b.reply_all_notified_without_cc:
            email["cc"] = []
        if operation == "Reply" and b.reply_notified_to_own_mailbox:
            email["to"] = [email.get("from", "")]
        if operation == "Complete" and b.complete_reference_id_as_string and "referenceId" in data:
            data["referenceId"] = str(data["referenceId"])
        if operation == "Transfer" and b.transfer_notified_as_interaction_message and "referenceId" in data:
            data["messageType"] = "InteractionStateChangeMessage"
        if operation == "Save" and b.save_notified_as_status_change:
            data["notificationType"] = "StatusChange"
        if operation == "Save" and b.save_notified_without_cc:
            email["cc"] = []
        if operation == "Cancel" and b.cancel_notified_as_completed:
            email["state"] = str(State.COMPLETED)
        if operation == "AttachUserData" and b.attach_user_data_notifies_attached_pairs_only and isinstance(body.get("userData"), dict):
            email["userData"] = dict(body["userData"])
        if operation == "AddAttachment" and b.add_attachment_notified_as_properties_updated:
            data["notificationType"] = "PropertiesUpdated"
        if operation == "RemoveAttachment" and b.remove_attachment_notified_as_added:
            data["notificationType"] = "AttachmentAdded"
