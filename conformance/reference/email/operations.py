"""The operations of POST /api/v2/me/emails/{id} and Create, each as its operation page documents it.

Each operation reads and validates all its parameters before it changes anything, so that a
refused request changes nothing. The service has already checked ownership and capabilities.
"""

from __future__ import annotations

from collections.abc import Callable

from conformance.reference.email import fuzz_effects
from conformance.reference.email.behaviour import EmailBehaviour
from conformance.reference.email.errors import OperationError, StatusCode
from conformance.reference.email.model import Attachment, Email, EmailType, State, UserDataValue
from conformance.reference.email.notifications import NotificationType, shape_accept_notification
from conformance.reference.email.params import Params, bad_value, missing
from conformance.reference.email.replies import DEFAULT_INDENT, DEFAULT_SUBJECT_PREFIX, ReplyText, reply_fields
from conformance.reference.email.transaction import Transaction
from conformance.reference.email.variant_effects import check_addresses

EmailOperation = Callable[[Transaction, Email, Params], None]

REJECTED_QUEUE = "rejected"  # where a server not reoffering rejected emails parks them


def _save_lar(params: Params, behaviour: EmailBehaviour) -> None:
    """Validate saveLAR. Its effect (last-agent data in the contact profile) is not observable."""
    if not behaviour.accept_validates_save_lar or fuzz_effects.save_lar_string_read_as_boolean(params, behaviour):
        return
    if params.boolean("saveLAR") is False and behaviour.accept_refuses_save_lar_false:
        raise bad_value("saveLAR", "true")


def accept(tx: Transaction, email: Email, params: Params) -> None:
    _save_lar(params, tx.behaviour)
    email.owner = tx.agent_id  # differs only where the behaviour lets another agent accept
    email.move_to(State.PROCESSING)
    notification = shape_accept_notification(tx.notification(email, NotificationType.STATUS_CHANGE), tx.behaviour)
    if notification is not None:
        tx.outbox.append(notification)


def reject(tx: Transaction, email: Email, params: Params) -> None:
    assert tx.agent_id is not None
    if not tx.behaviour.reject_performed:
        return
    if tx.behaviour.reject_notified:
        tx.notify(email, NotificationType.STATUS_CHANGE, ended=True)
    email.rejected_by.add(tx.agent_id)
    if not tx.behaviour.rejected_email_reoffered:
        email.owner = None
        email.move_to(State.INVITED)
        tx.store.enqueue(email, REJECTED_QUEUE)
    else:
        tx.offer(email)


def _known_queue(tx: Transaction, queue: str | None, name: str = "queueName") -> str | None:
    """`queue` (a name, or a URI ending in one), refused when the server holds other queues only."""
    known = tx.config.queues
    if queue is not None and known is not None and queue.rstrip("/").rsplit("/", 1)[-1] not in known:
        raise OperationError(StatusCode.NOT_FOUND, f"No queue {queue} in this deployment ({name}; it holds {', '.join(known)})")
    return queue


def _known_document(tx: Transaction, document_id: str) -> None:
    known = tx.config.documents
    if known is not None and document_id not in known:
        raise OperationError(StatusCode.NOT_FOUND, f"No document {document_id} in the contact store")


def complete(tx: Transaction, email: Email, params: Params) -> None:
    queue = _known_queue(tx, fuzz_effects.queue_name(params, tx.behaviour))
    params.boolean("saveLAR")
    email.move_to(State.COMPLETED)
    tx.notify(email, NotificationType.STATUS_CHANGE)
    if queue is not None:
        tx.place(email, queue)


def transfer(tx: Transaction, email: Email, params: Params) -> None:
    user_uri = params.string("userUri", nonempty=True)
    queue = _known_queue(tx, params.string("queueName", nonempty=True))
    if user_uri is None and queue is None:
        raise missing("userUri or queueName")
    if user_uri is not None and queue is not None:
        raise OperationError(StatusCode.BAD_VALUE, "Give either userUri or queueName, not both")
    target = None
    if user_uri is not None:
        target = tx.config.agent_by_id(user_uri.rstrip("/").rsplit("/", 1)[-1])
        if target is None:
            raise bad_value("userUri", "the URI of a known user")
        if target.id == tx.agent_id:
            raise bad_value("userUri", "another agent than the one transferring")
        if not tx.router.has_session(target.id):
            raise OperationError(StatusCode.INVALID_STATE, f"User {target.id} has no contact-center session on email")
    tx.notify(email, NotificationType.STATUS_CHANGE, ended=True)
    if target is not None:
        tx.invite(email, target.id)
    else:
        assert queue is not None
        if not tx.behaviour.transfer_to_queue_releases_email:
            return
        email.owner = None
        email.move_to(State.INVITED)
        tx.place(email, queue)


