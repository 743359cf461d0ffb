"""w. Training attendance by roster import: one .xlsx sheet of N rows (ID number, name; default 100,000, or
``--persons``) for one session of a course run by the province, read and checked by Gonghui's importer
(``workforce.services.roster.roster_import_path``: header detection, ID lookup by keyed hash in batches, name
check, scope check, enrolments with their workflow history, attendances) beside a raw bulk load of the same
attendance rows (COPY on PostgreSQL, executemany on SQLite) through ``core.demo.BulkWriter``. The rows written
are deleted again after each run. Preparing the sheet (reading and decrypting the members) is not timed."""

import datetime
import os
import tempfile
import time

from . import Options, Result, register, say
from ._data import ensure_demo, user

DEFAULT_ROWS = 100_000


def _sheet(people, path: str) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("签到表")
    sheet.append(["序号", "姓名", "身份证号"])
    for index, (name, number) in enumerate(people, start=1):
        sheet.append([index, name, number])
    book.save(path)


def _clean(session) -> None:
    from gonghui.core.models import WorkflowLog
    from gonghui.workforce.models import Attendance, Enrolment

    Attendance.objects.filter(session=session).delete()
    ids = [str(pk) for pk in Enrolment.objects.filter(course=session.course).values_list("pk", flat=True)]
    for start in range(0, len(ids), 5000):
        WorkflowLog.objects.filter(workflow="workforce_enrolment", object_id__in=ids[start:start + 5000]).delete()
    Enrolment.objects.filter(course=session.course).delete()


@register("w", "training attendance import (roster) vs raw bulk load")
def run(options: Options) -> list[Result]:
    from django.db import transaction

    from gonghui.core.demo import BulkWriter
    from gonghui.members import selectors as member_selectors
    from gonghui.orgs import selectors as org_selectors
    from gonghui.workforce import services
    from gonghui.workforce.models import Attendance
    from gonghui.workforce.services.roster import roster_import_path

    ensure_demo(options)
    admin = user("province_admin")
    province = org_selectors.organisation_search(admin, level="province").first()
    wanted = options.persons or DEFAULT_ROWS
    say(f"  reading {wanted:,} members for the sheet (untimed)…")
    people = [(p.name, p.id_number) for p in member_selectors.persons_visible(admin).filter(
        current_org__isnull=False).order_by("pk")[:wanted]]
    rows = len(people)
    today = datetime.date.today()
    course = services.course_create(actor=admin, org=province, title="基准测试培训班", organiser="省职工技能培训中心",
                                    trade="电工", start_date=today, end_date=today, place="昆明", hours="8")
    session = services.session_create(actor=admin, course=course, day=today, hours="8")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "roster.xlsx")
        _sheet(people, path)
        size = os.path.getsize(path)
        say(f"  importing {rows:,} rows ({size / 1024**2:.1f} MB)…")
        started = time.perf_counter()
        result = roster_import_path(actor=admin, session=session, path=path, filename="roster.xlsx")
        importer = time.perf_counter() - started
    assert result.ok and result.attendances == rows, (result.errors.summary(), result.attendances)
    person_ids = list(Attendance.objects.filter(session=session).values_list("person_id", flat=True))
    _clean(session)
    writer = BulkWriter()
    now = datetime.datetime.now(datetime.UTC)
    table = Attendance._meta.db_table
    columns = ["session_id", "course_id", "person_id", "day", "source", "recorded_at", "province_code"]
    raw_rows = [writer.adapt_row((session.pk, course.pk, pk, today, "roster", now, "53")) for pk in person_ids]
    say("  raw bulk load of the same rows…")
    with transaction.atomic():
        started = time.perf_counter()
        writer.write(table, columns, raw_rows)
        raw = time.perf_counter() - started
    _clean(session)
    session.delete()
    course.delete()
    return [Result(
        name="w.roster_import", title="w. training attendance import, rows/s", figure=rows / importer,
        figure_label="Gonghui rows/s", baseline=rows / raw, baseline_label="raw bulk rows/s", unit="rows/s",
        higher_is_better=True,
        details={"rows": rows, "file_mb": round(size / 1024**2, 2), "importer_s": round(importer, 2),
                 "raw_s": round(raw, 3), "enrolled": result.enrolled})]
