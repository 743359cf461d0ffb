"""Claim documents are core.Attachment rows (kind mutual_aid.claim_document) and pass the one upload check
(core.uploads.check_upload): the type from the content, a PDF whole, a size cap, a photo stored re-encoded without
its metadata; a refusal keeps the module's error code and stores nothing. Read only through the audited file view;
the worker reads their own. Migration 0007 turned the old document rows into attachments."""

import datetime
import hashlib
import importlib
import io

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, PngImagePlugin

from gonghui.core.models import Attachment, AuditEvent
from gonghui.mutual_aid import services
from gonghui.mutual_aid.errors import DocumentInvalid
from gonghui.mutual_aid.models import ClaimDocument
from gonghui.mutual_aid.services.claims import MAX_DOCUMENT_BYTES

from . import factories

pytestmark = pytest.mark.django_db


def _photo_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "25.04N 102.71E")
    out = io.BytesIO()
    Image.new("RGB", (6, 6), (10, 20, 30)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


@pytest.fixture
def draft(world, covered):
    return factories.file_claim(world.user("worker"), covered["张伟"], submit=False)


@pytest.mark.parametrize("name, content", [
    ("invoice.pdf", b"MZ\x90\x00 a program named as a PDF"),
    ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),   # a PNG's magic on nothing that decodes
    ("scan.pdf", b"%PDF-1.4 cut off before its end"),
    ("sheet.pdf", b"PK\x03\x04 a zip is not a claim document"),
    ("empty.png", b""),
])
def test_a_file_lying_about_its_type_is_refused_and_nothing_is_stored(world, draft, name, content):
    before = AuditEvent.objects.filter(action="mutual_aid.claim.document_add").count()
    with pytest.raises(DocumentInvalid) as refused:
        services.claim_document_add(actor=world.user("worker"), claim=draft, doc_type="invoices",
                                    upload=SimpleUploadedFile(name, content, content_type="application/pdf"))
    assert refused.value.code == "ma_document_invalid" and refused.value.field == "file"
    assert not ClaimDocument.objects.filter(claim=draft, doc_type="invoices").exists()
    assert not Attachment.objects.filter(owner_type="mutual_aid.claim", owner_id=str(draft.pk)).exists()
    assert AuditEvent.objects.filter(action="mutual_aid.claim.document_add").count() == before


def test_an_oversize_file_is_refused_even_when_it_says_it_is_small(world, draft):
    big = SimpleUploadedFile("big.pdf", factories.PDF + b"%" * MAX_DOCUMENT_BYTES, content_type="application/pdf")
    big.size = 100  # the declared size lies; the read is capped
    with pytest.raises(DocumentInvalid):
        services.claim_document_add(actor=world.user("worker"), claim=draft, doc_type="invoices", upload=big)
    assert not ClaimDocument.objects.filter(claim=draft, doc_type="invoices").exists()
    assert not Attachment.objects.filter(owner_type="mutual_aid.claim").exists()


def test_a_photo_is_stored_re_encoded_without_its_metadata(world, draft):
    photo = _photo_with_text()
    document = services.claim_document_add(actor=world.user("worker"), claim=draft, doc_type="invoices",
                                           upload=SimpleUploadedFile("x.pdf", photo, content_type="text/plain"))
    document.refresh_from_db()
    with document.file.open("rb") as stored:
        data = stored.read()
    assert document.content_type == "image/png" and document.size == len(data)
    assert b"25.04N" not in data and Image.open(io.BytesIO(data)).size == (6, 6)
    pdf = services.claim_document_add(actor=world.user("worker"), claim=draft, doc_type="invoices",
                                      upload=SimpleUploadedFile("a.pdf", factories.PDF))
    with pdf.file.open("rb") as stored:
        assert stored.read() == factories.PDF  # a PDF is kept as it came


# --- on core.Attachment ------------------------------------------------------------------------------------

def test_a_document_is_an_attachment_of_the_claim_the_worker_reads_as_their_own(world, draft):
    document = services.claim_document_add(actor=world.user("worker"), claim=draft, doc_type="invoices",
                                           upload=factories.upload("发票.png"))
    attachment = document.attachment
    assert (attachment.kind, attachment.owner_type, attachment.owner_id) == (
        "mutual_aid.claim_document", "mutual_aid.claim", str(draft.pk))
    assert attachment.org_path == draft.scope_path and attachment.original_name == "发票.png"
    assert attachment.uploaded_by == world.user("worker") and attachment.for_user == world.user("worker")
    added = AuditEvent.objects.filter(action__in=["attachment.add", "mutual_aid.claim.document_add"])
    assert sorted(added.values_list("action", flat=True)) == ["attachment.add", "mutual_aid.claim.document_add"]


def test_staff_filing_for_a_person_without_an_account_leaves_the_file_to_staff(world, covered, staff):
    claim = factories.file_claim(staff["filer"], covered["李娜"], submit=False)
    document = services.claim_document_add(actor=staff["filer"], claim=claim, doc_type="invoices",
                                           upload=factories.upload())
    assert document.attachment.uploaded_by == staff["filer"] and document.attachment.for_user is None


def test_staff_filing_for_a_verified_worker_gives_them_the_file(world, covered, staff):
    claim = factories.file_claim(staff["filer"], covered["张伟"], submit=False)
    document = services.claim_document_add(actor=staff["filer"], claim=claim, doc_type="invoices",
                                           upload=factories.upload())
    assert document.attachment.for_user == world.user("worker")


