"""Issue 19, section 6: a roster upload (full ID and mobile numbers) does not stay in the private folder: it is
deleted once its import is committed, or GONGHUI_IMPORT_RETENTION_HOURS after its last job (`gonghui
purge_uploads`), and so are error reports; what is gone answers clearly (409 to commit, 404 to download)."""

import datetime
import io
import os

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.fixtures import sign_in

from gonghui.core.imports.uploads import UploadExpired, purge_uploads
from gonghui.core.models import AuditEvent, Job
from gonghui.members import imports

from .helpers import commit, good_rows, preview, xlsx_bytes

pytestmark = pytest.mark.django_db
LATER = datetime.timedelta(hours=25)


def _uploads() -> list[str]:
    try:
        return default_storage.listdir("imports/uploads")[1]
    except FileNotFoundError:
        return []


def test_a_committed_upload_is_deleted_at_once(world, django_capture_on_commit_callbacks):
    officer = world.user("grassroots_officer")
    job = preview(officer, xlsx_bytes(good_rows(3)), org=world.wuhua_union, capture=django_capture_on_commit_callbacks)
    stored = job.params["stored_name"]
    assert default_storage.exists(stored)
    done = commit(officer, job, capture=django_capture_on_commit_callbacks)
    assert done.status == "succeeded", done.error_message
    assert not default_storage.exists(stored) and _uploads() == []


def test_an_upload_never_committed_goes_after_the_retention_time(world, django_capture_on_commit_callbacks,
                                                                  settings):
    settings.GONGHUI_IMPORT_RETENTION_HOURS = 24
    officer = world.user("grassroots_officer")
    rows = [*good_rows(2), [3, "坏行", "530102199001011235", "", "", "职工"]]
    job = preview(officer, xlsx_bytes(rows), org=world.wuhua_union, capture=django_capture_on_commit_callbacks)
    assert job.result["report"] and default_storage.exists(job.result["report"])
    assert purge_uploads() == {"uploads": 0, "reports": 0}  # still within its time
    assert purge_uploads(now=timezone.now() + LATER) == {"uploads": 1, "reports": 1}
    assert _uploads() == [] and not default_storage.exists(job.result["report"])
    client_page = _signed_in(world, officer)
    assert client_page.get(reverse("members:import_report", args=[job.pk])).status_code == 404


def test_committing_an_expired_preview_is_refused_clearly(world, django_capture_on_commit_callbacks):
    officer = world.user("grassroots_officer")
    job = preview(officer, xlsx_bytes(good_rows(2)), org=world.wuhua_union, capture=django_capture_on_commit_callbacks)
    purge_uploads(now=timezone.now() + LATER)
    with pytest.raises(UploadExpired):
        imports.import_commit(actor=officer, preview=job)
    assert not Job.objects.filter(kind=imports.COMMIT).exists()


def test_an_upload_a_job_still_reads_is_kept(world, django_capture_on_commit_callbacks):
    officer = world.user("grassroots_officer")
    job = preview(officer, xlsx_bytes(good_rows(2)), org=world.wuhua_union, capture=django_capture_on_commit_callbacks)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    assert purge_uploads(now=timezone.now() + LATER)["uploads"] == 0


def test_the_command_purges_and_is_audited(world, django_capture_on_commit_callbacks):
    officer = world.user("grassroots_officer")
    preview(officer, xlsx_bytes(good_rows(2)), org=world.wuhua_union, capture=django_capture_on_commit_callbacks)
    orphan = default_storage.save("imports/uploads/orphan.csv", io.BytesIO(b"x"))  # its submission rolled back
    out = io.StringIO()
    call_command("purge_uploads", stdout=out)
    assert "0 upload(s)" in out.getvalue() and default_storage.exists(orphan)
    Job.objects.update(created_at=timezone.now() - LATER, finished_at=timezone.now() - LATER)
    os.utime(default_storage.path(orphan), (0, 0))
    call_command("purge_uploads", stdout=out)
    assert "2 upload(s)" in out.getvalue() and _uploads() == []
    assert AuditEvent.objects.filter(action="imports.purge_uploads").count() == 1


def _signed_in(world, user):
    return sign_in(Client(), user)
