"""Private attachments (core.Attachment, core.uploads, core.attachments): checked by content, kept encrypted,
served only through the audited file view — 404 out of scope, the worker only their own."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from gonghui.core import attachments, uploads
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.models import Attachment, AuditEvent
from gonghui.core.uploads import UploadInvalid, check_upload
from gonghui.members.models import Person

KIND = "members.person_document"


def _jpeg(size=(64, 48), **save) -> bytes:
    exif = Image.Exif()
    exif[0x010E] = "GPS 25.04N 102.71E"
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, "JPEG", exif=exif.tobytes(), comment=b"owner", **save)
    return out.getvalue()


def _png() -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "someone")
    out = io.BytesIO()
    Image.new("RGBA", (8, 8)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


@pytest.fixture
def private_storage(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "gonghui.core.files.EncryptedFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    return tmp_path


# --- the one check ------------------------------------------------------------------------------------------

def test_each_accepted_type_is_found_by_its_content():
    assert check_upload(_jpeg()).content_type == uploads.JPEG
    assert check_upload(_png()).content_type == uploads.PNG
    assert check_upload(PDF).content_type == uploads.PDF
    assert check_upload(_xlsx(), allowed={uploads.XLSX}).content_type == uploads.XLSX


def test_images_are_re_encoded_without_metadata_and_resized():
    checked = check_upload(_jpeg((3000, 1500)))
    assert (checked.width, checked.height) == (2560, 1280)
    assert b"GPS" not in checked.content and b"owner" not in checked.content
    png = check_upload(_png())
    assert b"someone" not in png.content
    assert checked.size == len(checked.content) and len(checked.sha256) == 64


@pytest.mark.parametrize("name, data, allowed", [
    ("invoice.pdf", b"MZ\x90\x00 a program", uploads.DOCUMENTS),        # an executable named as a PDF
    ("photo.jpg", PDF, uploads.IMAGES),                                 # a PDF named as a photo
    ("photo.jpg", b"\xff\xd8\xff\xe0 not really a jpeg" * 10, uploads.DOCUMENTS),  # JPEG magic, no image
    ("photo.png", _png()[:-12], uploads.DOCUMENTS),                      # cut off
    ("scan.pdf", b"%PDF-1.4 but cut off", uploads.DOCUMENTS),
    ("list.xlsx", b"PK\x03\x04 a broken zip", {uploads.XLSX}),
    ("list.xlsx", _xlsx(), uploads.DOCUMENTS),                          # a workbook where only papers go
    ("page.html", b"<html><script>alert(1)</script>", uploads.DOCUMENTS),
    ("empty.pdf", b"", uploads.DOCUMENTS),
])
def test_a_file_lying_about_its_type_is_refused(name, data, allowed):
    upload = SimpleUploadedFile(name, data, content_type="image/jpeg")
    with pytest.raises(UploadInvalid):
        check_upload(upload, allowed=allowed)


def test_a_zip_without_a_workbook_is_not_xlsx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("evil.sh", "rm -rf /")
    with pytest.raises(UploadInvalid):
        check_upload(out.getvalue(), allowed={uploads.XLSX})


def test_oversize_is_refused_before_and_while_reading():
    with pytest.raises(UploadInvalid) as exc:
        check_upload(PDF + b" " * 2000, max_bytes=1000)
    assert exc.value.code == "upload_too_large"

    class Lying(io.BytesIO):
        size = 10  # claims to be small

    with pytest.raises(UploadInvalid):
        check_upload(Lying(PDF + b"%" * 5000 + b"\n%%EOF"), max_bytes=1000)


def test_a_decompression_bomb_is_refused():
    out = io.BytesIO()
    Image.new("L", (13_000, 10)).save(out, "PNG")
    with pytest.raises(UploadInvalid):
        check_upload(out.getvalue())


# --- the model, the service and the file views ------------------------------------------------------------------

def _add(world, person, data=None, *, actor=None, for_user=None):
    upload = SimpleUploadedFile("申请书.jpg", data or _jpeg(), content_type="application/octet-stream")
    return attachments.attachment_add(actor=actor or world.user("county_officer"), owner=person, kind=KIND,
                                      upload=upload, for_user=for_user)


@pytest.mark.django_db
def test_added_encrypted_scoped_and_audited(world, private_storage):
    person = Person.objects.get(name="李娜")
    attachment = _add(world, person)
    assert (attachment.owner_type, attachment.owner_id) == ("members.person", str(person.pk))
    assert attachment.org_path == person.scope_path and attachment.content_type == uploads.JPEG
    assert attachment.file.name.endswith(".jpg") and "申请书" not in attachment.file.name
    raw = (private_storage / attachment.file.name).read_bytes()
    assert not raw.startswith(b"\xff\xd8") and b"JFIF" not in raw  # encrypted at rest
    event = AuditEvent.objects.get(action="attachment.add")
    assert event.detail["attachment"] == attachment.pk and event.object_id == str(person.pk)
    assert list(attachments.attachments_of(person, user=world.user("county_officer"))) == [attachment]
    assert not attachments.attachments_of(person, user=world.user("sibling_officer")).exists()


@pytest.mark.django_db
def test_adding_needs_the_upload_permission_in_scope(world, private_storage):
    from tests.fixtures import make_user

    with pytest.raises(NotFound):
        _add(world, Person.objects.get(name="王芳"))  # Panlong: out of the Wuhua officer's sight
    viewer = make_user("wuhua_viewer", roles=[(world.wuhua, "viewer")])  # sees members, changes nothing
    with pytest.raises(PermissionDenied):
        _add(world, Person.objects.get(name="李娜"), actor=viewer)
    with pytest.raises(NotFound):  # a worker adds files only as their own; another's person is out of sight
        _add(world, Person.objects.get(name="李娜"), actor=world.user("worker"))
    assert not Attachment.objects.exists() and not list(private_storage.rglob("*.jpg"))


@pytest.mark.django_db
def test_staff_file_view_serves_in_scope_and_audits_the_read(world, login, private_storage):
    attachment = _add(world, Person.objects.get(name="李娜"))
    client = login(world.user("county_officer"))
    response = client.get(reverse("staff:file", args=[attachment.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xff\xd8") and b"GPS" not in body
    assert "no-store" in response["Cache-Control"] and response["X-Content-Type-Options"] == "nosniff"
    read = AuditEvent.objects.get(action="attachment.read")
    assert read.object_type == "core.attachment" and read.object_id == str(attachment.pk)


@pytest.mark.django_db
def test_out_of_scope_is_404_and_nothing_is_audited(world, client, login, private_storage):
    attachment = _add(world, Person.objects.get(name="李娜"))
    url = reverse("staff:file", args=[attachment.pk])
    assert login(world.user("sibling_officer")).get(url).status_code == 404
    assert client.get(reverse("staff:file", args=[attachment.pk + 999])).status_code == 404
    assert not AuditEvent.objects.filter(action="attachment.read").exists()


@pytest.mark.django_db
def test_a_pdf_is_downloaded_not_shown(world, login, private_storage):
    attachment = _add(world, Person.objects.get(name="李娜"), PDF)
    response = login(world.user("county_officer")).get(reverse("staff:file", args=[attachment.pk]))
    assert response["Content-Type"] == "application/pdf" and response["Content-Disposition"].startswith(
        "attachment")
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_worker_reads_only_their_own_file_on_mobile(world, client, private_storage):
    worker = world.user("worker")
    own_person = Person.objects.get(user=worker)
    own = _add(world, own_person, actor=worker, for_user=worker)  # a worker adds their own papers
    other = _add(world, Person.objects.get(name="李娜"))
    client.force_login(worker)
    assert client.get(reverse("m_files:file", args=[own.pk])).status_code == 200
    assert client.get(reverse("m_files:file", args=[other.pk])).status_code == 404
    assert client.get(reverse("staff:file", args=[own.pk])).status_code == 404  # workers have no staff pages
    assert AuditEvent.objects.filter(action="attachment.read").count() == 1


@pytest.mark.django_db
def test_removal_is_audited_and_the_file_goes(world, private_storage, django_capture_on_commit_callbacks):
    attachment = _add(world, Person.objects.get(name="李娜"))
    path = private_storage / attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        attachments.attachment_remove(actor=world.user("county_officer"), attachment=attachment)
    assert not Attachment.objects.exists() and not path.exists()
    assert AuditEvent.objects.filter(action="attachment.remove").exists()