def _reply_text(tx: Transaction, params: Params) -> ReplyText:
    _known_queue(tx, params.string("queueUri", nonempty=True), "queueUri")  # where the reply will be sent from; the reference does not route it
    _known_queue(tx, params.string("queueName", nonempty=True))  # the ReplyAll sample's spelling (docs/positions.md#reply-queue-name)
    return ReplyText(
        subject_prefix=_or(params.string("subjectPrefix"), DEFAULT_SUBJECT_PREFIX),
        quote_original=params.boolean("quoteOriginal") or False,
        reply_to_start_line=params.string("replyToStartLine") or "",
        indent_character=_or(params.string("indentCharacter"), DEFAULT_INDENT),
        body=params.string("body") or "",
        body_as_plain_text=params.string("bodyAsPlainText") or "",
    )


def _user_data(tx: Transaction, params: Params, *, required: bool = False) -> dict[str, UserDataValue] | None:
    return params.user_data("userData", required=required, nested=tx.behaviour.nested_user_data)


def _or(value: str | None, default: str) -> str:
    return default if value is None else value


def _reply(tx: Transaction, original: Email, params: Params, *, reply_all: bool) -> None:
    text = _reply_text(tx, params)
    mime = params.string("mime", nonempty=True) or original.mime
    user_data = _user_data(tx, params) or {}
    fields = reply_fields(original, text, reply_all=reply_all)
    reply = Email(
        id=tx.store.new_id(),
        email_type=EmailType.OUTBOUND,
        state=State.COMPOSING,
        from_address=fields.from_address,
        to=fields.to,
        cc=fields.cc,
        subject=fields.subject,
        body=fields.body if tx.behaviour.reply_quotes_in_body else text.body,
        body_as_plain_text=fields.body_as_plain_text,
        mime=mime,
        user_data={"ContactId": original.contact_id, **user_data},
        contact_id=original.contact_id,
        parent_id=original.id,
        owner=tx.agent_id,
    )
    tx.store.add(reply)
    tx.notify(reply, NotificationType.STATUS_CHANGE)


def reply(tx: Transaction, email: Email, params: Params) -> None:
    _reply(tx, email, params, reply_all=False)


def reply_all(tx: Transaction, email: Email, params: Params) -> None:
    _reply(tx, email, params, reply_all=True)


def create(tx: Transaction, from_address: str, params: Params) -> None:
    """POST /api/v2/me/emails: a new, empty outbound email in Composing."""
    _known_queue(tx, params.string("queueUri", required=True, nonempty=True), "queueUri")
    parent_id = params.string("parentId", nonempty=True)
    user_data = _user_data(tx, params) or {}
    contact_id = ""
    if parent_id is not None:
        parent = tx.store.get(parent_id)
        if parent is None:
            raise OperationError(StatusCode.NOT_FOUND, f"Parent email {parent_id} not found")
        if parent.owner != tx.agent_id:
            raise OperationError(StatusCode.FORBIDDEN, f"Parent email {parent_id} belongs to another agent")
        contact_id = parent.contact_id
    draft = Email(
        id=tx.store.new_id(),
        email_type=EmailType.OUTBOUND,
        state=State.COMPOSING,
        from_address=from_address,
        to=[],
        contact_id=contact_id,
        user_data=user_data,
        parent_id=parent_id,
        owner=tx.agent_id,
    )
    tx.store.add(draft)
    tx.notify(draft, NotificationType.STATUS_CHANGE)


def _apply_draft(email: Email, params: Params, behaviour: EmailBehaviour) -> Callable[[], None]:
    """Validate Save/Send's `email` object; the returned function stores it."""
    draft = params.obj("email", required=True)
    assert draft is not None
    to = draft.addresses("to", required=True)
    from_address = draft.string("from", required=True, nonempty=True)
    subject = draft.string("subject")
    body = draft.string("body")
    plain = draft.string("bodyAsPlainText")
    mime = draft.string("mime", nonempty=True)
    cc = draft.addresses("cc")
    bcc = draft.addresses("bcc")
    check_addresses({"to": to, "from": [from_address] if from_address else None, "cc": cc, "bcc": bcc}, behaviour)

    def store() -> None:
        assert to is not None and from_address is not None
        email.to, email.from_address = to, from_address
        if subject is not None:
            email.subject = subject
        if body is not None:
            email.body = body
        if plain is not None:
            email.body_as_plain_text = plain
        if mime is not None:
            email.mime = mime
        if cc is not None:
            email.cc = cc
        if bcc is not None:
            email.bcc = bcc

    return store


