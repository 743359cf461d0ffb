"""Private attachments: one model (core.Attachment), one upload check (core.uploads), one audited way out.

A module declares the kinds of file it keeps (``register_attachment_kind``, through its manifest): who may read
them (``permission`` over the owner's organisation) and who may add them (``upload_permission``; a worker adds
their own papers without it). Its services call ``attachment_add`` inside their transaction; pages link to
``/staff/files/<id>/`` (``url_for``) or, for the worker's own file, ``/m/files/<id>/``. Every read is audited.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.db import transaction

from . import audit, scope, uploads
from .errors import NotFound
from .models import Attachment


@dataclass(frozen=True)
class AttachmentKind:
    code: str                  # "<app>.<kind>", e.g. "members.document"
    label: object              # gettext_lazy
    permission: str            # reads it (staff), over the owner's organisation
    upload_permission: str     # adds or removes it (staff)
    allowed: frozenset = field(default=uploads.DOCUMENTS)
    max_bytes: int = uploads.DEFAULT_MAX_BYTES


_KINDS: dict[str, AttachmentKind] = {}


def register_attachment_kind(kind: AttachmentKind) -> AttachmentKind:
    if "." not in kind.code or not kind.permission or not kind.upload_permission:
        raise ImproperlyConfigured(f"attachment kind {kind.code!r}: '<app>.<kind>' with both permissions")
    known = _KINDS.get(kind.code)
    if known is not None and known != kind:
        raise ImproperlyConfigured(f"attachment kind {kind.code!r} is declared twice, differently")
    _KINDS[kind.code] = kind
    return kind


def get_kind(code: str) -> AttachmentKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise ImproperlyConfigured(f"attachment kind {code!r} is not registered") from None


def all_kinds() -> dict[str, AttachmentKind]:
    return dict(_KINDS)


def _owner_type(owner) -> str:
    return owner._meta.label_lower


def attachment_add(*, actor, owner, kind: str, upload, for_user=None) -> Attachment:
    """Check ``upload`` (type by content, size, images re-encoded) and keep it, encrypted, attached to ``owner``
    (a scoped model instance). Staff need the kind's upload permission over the owner; a worker may add a file
    of their own (``for_user`` is the actor). Audited; the stored file goes again if the transaction fails."""
    spec = get_kind(kind)
    if for_user is None or getattr(actor, "pk", None) != for_user.pk:
        scope.require(actor, spec.upload_permission, owner)
    checked = uploads.check_upload(upload, allowed=spec.allowed, max_bytes=spec.max_bytes)
    attachment = Attachment(owner_type=_owner_type(owner), owner_id=str(owner.pk), org_path=owner.scope_path,
                            kind=kind, content_type=checked.content_type, size=checked.size,
                            sha256=checked.sha256, original_name=(getattr(upload, "name", "") or "")[-200:],
                            uploaded_by=actor, for_user=for_user)
    if getattr(owner, "province_code", None):  # the owner's province, where it keeps one
        attachment.province_code = owner.province_code
    attachment.file.save("upload", ContentFile(checked.content), save=False)  # encrypted by the storage
    name = attachment.file.name
    try:
        with transaction.atomic():
            attachment.save(force_insert=True)
            audit.record("attachment.add", actor=actor, obj=owner,
                         detail={"attachment": attachment.pk, "kind": kind, "size": checked.size,
                                 "type": checked.content_type})
    except BaseException:
        attachment.file.storage.delete(name)  # no row, no file (a rollback further out leaves an unreadable
        raise                                 # orphan, encrypted and named by nothing)
    return attachment


def attachments_of(owner, *, user, kind: str | None = None):
    """The files attached to ``owner`` that ``user`` may read (by each kind's permission)."""
    rows = Attachment.objects.filter(owner_type=_owner_type(owner), owner_id=str(owner.pk))
    if kind:
        rows = rows.filter(kind=kind)
    readable = [code for code, spec in _KINDS.items() if scope.has_perm(user, spec.permission, owner.scope_path)]
    return rows.filter(kind__in=readable)


def attachment_for_staff(*, user, attachment_id: int) -> Attachment:
    """The file behind ``/staff/files/<id>/``: the kind's permission over the organisation it was attached at
    (404 out of sight, 403 in sight without it). The read is audited."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None or attachment.kind not in _KINDS:
        raise NotFound()
    scope.require(user, _KINDS[attachment.kind].permission, attachment)
    _audit_read(user, attachment)
    return attachment


def attachment_for_worker(*, user, attachment_id: int) -> Attachment:
    """The file behind ``/m/files/<id>/``: only the worker it belongs to; anyone else's is 404. Audited."""
    attachment = Attachment.objects.filter(pk=attachment_id, for_user_id=user.pk).first()
    if attachment is None:
        raise NotFound()
    _audit_read(user, attachment)
    return attachment


def _audit_read(user, attachment: Attachment) -> None:
    audit.record("attachment.read", actor=user, obj=attachment,
                 detail={"kind": attachment.kind, "owner": f"{attachment.owner_type}:{attachment.owner_id}"})


def attachment_remove(*, actor, attachment: Attachment) -> None:
    """Remove a file (the kind's upload permission); the stored file goes once the transaction commits."""
    scope.require(actor, get_kind(attachment.kind).upload_permission, attachment)
    with transaction.atomic():
        audit.record("attachment.remove", actor=actor, obj=attachment,
                     detail={"kind": attachment.kind, "owner": f"{attachment.owner_type}:{attachment.owner_id}"})
        name, storage = attachment.file.name, attachment.file.storage
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(name))
