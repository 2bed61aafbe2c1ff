"""What the fault switches of the other operations, capabilities and parameters do (faults.py),
applied by one-line hooks where behaviour is decided. (Those of ownership, unknown ids, GET
answers and delivery set `EmailBehaviour` fields, read by `service.py`.)

The switches are declared in `faults.py`. Each function here answers one question the server
asks ("may this state take that operation?", "which parameters does the request carry?", ...)
and answers as the healthy server would unless a fault says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from conformance.reference.email.faults import EmailFault as F
from conformance.reference.email.errors import OperationError, StatusCode
from conformance.reference.email.model import State, UserDataValue
from conformance.reference.email.notifications import Notification
from conformance.reference.email.params import Params, bad_value, missing

UNASSIGNED_QUEUE = "unassigned"  # where faulty Transfers park emails
DEFAULT_OUTBOUND_QUEUE = "outbound"

_T = TypeVar("_T")

# --- states and capabilities ---------------------------------------------------------------

_PERMITTED_DESPITE_STATE = {
    F.COMPLETE_FROM_INVITED_ALLOWED: (State.INVITED, "Complete"),
    F.COMPLETE_TWICE_ALLOWED: (State.COMPLETED, "Complete"),
    F.CANCEL_INBOUND_ALLOWED: (State.PROCESSING, "Cancel"),
    F.CANCEL_KEEPS_DRAFT: (State.CANCELED, "Save"),
    F.SEND_KEEPS_DRAFT: (State.COMPLETED, "Save"),
    F.ACCEPT_NOT_EXCLUSIVE: (State.PROCESSING, "Accept"),
}

_EXTRA_CAPABILITIES = {
    F.DRAFT_ADVERTISES_COMPLETE: (State.COMPOSING, "Complete"),
    F.INVITE_ADVERTISES_SET_DISPOSITION: (State.INVITED, "SetDisposition"),
}


def permitted_despite_state(state: State, operation: str, switches: frozenset[str]) -> bool:
    return any(rule == (state, operation) for fault, rule in _PERMITTED_DESPITE_STATE.items() if fault in switches)


def extra_capabilities(state: State, switches: frozenset[str]) -> list[str]:
    """Operations advertised in `state` although the server refuses them there."""
    return [op for fault, (where, op) in _EXTRA_CAPABILITIES.items() if fault in switches and where is state]


# --- request parameters ----------------------------------------------------------------------

_LENIENT = {
    F.COMPLETE_INVALID_PARAMS_ACCEPTED: ("Complete",),
    F.REPLY_INVALID_PARAMS_ACCEPTED: ("Reply", "ReplyAll"),
    F.CREATE_INVALID_PARAMS_ACCEPTED: ("Create",),
    F.SAVE_INVALID_FIELDS_ACCEPTED: ("Save",),
    F.SEND_INVALID_PARAMS_ACCEPTED: ("Send",),
    F.ATTACH_USER_DATA_INVALID_ACCEPTED: ("AttachUserData",),
}


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


def request_params(operation: str, body: Mapping[str, Any], switches: frozenset[str]) -> Params:
    """The parameters `operation` reads from `body`, as the active switches rewrite or read them.

    Raises OperationError for switches that refuse a valid request (before anything changed).
    """
    values = _rewrite(operation, dict(body), switches)
    lenient = any(operation in ops for fault, ops in _LENIENT.items() if fault in switches)
    return LenientParams(values) if lenient else Params(values)


def _rewrite(operation: str, body: dict[str, Any], switches: frozenset[str]) -> dict[str, Any]:
    on = switches.__contains__
    if operation == "Complete" and on(F.COMPLETE_QUEUENAME_REFUSED) and "queueName" in body:
        raise bad_value("queueName", "a queue this server knows")
    if operation == "Transfer":
        has_user, has_queue = "userUri" in body, "queueName" in body
        if on(F.TRANSFER_QUEUE_REFUSED) and has_queue and not has_user:
            raise bad_value("queueName", "a queue this server knows")
        if on(F.TRANSFER_BOTH_TARGETS_ACCEPTED) and has_user and has_queue:
            del body["queueName"]
        if on(F.TRANSFER_WITHOUT_TARGET_ACCEPTED) and not has_user and not has_queue:
            body["queueName"] = UNASSIGNED_QUEUE
        if on(F.TRANSFER_USER_NOT_INVITED) and "userUri" in body:
            del body["userUri"]
            body["queueName"] = UNASSIGNED_QUEUE
    if operation in ("Reply", "ReplyAll") and on(F.REPLY_QUOTE_IGNORED):
        body.pop("quoteOriginal", None)
    if operation == "Create":
        if on(F.CREATE_DROPS_USERDATA):
            body.pop("userData", None)
        if on(F.CREATE_WITHOUT_QUEUEURI_ACCEPTED):
            body.setdefault("queueUri", "http://reference.invalid/api/v2/queues/default")
    if operation == "Save" and on(F.SAVE_WITHOUT_TO_ACCEPTED):
        draft = body.get("email")
        if isinstance(draft, dict) and "to" not in draft and isinstance(draft.get("from"), str):
            body["email"] = {**draft, "to": [draft["from"]]}
    if operation == "Send" and on(F.SEND_WITHOUT_QUEUENAME_ACCEPTED):
        body.setdefault("queueName", DEFAULT_OUTBOUND_QUEUE)
    if operation == "DeleteUserData":
        if on(F.DELETE_USER_DATA_FIRST_KEY_ONLY) and isinstance(body.get("keys"), list):
            body["keys"] = body["keys"][:1]
        if on(F.DELETE_USER_DATA_WITHOUT_KEYS_ACCEPTED) and "keys" not in body and "userData" not in body:
            body["keys"] = []
    if operation == "SetDisposition":
        if on(F.DISPOSITION_WRONG_KEY):
            body.pop("dispositionKey", None)
        if on(F.DISPOSITION_KEY_REQUIRED) and "dispositionKey" not in body:
            raise missing("dispositionKey")
        if on(F.DISPOSITION_WITHOUT_VALUE_ACCEPTED):
            body.setdefault("disposition", "Unspecified")
    if operation in ("AddAttachment", "RemoveAttachment") and on(F.ATTACHMENT_WITHOUT_DOCUMENTID_ACCEPTED):
        body.setdefault("documentId", "generated-document")
    return body


# --- notifications ---------------------------------------------------------------------------


def distort_outbox(operation: str, body: Mapping[str, Any], outbox: list[Notification], switches: frozenset[str]) -> None:
    """Change or drop, in place, the notifications a performed `operation` is about to publish."""
    on = switches.__contains__
    if (
        (operation == "Complete" and on(F.COMPLETE_NO_NOTIFICATION))
        or (operation == "Create" and on(F.CREATE_NO_NOTIFICATION))
        or (operation == "Send" and on(F.SEND_NO_NOTIFICATION))
        or (operation == "Transfer" and on(F.TRANSFER_NO_NOTIFICATION))
    ):
        # Only the acting agent's notifications carry the request's referenceId.
        outbox[:] = [n for n in outbox if "referenceId" not in n.data]
    for notification in outbox:
        data, email = notification.data, notification.data.get("email", {})
        if operation == "Complete" and on(F.COMPLETE_CAPABILITIES_STALE):
            email["capabilities"] = ["Complete", "Transfer"]
        if operation in ("Reply", "ReplyAll"):
            if on(F.REPLY_DRAFT_STATE_PROCESSING):
                email["state"] = str(State.PROCESSING)
            if on(F.REPLY_WRONG_PARENTID) and "parentId" in email:
                email["parentId"] = f"{email['parentId']}-other"
        if operation == "Create" and on(F.CREATE_WRONG_PARENTID) and "parentId" in email:
            email["parentId"] = f"{email['parentId']}-other"
        if operation == "ReplyAll" and on(F.REPLYALL_DROPS_CC):
            email["cc"] = []
        if operation == "Reply" and on(F.REPLY_TO_ORIGINAL_RECIPIENT):
            email["to"] = [email.get("from", "")]
        if operation == "Complete" and on(F.REFERENCEID_AS_STRING_ON_COMPLETE) and "referenceId" in data:
            data["referenceId"] = str(data["referenceId"])
        if operation == "Transfer" and on(F.WRONG_MESSAGETYPE_ON_TRANSFER) and "referenceId" in data:
            data["messageType"] = "InteractionStateChangeMessage"
        if operation == "Save" and on(F.SAVE_NOTIFIED_AS_STATUSCHANGE):
            data["notificationType"] = "StatusChange"
        if operation == "Save" and on(F.SAVE_DROPS_CC):
            email["cc"] = []
        if operation == "Cancel" and on(F.CANCEL_STATE_COMPLETED):
            email["state"] = str(State.COMPLETED)
        if operation == "AttachUserData" and on(F.ATTACH_USER_DATA_REPLACES) and isinstance(body.get("userData"), dict):
            email["userData"] = dict(body["userData"])
        if operation == "AddAttachment" and on(F.ADD_ATTACHMENT_NOTIFIED_AS_PROPERTIES):
            data["notificationType"] = "PropertiesUpdated"
        if operation == "RemoveAttachment" and on(F.REMOVE_ATTACHMENT_NOTIFIED_AS_ADDED):
            data["notificationType"] = "AttachmentAdded"
