"""Attendance by roster import: real Excel files (openpyxl) and CSV; a sheet with errors writes nothing and gives
an error report naming row, column and reason."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gonghui.core.models import AuditEvent, WorkflowLog
from gonghui.workforce import services
from gonghui.workforce.models import Attendance, Enrolment

from .factories import make_course, make_enrolment, make_session, world_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    return world_people()


def xlsx(rows, *, title_row: bool = True) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    if title_row:
        sheet.append(["2025年电工培训班签到表"])
        sheet.append([])
    sheet.append(["序号", "姓名", "身份证号"])
    for index, row in enumerate(rows, start=1):
        sheet.append([index, *row])
    sheet.append(["合计", len(rows), None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "签到表.xlsx"):
    return SimpleUploadedFile(name, content)


@pytest.fixture
def session(world):
    return make_session(make_course(world.wuhua_union, start=datetime.date(2025, 5, 6)))


def test_a_clean_sheet_counts_attendances_and_fills_the_roster(world, people, session):
    officer = world.user("county_officer")
    make_enrolment(session.course, people["李娜"])
    rows = [("张伟", people["张伟"].id_number), ("李娜", people["李娜"].id_number.lower()),
            ("张伟", people["张伟"].id_number)]  # a repeated line counts once
    result = services.roster_import(actor=officer, session=session, upload=upload(xlsx(rows)))
    assert result.ok, result.errors.items
    assert (result.rows, result.attendances, result.already, result.enrolled) == (3, 2, 0, 1)
    assert set(Attendance.objects.filter(session=session).values_list("person__name", flat=True)) == {"张伟", "李娜"}
    added = Enrolment.objects.get(course=session.course, person=people["张伟"])
    assert added.source == "roster"
    assert WorkflowLog.objects.filter(workflow="workforce_enrolment", object_id=str(added.pk),
                                      transition="create").exists()
    assert AuditEvent.objects.filter(action="workforce.roster_import").count() == 1
    again = services.roster_import(actor=officer, session=session, upload=upload(xlsx(rows)))
    assert (again.attendances, again.already, again.enrolled) == (0, 2, 0)
    assert Attendance.objects.filter(session=session).count() == 2


def test_a_sheet_with_errors_writes_nothing_and_reports_each(world, people, session, login):
    officer = world.user("county_officer")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "身份证号码"])
    sheet.append(["张伟", people["张伟"].id_number])        # fine on its own
    sheet.append(["张三", people["李娜"].id_number])        # wrong name
    sheet.append(["王芳", people["王芳"].id_number])        # outside the organiser (and the officer's sight)
    sheet.append(["赵六", 530102199001011234])              # a number Excel has cut
    sheet.append(["", "530102199001011235"])               # no name
    buffer = io.BytesIO()
    book.save(buffer)
    result = services.roster_import(actor=officer, session=session, upload=upload(buffer.getvalue()))
    assert not result.ok
    reasons = {(e.row, e.column) for e in result.errors.items}
    assert reasons == {(3, "姓名"), (4, "身份证号码"), (5, "身份证号码"), (6, "姓名")}
    assert not Attendance.objects.exists() and not Enrolment.objects.exists()
    client = login(officer)
    report = client.get(reverse("workforce:roster_report", args=[result.report_job_id]))
    assert report.status_code == 200
    content = b"".join(report.streaming_content) if report.streaming else report.content
    rows = list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert rows[0][1:3] in (("Column", "Reason"), ("列", "原因"))
    assert [r[0] for r in rows[1:]] == [3, 4, 5, 6]
    other = login(world.user("province_admin"))  # someone else's report: not found
    assert other.get(reverse("workforce:roster_report", args=[result.report_job_id])).status_code == 404


def test_csv_and_a_file_without_a_header(world, people, session):
    officer = world.user("county_officer")
    csv = f"姓名,身份证号\n张伟,{people['张伟'].id_number}\n".encode()
    assert services.roster_import(actor=officer, session=session, upload=upload(csv, "roster.csv")).attendances == 1
    from gonghui.core.imports import ImportFileError

    with pytest.raises(ImportFileError):
        services.roster_import(actor=officer, session=session, upload=upload(b"a,b\n1,2\n", "roster.csv"))


def test_the_import_page(world, people, session, login):
    client = login(world.user("county_officer"))
    url = reverse("workforce:roster_import", args=[session.pk])
    assert client.get(url).status_code == 200
    page = client.post(url, {"file": upload(xlsx([("张伟", people["张伟"].id_number)]))})
    assert page.status_code == 200 and Attendance.objects.filter(session=session).count() == 1
    assert login(world.user("sibling_officer")).get(url).status_code == 404
    template = client.get(reverse("workforce:roster_template"))
    assert template.status_code == 200
