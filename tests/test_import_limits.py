"""Issue 19 §7: a bad import file stops at a bounded number of row errors, in every import."""

import io

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from gonghui.core.models import Job
from gonghui.members.tests.imports.helpers import csv_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}


def test_a_member_import_stops_at_the_error_limit_and_says_at_least(world, login, settings,
                                                                   django_capture_on_commit_callbacks):
    settings.GONGHUI_IMPORT_MAX_ROW_ERRORS = 50
    client = login(world.user("grassroots_officer"))
    rows = [[i, f"错{i}", "123", "", "", ""] for i in range(12_000)]  # more than two batches of bad rows
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:import_start"),
                    {"org": world.wuhua_union.pk, "file": upload(csv_bytes(rows), "bad.csv")})
    job = Job.objects.get(created_by=world.user("grassroots_officer"))
    assert job.status == "succeeded", job.error_message
    assert job.result["errors_truncated"] and job.result["errors"] > 50
    assert job.result["rows"] < 12_000  # it stopped reading
    with default_storage.open(job.result["report"], "rb") as handle:
        lines = list(openpyxl.load_workbook(io.BytesIO(handle.read()), read_only=True).worksheets[0].iter_rows(
            min_row=2, values_only=True))
    assert len(lines) == 51 and str(job.result["errors"]) in lines[-1][2]
    page = client.get(reverse("members:import_job", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'id="errors-truncated"' in page
