"""Claim documents move onto the one private-attachment model (core.Attachment, kind "mutual_aid.claim_document").

Every existing ClaimDocument row becomes a core.Attachment of its claim with the same stored file (the same name
in the same encrypted storage: nothing is copied or re-encoded), its type and size, the name it was uploaded
under, who uploaded it and when; the file's SHA-256 is read from the file. The worker whose claim it is (the
person's own account, once the identity is verified) is the attachment's ``for_user``, so they read it on
/m/files/. The ClaimDocument row stays, with its id, as the link that says which of the plan's documents the
file is (``doc_type``); its own file columns go.

This migration only moves rows: the link column comes in 0006 and the old columns go in 0008, each in its own
transaction, because PostgreSQL refuses to alter a table whose rows were just written in the same transaction
(deferred foreign-key checks pending). 0006 makes the old columns nullable, so that going back (0008 re-adds
them empty) lets ``backwards`` here fill them again from the attachments.
"""

import hashlib

from django.db import migrations

KIND = "mutual_aid.claim_document"
OWNER_TYPE = "mutual_aid.claim"
CHUNK = 1000


def _sha256(storage, name: str) -> str:
    digest = hashlib.sha256()
    try:
        with storage.open(name, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 16), b""):
                digest.update(block)
    except (FileNotFoundError, OSError):
        return ""  # a file gone from the disk: the row is kept, the file view answers 404 as before
    return digest.hexdigest()


def attachments_for(apps, rows: list[dict]) -> dict:
    """Write one core.Attachment per old document row and return {document id: attachment}.

    ``rows`` are the old ClaimDocument columns as dicts: id, claim_id, file (the stored name), original_name,
    content_type, size, uploaded_by_id, uploaded_at. Reads claims, organisations and persons by id."""
    from django.core.files.storage import default_storage

    Attachment = apps.get_model("core", "Attachment")
    Claim = apps.get_model("mutual_aid", "Claim")
    claims = {claim["id"]: claim for claim in Claim.objects.filter(id__in={row["claim_id"] for row in rows}).values(
        "id", "org__path", "province_code", "person__user_id", "person__user__kind",
        "person__self_registered_at", "person__identity_verified_at")}
    made = []
    for row in rows:
        claim = claims[row["claim_id"]]
        unverified = claim["person__self_registered_at"] is not None and claim["person__identity_verified_at"] is None
        own = claim["person__user_id"] if claim["person__user__kind"] == "worker" and not unverified else None
        attachment = Attachment(owner_type=OWNER_TYPE, owner_id=str(row["claim_id"]), org_path=claim["org__path"],
                                kind=KIND, content_type=row["content_type"], size=row["size"] or 1,
                                sha256=_sha256(default_storage, row["file"]),
                                original_name=(row["original_name"] or "")[-200:], file=row["file"],
                                uploaded_by_id=row["uploaded_by_id"], for_user_id=own,
                                province_code=claim["province_code"] or "53")
        made.append((row, attachment))
    Attachment.objects.bulk_create([attachment for _row, attachment in made])
    for row, attachment in made:  # auto_now_add stamped "now" on the insert: the upload's own time
        attachment.created_at = row["uploaded_at"]
    Attachment.objects.bulk_update([attachment for _row, attachment in made], ["created_at"])
    return {row["id"]: attachment for row, attachment in made}


def move_documents(apps, rows: list[dict]) -> int:
    """Turn these old document rows into attachments and point each ClaimDocument row (same id) at its own."""
    ClaimDocument = apps.get_model("mutual_aid", "ClaimDocument")
    links = attachments_for(apps, rows)
    ClaimDocument.objects.bulk_update([ClaimDocument(id=document_id, attachment_id=attachment.pk)
                                       for document_id, attachment in links.items()], ["attachment"])
    return len(links)


def backwards(apps, schema_editor):
    """The old columns again from each document's attachment; the attachment rows go (their files stay: the
    document names them again)."""
    ClaimDocument = apps.get_model("mutual_aid", "ClaimDocument")
    Attachment = apps.get_model("core", "Attachment")
    for document in (ClaimDocument.objects.filter(attachment__isnull=False).select_related("attachment")
                     .iterator(chunk_size=CHUNK)):
        attachment = document.attachment
        ClaimDocument.objects.filter(pk=document.pk).update(
            file=attachment.file.name, original_name=attachment.original_name,
            content_type=attachment.content_type[:40], size=attachment.size,
            uploaded_by_id=attachment.uploaded_by_id, uploaded_at=attachment.created_at, attachment=None)
    Attachment.objects.filter(kind=KIND, owner_type=OWNER_TYPE).delete()


def forwards(apps, schema_editor):
    ClaimDocument = apps.get_model("mutual_aid", "ClaimDocument")
    columns = ("id", "claim_id", "file", "original_name", "content_type", "size", "uploaded_by_id", "uploaded_at")
    last = 0
    while rows := list(ClaimDocument.objects.filter(id__gt=last, attachment__isnull=True).order_by("id")
                       .values(*columns)[:CHUNK]):
        move_documents(apps, rows)
        last = rows[-1]["id"]


class Migration(migrations.Migration):

    dependencies = [
        ("mutual_aid", "0006_claimdocument_attachment"),
        ("core", "0011_attachment"),
        ("members", "0006_identity_verification"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
