"""Attendance by roster import: an .xlsx or .csv sheet of the people present at a session (ID number and name),
read with core.imports, checked whole before anything is written. A sheet with errors writes nothing and gives an
error report (row, column, reason) that its importer downloads; a clean one enrols whoever was not on the roster
yet and counts one attendance per person (a second import of the same sheet adds nothing)."""

import os
import tempfile
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core import audit
from gonghui.core.imports import CellError, Column, RowErrors, find_header, read_rows
from gonghui.core.imports import cells as C
from gonghui.core.imports.headers import is_total_row
from gonghui.core.imports.uploads import store_report
from gonghui.core.models import Job
from gonghui.members import selectors as member_selectors
from gonghui.members import services as member_services

from ..models import Attendance, Course, CourseSession, Enrolment
from ..roles import WORKFORCE_CHANGE
from ..workflows import ENROLMENT_FLOW
from .common import require

REPORT_KIND = "workforce.roster_check"
LOOKUP_BATCH = 2000
WRITE_BATCH = 5000

COLUMNS = [
    Column("id_number", gettext_lazy("ID number"), ("身份证号", "身份证号码", "证件号码", "id number", "id"),
           required=True),
    Column("name", gettext_lazy("Name"), ("姓名", "name", "学员姓名"), required=True),
]


@dataclass
class RosterResult:
    rows: int = 0
    attendances: int = 0            # new attendances written
    already: int = 0                # people already counted for this session
    enrolled: int = 0               # people newly put on the course's roster
    errors: RowErrors = field(default_factory=RowErrors)
    report_job_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def _read(path: str, filename: str, result: RosterResult) -> tuple[list[tuple[int, str, str]], dict]:
    """The rows (number, ID number, name) and the headers as the file writes them."""
    rows = read_rows(path, filename=filename)
    header = find_header(rows, COLUMNS)
    entries = []
    for row in rows:
        values = row.values
        if not any(not C.is_blank(v) for v in values) or is_total_row(values):
            continue
        result.rows += 1
        try:
            number = C.identity_number(header.get(values, "id_number"))
        except CellError as exc:
            result.errors.add(row.number, header.header["id_number"], exc.reason)
            continue
        name = C.name(header.get(values, "name"))
        if not number:
            result.errors.add(row.number, header.header["id_number"], _("The ID number is missing."))
            continue
        if not name:
            result.errors.add(row.number, header.header["name"], _("The name is missing."))
            continue
        entries.append((row.number, number, name))
        if result.errors.truncated:
            break
    return entries, header.header


def _match(actor, course: Course, entries, result: RosterResult, header_id: str, header_name: str) -> list[int]:
    """Person ids for the rows, in file order without repeats; errors for unknown, misnamed or outside people."""
    person_ids, seen = [], set()
    for start in range(0, len(entries), LOOKUP_BATCH):
        batch = entries[start:start + LOOKUP_BATCH]
        hashes = {number: member_services.id_number_hash(number) for _n, number, _name in batch}
        found = {h: (pk, name, path) for h, pk, name, path in member_selectors.persons_visible(actor).filter(
            id_number_hash__in=set(hashes.values())).values_list("id_number_hash", "pk", "name", "current_org__path")}
        for row_number, number, name in batch:
            person = found.get(hashes[number])
            if person is None:
                result.errors.add(row_number, header_id, _("No member you can see has this ID number."))
            elif person[1] != name:
                result.errors.add(row_number, header_name, _("The name does not match the member with this ID "
                                                             "number."))
            elif not (person[2] or "").startswith(course.org.path):
                result.errors.add(row_number, header_id, _("This member does not belong to a union under the "
                                                           "organising union."))
            elif person[0] not in seen:
                seen.add(person[0])
                person_ids.append(person[0])
    return person_ids


def _report(actor, result: RosterResult, filename: str) -> None:
    job = Job.objects.create(kind=REPORT_KIND, created_by=actor, status=Job.Status.SUCCEEDED,
                             params={"filename": filename[-200:]}, result={"rows": result.rows})
    job.result = {**job.result, **result.errors.summary(),
                  "report": store_report(job.pk, result.errors, prefix="workforce-roster")}
    job.save(update_fields=["result"])
    result.report_job_id = job.pk


def roster_import_path(*, actor, session: CourseSession, path: str, filename: str = "") -> RosterResult:
    require(actor, WORKFORCE_CHANGE, session)
    course = session.course
    result = RosterResult()
    entries, headers = _read(path, filename, result)
    header_id, header_name = headers["id_number"], headers["name"]
    person_ids = _match(actor, course, entries, result, header_id, header_name) if not result.errors.truncated \
        else []
    if result.errors:
        _report(actor, result, filename)
        return result
    with transaction.atomic():
        Course.objects.select_for_update().filter(pk=course.pk).first()
        enrolled = set(Enrolment.objects.filter(course=course, person_id__in=person_ids)
                       .values_list("person_id", flat=True)) if len(person_ids) <= LOOKUP_BATCH else set(
            Enrolment.objects.filter(course=course).values_list("person_id", flat=True))
        new = [Enrolment(course=course, person_id=pk, source=Enrolment.Source.ROSTER)
               for pk in person_ids if pk not in enrolled]
        created = Enrolment.objects.bulk_create(new, batch_size=WRITE_BATCH)
        for start in range(0, len(created), WRITE_BATCH):
            ENROLMENT_FLOW.start_many(created[start:start + WRITE_BATCH], actor=actor,
                                      comment=_("Roster import"))
        before = Attendance.objects.filter(session=session).count()
        Attendance.objects.bulk_create(
            [Attendance(session=session, course=course, person_id=pk, day=session.day,
                        source=Attendance.Source.ROSTER) for pk in person_ids],
            batch_size=WRITE_BATCH, ignore_conflicts=True)
        result.attendances = Attendance.objects.filter(session=session).count() - before
        result.already = len(person_ids) - result.attendances
        result.enrolled = len(created)
        audit.record("workforce.roster_import", actor=actor, obj=course,
                     detail={"session": session.pk, "rows": result.rows, "attendances": result.attendances,
                             "enrolled": result.enrolled})
    return result


def roster_import(*, actor, session: CourseSession, upload) -> RosterResult:
    """The uploaded sheet (a Django UploadedFile), copied to a temporary file for the reader."""
    if upload is None:
        from gonghui.core.errors import ValidationFailed

        raise ValidationFailed(_("Choose a file to upload."), code="import_file_missing", field="file")
    name = os.path.basename(getattr(upload, "name", "") or "roster.xlsx")
    suffix = os.path.splitext(name)[1].lower() or ".xlsx"
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        return roster_import_path(actor=actor, session=session, path=handle.name, filename=name)
