"""Build import files in memory and run an import the way the pages do (jobs run at commit, in-process)."""

import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.core.models import Job
from gonghui.members import imports
from gonghui.members.tests.factories import id_number, mobile

HEADERS = ["序号", "姓名", "身份证号", "手机号", "入会日期", "类别"]


def good_rows(count: int, *, region: str = "530102", start: int = 1) -> list[list]:
    return [[start + i, f"测试{i}", id_number(region), mobile(), "2020-01-01", "职工"] for i in range(count)]


def xlsx_bytes(rows: list[list], *, headers=HEADERS, before: list[list] = (), after: list[list] = (),
               hidden_first: bool = False) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if hidden_first:
        sheet.title = "hidden"
        sheet.append(["nothing", "to", "see"])
        sheet.sheet_state = "hidden"
        sheet = workbook.create_sheet("名册")
    for line in before:
        sheet.append(line)
    sheet.append(headers)
    for line in rows:
        sheet.append(line)
    for line in after:
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], *, headers=HEADERS, encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def upload(content: bytes, name: str = "members.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def preview(actor, content: bytes, *, name: str = "members.xlsx", org=None, capture=None) -> Job:
    with capture(execute=True):
        job = imports.import_start(actor=actor, upload=upload(content, name), org_id=org.pk if org else None)
    job.refresh_from_db()
    return job


def commit(actor, job: Job, *, capture) -> Job:
    with capture(execute=True):
        done = imports.import_commit(actor=actor, preview=job)
    done.refresh_from_db()
    return done
