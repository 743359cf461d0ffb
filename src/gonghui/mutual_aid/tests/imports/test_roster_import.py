"""The roster import: preview (eligibility with reasons, errors with row and column, threshold warnings, the
report), an all-or-nothing commit, scope (only persons and units in the officer's part of the tree), the page,
the API and the template."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from tests.api.openapi_check import session_client

from gonghui.core.errors import NotFound
from gonghui.core.imports import Column, find_header, read_rows
from gonghui.core.models import Job
from gonghui.members.models import Person, Unit
from gonghui.members.tests.factories import make_person
from gonghui.mutual_aid import imports
from gonghui.mutual_aid.imports.service import ImportNotReady
from gonghui.mutual_aid.models import Enrolment
from gonghui.mutual_aid.tests import factories

pytestmark = pytest.mark.django_db
HEADER = ["序号", "姓名", "身份证号码", "统一社会信用代码", "单位名称", "份数", "是否参加基本医疗保险", "人员类别"]


@pytest.fixture
def open_period(world):
    """A period whose enrolment is open (the deadline is ahead): entries are not late."""
    start = timezone.localdate() + datetime.timedelta(days=30)
    return factories.make_period(world, number=23, **factories.period_dates(start))


@pytest.fixture
def unit(world):
    return Unit.objects.get(name="五华测试科技有限公司")


@pytest.fixture
def old_person(world, unit):
    return make_person(world.wuhua_union, "赵老", unit=unit, birth=datetime.date(1960, 1, 1))


def _csv(rows, header=HEADER) -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["五华测试科技有限公司职工医疗互助花名册"])
    writer.writerow(header)
    for number, row in enumerate(rows, start=1):
        writer.writerow([number, *row])
    return SimpleUploadedFile("roster.csv", buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")


def _row(person, unit, *, insured="是", shares="1", category="", name=None):
    return [name or person.name, person.id_number, unit.credit_code, "", shares, insured, category]


def _start(actor, period, org, upload, capture, late_reason=""):
    with capture(execute=True):
        job = imports.roster_import_start(actor=actor, period=period, org=org, upload=upload, late_reason=late_reason)
    job.refresh_from_db()
    return job


def _commit(actor, preview, capture):
    with capture(execute=True):
        job = imports.roster_import_commit(actor=actor, preview=preview)
    job.refresh_from_db()
    return job


def _report_rows(job):
    from django.core.files.storage import default_storage

    with default_storage.open(job.result["report"], "rb") as handle:
        book = openpyxl.load_workbook(handle, read_only=True)
        return {sheet.title: [list(r) for r in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def test_preview_lists_eligibility_errors_and_warnings_then_commit_enrols(
        world, open_period, unit, old_person, django_capture_on_commit_callbacks):
    officer = world.user("grassroots_officer")
    zhang, li = Person.objects.get(name="张伟"), Person.objects.get(name="李娜")
    rows = [_row(zhang, unit), _row(li, unit, insured="否"), _row(old_person, unit),
            ["错号", "530102199001011234", unit.credit_code, "", "1", "是", ""]]
    preview = _start(officer, open_period, world.wuhua_union, _csv(rows), django_capture_on_commit_callbacks)
    assert preview.status == Job.Status.SUCCEEDED, preview.error_message
    result = preview.result
    assert (result["rows"], result["eligible"], result["not_eligible"], result["errors"]) == (4, 1, 2, 1)
    assert {r["name"]: r["row"] for r in result["refused"]} == {"李娜": 4, "赵老": 5}
    assert result["warnings"] and "五华测试科技有限公司" in result["warnings"][0]
    report = _report_rows(preview)
    errors = report["错误"]
    assert errors[0] == ["行号", "列", "原因"] and errors[1][:2] == [6, "身份证号码"]
    not_eligible = next(rows for title, rows in report.items() if title != "错误")
    assert [r[0] for r in not_eligible[1:]] == ["4", "5"]
    with pytest.raises(ImportNotReady):
        imports.roster_import_commit(actor=officer, preview=preview)
    assert not Enrolment.objects.filter(period=open_period).exists()

    clean = _start(officer, open_period, world.wuhua_union, _csv(rows[:3]), django_capture_on_commit_callbacks)
    assert clean.result["errors"] == 0
    done = _commit(officer, clean, django_capture_on_commit_callbacks)
    assert done.status == Job.Status.SUCCEEDED, done.error_message
    assert done.result["enrolled"] == 1
    enrolment = Enrolment.objects.get(period=open_period)
    assert (enrolment.person, enrolment.unit, enrolment.status, enrolment.late) == (zhang, unit, "pending", False)
    again = _start(officer, open_period, world.wuhua_union, _csv(rows[:1]), django_capture_on_commit_callbacks)
    assert (again.result["eligible"], again.result["already_enrolled"]) == (0, 1)


def test_commit_is_all_or_nothing(world, open_period, unit, django_capture_on_commit_callbacks):
    officer = world.user("grassroots_officer")
    zhang, li = Person.objects.get(name="张伟"), Person.objects.get(name="李娜")
    preview = _start(officer, open_period, world.wuhua_union, _csv([_row(zhang, unit), _row(li, unit)]),
                     django_capture_on_commit_callbacks)
    assert preview.result["eligible"] == 2 and preview.result["errors"] == 0
    Person.objects.filter(pk=li.pk).update(name="李娜娜")  # the record changed since the preview
    done = _commit(officer, preview, django_capture_on_commit_callbacks)
    assert done.status == Job.Status.FAILED and done.error_code == "import_has_errors"
    assert not Enrolment.objects.filter(period=open_period).exists()


def test_only_the_officers_part_of_the_tree(world, open_period, unit, django_capture_on_commit_callbacks):
    officer = world.user("grassroots_officer")
    wang, li = Person.objects.get(name="王芳"), Person.objects.get(name="李娜")
    outside_unit = Unit.objects.create(org=world.panlong_union, name="盘龙单位", credit_code="91530103MA6K00000X")
    rows = [_row(wang, unit), [li.name, li.id_number, "", "盘龙单位", "1", "是", ""]]
    preview = _start(officer, open_period, world.wuhua_union, _csv(rows), django_capture_on_commit_callbacks)
    assert preview.result["errors"] == 2 and preview.result["eligible"] == 0
    assert {r[1] for r in _report_rows(preview)["错误"][1:]} == {"身份证号码", "统一社会信用代码"}
    with pytest.raises(NotFound):
        imports.roster_import_start(actor=officer, period=open_period, org=world.panlong_union,
                                    upload=_csv([]))
    assert outside_unit.pk and not Enrolment.objects.exists()


def test_late_import_needs_a_reason_and_makes_late_requests(world, period, unit, django_capture_on_commit_callbacks):
    from gonghui.mutual_aid.errors import LateReasonRequired

    officer = world.user("grassroots_officer")
    zhang = Person.objects.get(name="张伟")
    with pytest.raises(LateReasonRequired):
        imports.roster_import_start(actor=officer, period=period, org=world.wuhua_union, upload=_csv([]))
    preview = _start(officer, period, world.wuhua_union, _csv([_row(zhang, unit)]),
                     django_capture_on_commit_callbacks, late_reason="新入职")
    assert preview.result["late"] is True
    _commit(officer, preview, django_capture_on_commit_callbacks)
    assert Enrolment.objects.get(period=period).status == Enrolment.Status.LATE_REQUESTED


def test_row_faults_are_named(world, open_period, unit, django_capture_on_commit_callbacks):
    officer = world.user("grassroots_officer")
    zhang, li = Person.objects.get(name="张伟"), Person.objects.get(name="李娜")
    rows = [_row(zhang, unit, insured="也许"), _row(li, unit, shares="3"), _row(zhang, unit),
            _row(li, unit, category="农民工"), ["", "", "", "", "", "", ""], ["合计", "", "", "", "", "", ""]]
    preview = _start(officer, open_period, world.wuhua_union, _csv(rows), django_capture_on_commit_callbacks)
    rows_with_errors = sorted({r[0] for r in _report_rows(preview)["错误"][1:]})
    assert preview.result["rows"] == 4 and rows_with_errors == [3, 4, 6]
    # row 5 (张伟 again, after row 3 was refused for its insurance cell) is fine: the duplicate check sees clean rows


def test_page_flow_and_template(world, open_period, unit, login, django_capture_on_commit_callbacks):
    client = login(world.user("grassroots_officer"))
    page = client.get(reverse("mutual_aid:roster_import_start") + f"?period={open_period.pk}")
    assert page.status_code == 200
    template = client.get(reverse("mutual_aid:roster_import_template"))
    assert template.status_code == 200
    path = "/tmp/mafinish-template.xlsx"
    with open(path, "wb") as handle:
        handle.write(template.content)
    header = find_header(read_rows(path, filename="t.xlsx"), imports.COLUMNS)
    assert {"name", "id_number", "unit_code", "shares", "basic_insurance"} <= set(header.index)
    zhang = Person.objects.get(name="张伟")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mutual_aid:roster_import_start"), {
            "period": open_period.pk, "org": world.wuhua_union.pk, "file": _csv([_row(zhang, unit)])})
    assert response.status_code == 302
    job_id = int(response["Location"].rstrip("/").rsplit("/", 1)[-1])
    status = client.get(reverse("mutual_aid:roster_import_job", args=[job_id]))
    assert status.status_code == 200 and "roster_import_commit" not in status.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mutual_aid:roster_import_commit", args=[job_id]))
    assert response.status_code == 302
    assert Enrolment.objects.filter(period=open_period, person=zhang).exists()
    other = login(world.user("county_officer"))
    assert other.get(reverse("mutual_aid:roster_import_job", args=[job_id])).status_code == 404


def test_api_upload_status_commit_and_report(world, open_period, unit, django_capture_on_commit_callbacks):
    api = session_client(world.user("grassroots_officer"))
    zhang, li = Person.objects.get(name="张伟"), Person.objects.get(name="李娜")
    with django_capture_on_commit_callbacks(execute=True):
        response = api.client.post("/api/v1/mutual-aid/roster-imports", {
            "period_id": open_period.pk, "org_id": world.wuhua_union.pk,
            "file": _csv([_row(zhang, unit), _row(li, unit, insured="否")])})
    assert response.status_code == 202, response.content
    job_id = response.json()["id"]
    job = api.client.get(f"/api/v1/jobs/{job_id}").json()
    assert job["status"] == "succeeded" and job["result"]["eligible"] == 1
    assert job["result"]["refused"][0]["name"] == "李娜"
    report = api.client.get(f"/api/v1/mutual-aid/roster-imports/{job_id}/report")
    assert report.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        committed = api.client.post(f"/api/v1/mutual-aid/roster-imports/{job_id}/commit")
    assert committed.status_code == 202
    assert api.client.get(f"/api/v1/jobs/{committed.json()['id']}").json()["result"]["enrolled"] == 1
    assert api.client.get("/api/v1/mutual-aid/roster-imports/template").status_code == 200
    outsider = session_client(world.user("sibling_officer"))
    assert outsider.client.get(f"/api/v1/mutual-aid/roster-imports/{job_id}/report").status_code == 404


def test_columns_are_known_to_the_framework():
    assert all(isinstance(c, Column) for c in imports.COLUMNS)
