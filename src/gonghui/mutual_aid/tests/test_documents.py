"""Claim documents pass the one upload check (core.uploads.check_upload): the type from the content, a PDF
whole, a size cap, a photo stored re-encoded without its metadata; a refusal keeps the module's error code and
stores nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from gonghui.core.models import AuditEvent
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
    assert AuditEvent.objects.filter(action="mutual_aid.claim.document_add").count() == before


def test_an_oversize_file_is_refused_even_when_it_says_it_is_small(world, draft):
    big = SimpleUploadedFile("big.pdf", factories.PDF + b"%" * MAX_DOCUMENT_BYTES, content_type="application/pdf")
    big.size = 100  # the declared size lies; the read is capped
    with pytest.raises(DocumentInvalid):
        services.claim_document_add(actor=world.user("worker"), claim=draft, doc_type="invoices", upload=big)
    assert not ClaimDocument.objects.filter(claim=draft, doc_type="invoices").exists()


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