def test_the_file_view_is_scoped_and_audits_each_read(world, client, covered, staff):
    from tests.fixtures import sign_in

    claim = factories.file_claim(staff["filer"], covered["李娜"])
    attachment = claim.documents.first().attachment
    url = reverse("staff:file", args=[attachment.pk])
    sign_in(client, world.user("sibling_officer"))  # another county: not found, and nothing read
    assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(action="attachment.read").exists()
    sign_in(client, world.user("worker"))  # a worker: not on the staff view, and not theirs on /m/files/
    assert client.get(url).status_code in (302, 403, 404)
    assert client.get(reverse("m_files:file", args=[attachment.pk])).status_code == 404
    sign_in(client, staff["reviewer"])
    assert client.get(url).status_code == 200
    read = AuditEvent.objects.get(action="attachment.read")
    assert read.actor_id == staff["reviewer"].pk and read.detail["kind"] == "mutual_aid.claim_document"


def test_removing_a_document_removes_its_attachment(world, draft, django_capture_on_commit_callbacks):
    document = services.claim_document_add(actor=world.user("worker"), claim=draft, doc_type="invoices",
                                           upload=factories.upload())
    name = document.attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_document_remove(actor=world.user("worker"), document=document)
    assert not ClaimDocument.objects.filter(pk=document.pk).exists()
    assert not Attachment.objects.filter(pk=document.attachment_id).exists()
    assert not default_storage.exists(name)


def test_the_migration_turns_each_old_document_row_into_an_attachment(world, draft):
    """0007: an old ClaimDocument row (its own file columns) becomes a core.Attachment with the same stored file,
    the same claim, who uploaded it and when; the ClaimDocument row keeps its id and type."""
    migration = importlib.import_module("gonghui.mutual_aid.migrations.0007_claim_documents_as_attachments")
    document = services.claim_document_add(actor=world.user("worker"), claim=draft, doc_type="invoices",
                                           upload=factories.upload())
    other = services.claim_document_add(actor=world.user("worker"), claim=draft, doc_type="id_copy",
                                        upload=factories.upload())
    old_name = default_storage.save(f"mutual_aid/claims/{draft.pk}/0123abcd.pdf", ContentFile(factories.PDF))
    uploaded_at = datetime.datetime(2026, 3, 1, 8, 30, tzinfo=datetime.UTC)
    rows = [{"id": document.pk, "claim_id": draft.pk, "file": old_name, "original_name": "住院发票.pdf",
             "content_type": "application/pdf", "size": len(factories.PDF), "uploaded_by_id": world.user("worker").pk,
             "uploaded_at": uploaded_at},
            {"id": other.pk, "claim_id": draft.pk, "file": f"mutual_aid/claims/{draft.pk}/gone.png",
             "original_name": "", "content_type": "image/png", "size": 10, "uploaded_by_id": world.user("worker").pk,
             "uploaded_at": uploaded_at}]
    documents_before = ClaimDocument.objects.count()
    assert migration.move_documents(apps, rows) == 2
    assert ClaimDocument.objects.count() == documents_before  # every row kept
    document.refresh_from_db()
    attachment = document.attachment
    assert document.doc_type == "invoices" and attachment.file.name == old_name  # the same stored file
    assert (attachment.kind, attachment.owner_type, attachment.owner_id, attachment.org_path) == (
        "mutual_aid.claim_document", "mutual_aid.claim", str(draft.pk), draft.scope_path)
    assert attachment.uploaded_by == world.user("worker") and attachment.created_at == uploaded_at
    assert attachment.original_name == "住院发票.pdf" and attachment.size == len(factories.PDF)
    assert attachment.sha256 == hashlib.sha256(factories.PDF).hexdigest()
    assert attachment.for_user == world.user("worker")  # the person's own verified account
    with attachment.file.open("rb") as stored:
        assert stored.read() == factories.PDF
    other.refresh_from_db()
    assert other.attachment.sha256 == "" and other.attachment.file.name.endswith("gone.png")  # kept, file or not


def test_the_claim_pages_and_api_read_documents_in_a_fixed_number_of_queries(world, client, covered, staff):
    """Each document's file (its attachment) comes with the list: more documents, no more queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from tests.fixtures import sign_in

    claim = factories.file_claim(world.user("worker"), covered["张伟"], submit=False)
    factories.add_required_documents(world.user("worker"), claim)
    sign_in(client, staff["reviewer"])
    pages = (reverse("mutual_aid:claim_detail", args=[claim.pk]), f"/api/v1/mutual-aid/claims/{claim.pk}")
    worker = type(client)()
    sign_in(worker, world.user("worker"))
    mine = reverse("m_mutual_aid:claim_detail", args=[claim.pk])

    def counts():
        found = []
        for who, url in ((client, pages[0]), (client, pages[1]), (worker, mine)):
            who.get(url)  # warm: sessions, grants
            with CaptureQueriesContext(connection) as queries:
                assert who.get(url).status_code == 200
            found.append(len(queries))
        return found

    before = counts()
    for _extra in range(4):
        services.claim_document_add(actor=world.user("worker"), claim=claim, doc_type="invoices",
                                    upload=factories.upload())
    assert counts() == before