def save(tx: Transaction, email: Email, params: Params) -> None:
    fuzz_effects.check_subject_length(params, tx.behaviour)
    _apply_draft(email, params, tx.behaviour)()
    fuzz_effects.state_after_save(email, tx.behaviour)
    tx.notify(email, NotificationType.EMAIL_SAVED)


def send(tx: Transaction, email: Email, params: Params) -> None:
    queue = _known_queue(tx, params.string("queueName", required=True, nonempty=True))
    assert queue is not None
    fuzz_effects.check_subject_length(params, tx.behaviour)
    store_draft = _apply_draft(email, params, tx.behaviour)
    params.boolean("saveLAR")
    store_draft()
    email.move_to(State.COMPLETED)
    tx.notify(email, NotificationType.STATUS_CHANGE)
    tx.place(email, queue)


def cancel(tx: Transaction, email: Email, params: Params) -> None:
    email.move_to(State.CANCELED)
    tx.notify(email, NotificationType.STATUS_CHANGE)


def attach_user_data(tx: Transaction, email: Email, params: Params) -> None:
    fuzz_effects.merge_scalar_pairs_first(email, params, tx.behaviour)
    user_data = _user_data(tx, params, required=True)
    assert user_data is not None
    fuzz_effects.check_user_data_keys(user_data, tx.behaviour)
    email.user_data.update(user_data)
    tx.notify(email, NotificationType.PROPERTIES_UPDATED)


def delete_user_data(tx: Transaction, email: Email, params: Params) -> None:
    """`keys` as in the sample; the table's `userData` is taken too (docs/positions.md#delete-user-data-keys)."""
    if not tx.behaviour.delete_user_data_takes_keys:
        keys = params.keys("userData")  # the table's parameter only
        if keys is None:
            raise missing("userData")
    else:
        keys = params.keys("keys")
        if keys is None:
            keys = params.keys("userData")
        if keys is None:
            raise missing("keys")
    for key in keys:
        email.user_data.pop(key, None)
    tx.notify(email, NotificationType.PROPERTIES_UPDATED)


def set_disposition(tx: Transaction, email: Email, params: Params) -> None:
    disposition = params.string("disposition", required=True, nonempty=not tx.behaviour.set_disposition_takes_empty_value)
    key = params.string("dispositionKey", nonempty=True) or tx.config.disposition_key
    email.user_data[key] = disposition
    tx.notify(email, NotificationType.PROPERTIES_UPDATED)


def add_attachment(tx: Transaction, email: Email, params: Params) -> None:
    document_id = params.string("documentId", required=True, nonempty=True)
    assert document_id is not None
    size = params.size("size")
    name = params.string("name")
    mime = params.string("mime", nonempty=True)
    _known_document(tx, document_id)
    if email.attachment(document_id) is not None:
        raise bad_value("documentId", "a document not attached yet")
    email.attachments.append(
        Attachment(
            id=document_id,
            name=document_id if name is None else name,
            size=0 if size is None else size,
            mime=mime or "application/octet-stream",
        )
    )
    tx.notify(email, NotificationType.ATTACHMENT_ADDED)


def remove_attachment(tx: Transaction, email: Email, params: Params) -> None:
    mistyped = params.has("documentId") and not (isinstance(params.raw("documentId"), str) and params.raw("documentId"))
    if mistyped and not tx.behaviour.remove_attachment_validates_document_id:
        tx.notify(email, NotificationType.ATTACHMENT_REMOVED)
        return
    document_id = params.string("documentId", required=True, nonempty=True)
    assert document_id is not None
    attachment = email.attachment(document_id)
    if attachment is None and not tx.behaviour.remove_attachment_needs_attached_document:
        tx.notify(email, NotificationType.ATTACHMENT_REMOVED)
        return
    if attachment is None:
        raise OperationError(StatusCode.NOT_FOUND, f"No attachment with documentId {document_id}")
    email.attachments.remove(attachment)
    tx.notify(email, NotificationType.ATTACHMENT_REMOVED)


EMAIL_OPERATIONS: dict[str, EmailOperation] = {
    "Accept": accept,
    "Reject": reject,
    "Complete": complete,
    "Transfer": transfer,
    "Reply": reply,
    "ReplyAll": reply_all,
    "Save": save,
    "Send": send,
    "Cancel": cancel,
    "AttachUserData": attach_user_data,
    "UpdateUserData": attach_user_data,
    "DeleteUserData": delete_user_data,
    "SetDisposition": set_disposition,
    "AddAttachment": add_attachment,
    "RemoveAttachment": remove_attachment,
}
