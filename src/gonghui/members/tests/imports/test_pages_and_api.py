import pytest
from django.urls import reverse

from gonghui.core.models import Job
from gonghui.members.models import Person

from .helpers import good_rows, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def test_page_upload_preview_commit(world, login, django_capture_on_commit_callbacks):
    client = login(world.user("grassroots_officer"))
    assert client.get(reverse("members:import_start")).status_code == 200
    template = client.get(reverse("members:import_template"))
    assert template.status_code == 200 and template.content.startswith(b"PK")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:import_start"),
                               {"org": world.wuhua_union.pk, "file": upload(xlsx_bytes(good_rows(5)))})
    job = Job.objects.get(created_by=world.user("grassroots_officer"))
    assert response.status_code == 302 and str(job.pk) in response["Location"]
    page = client.get(reverse("members:import_job", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert page.status_code == 200 and "hx-trigger" not in page.content.decode()  # finished: polling stops
    before = Person.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:import_commit", args=[job.pk]))
    assert Person.objects.count() == before + 5


def test_api_upload_status_commit_and_report(world, client, django_capture_on_commit_callbacks):
    from gonghui.core.auth.tokens import token_create

    _token, raw = token_create(user=world.user("grassroots_officer"), name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    rows = good_rows(4)
    rows[1][2] = "5.30102199005171E+17"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/imports", {"org_id": world.wuhua_union.pk,
                                                   "file": upload(xlsx_bytes(rows))}, **auth)
    assert response.status_code == 202, response.content
    job_id = response.json()["id"]
    status = client.get(f"/api/v1/jobs/{job_id}", **auth).json()
    assert status["status"] == "succeeded" and status["result"]["errors"] == 1
    assert client.post(f"/api/v1/jobs/{job_id}/commit", **auth).status_code == 409
    report = client.get(f"/api/v1/jobs/{job_id}/report", **auth)
    assert report.status_code == 200 and b"".join(report.streaming_content).startswith(b"PK")
    other = token_create(user=world.user("county_officer"), name="t")[1]
    assert client.get(f"/api/v1/jobs/{job_id}", HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 404


def test_ten_thousand_bad_rows_all_in_the_report(world, django_capture_on_commit_callbacks):
    import openpyxl
    from django.core.files.storage import default_storage

    from .helpers import csv_bytes, preview

    rows = [[i, f"错{i}", "123", "", "", ""] for i in range(10_000)]
    job = preview(world.user("grassroots_officer"), csv_bytes(rows, encoding="gbk"), name="bad.csv",
                  org=world.wuhua_union, capture=django_capture_on_commit_callbacks)
    assert job.result["errors"] == 10_000 and job.result["new"] == 0
    with default_storage.open(job.result["report"], "rb") as handle:
        sheet = openpyxl.load_workbook(handle, read_only=True).worksheets[0]
        assert sum(1 for _ in sheet.iter_rows(min_row=2)) == 10_000


def test_messy_real_world_workbook(world, django_capture_on_commit_callbacks):
    from .helpers import preview

    rows = good_rows(3)
    rows[0][2] = rows[0][2].translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    rows[1][4] = "2019年3月1日"
    rows[2][3] = "+86 " + rows[2][3][:3] + "-" + rows[2][3][3:]
    rows.append([4, "浮点", 5.30102199005171e17, "", "", ""])
    rows.append([5, "公式", "=A1", "", "", ""])
    rows.append([6, "长" * 300, good_rows(1)[0][2], "", "", ""])
    content = xlsx_bytes(rows, before=[["2024年会员名册"], []], after=[["合计", "", "", "", "", ""]],
                         hidden_first=True)
    job = preview(world.user("grassroots_officer"), content, org=world.wuhua_union,
                  capture=django_capture_on_commit_callbacks)
    assert job.result["header_row"] == 3 and job.result["rows"] == 6
    assert job.result["new"] == 3 and job.result["errors"] == 3
