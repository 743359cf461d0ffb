"""Member export: the members of a subtree, with the member list's filters, to CSV or .xlsx.

Both formats stream: rows come from one query read in chunks (``iterator``), the CSV is written to the response
as it is read, and the workbook is written row by row in xlsxwriter's constant-memory mode to a temporary file
that is then sent. A million rows never sit in memory.

Personal data is masked unless the user holds members.view_sensitive over everything exported and gives a
reason. Every export (and every refused unmasked one) is audited, without personal data in the detail. The
file opens with a line naming who exported it, when, and whether it is masked.
"""

import datetime
import itertools
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import FilteredRelation, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core import audit, exports, masking, roles, scope
from gonghui.core.errors import NotFound, PermissionDenied, ValidationFailed
from gonghui.core.files import XLSX_CONTENT_TYPE

from . import selectors
from .errors import ReasonRequired
from .models import Membership, Person

FORMATS = ("csv", "xlsx")
CHUNK_SIZE = 2000
# Excel holds 1,048,576 rows per sheet; larger exports continue on further sheets.
XLSX_ROWS_PER_SHEET = 1_000_000

COLUMNS = (
    gettext_lazy("Name"), gettext_lazy("Resident ID number"), gettext_lazy("Mobile number"), gettext_lazy("Sex"),
    gettext_lazy("Birth date"), gettext_lazy("Worker category"), gettext_lazy("Occupation"),
    gettext_lazy("Union"), gettext_lazy("Unit (employer)"), gettext_lazy("Joined on"),
    gettext_lazy("Membership status"), gettext_lazy("Member card number"),
)
COLUMN_WIDTHS = (10, 20, 14, 5, 11, 16, 14, 28, 28, 11, 10, 18)
# What is read per row: the person, its union, and its current membership (at most one, by a database
# constraint) joined in the same query, so the export costs one query whatever its size.
_VALUES = ("name", "id_number", "phone", "sex", "birth_date", "category", "occupation", "current_org__name",
           "current__unit__name", "current__joined_on", "current__status", "current__card_number")
_NUMBER_IN_QUERY = re.compile(r"[0-9]{5,}")


class ExportFormatInvalid(ValidationFailed):
    code = "export_format_invalid"
    default_message = gettext_lazy("Choose CSV or Excel (.xlsx).")


@dataclass(frozen=True)
class ExportFilters:
    query: str = ""
    org_id: int | None = None
    category: str = ""
    status: str = ""

    def as_detail(self) -> dict:
        # A search may be a number typed whole; keep only its tail, as the masked display would.
        query = _NUMBER_IN_QUERY.sub(lambda m: "*" * (len(m.group()) - 4) + m.group()[-4:], self.query)
        return {"q": query[:100], "org_id": self.org_id, "category": self.category, "status": self.status}


@dataclass
class MemberExport:
    """What a page or the API needs to send an export: the rows to read and the words around them."""

    rows: QuerySet
    fmt: str
    masked: bool
    row_count: int
    exporter_line: str
    filename: str
    labels: dict = field(default_factory=dict)

    @property
    def content_type(self) -> str:
        return exports.CSV_CONTENT_TYPE if self.fmt == "csv" else XLSX_CONTENT_TYPE


# --- who may export what --------------------------------------------------------------------------------

def export_roots(user, org_id: int | None) -> list[str]:
    """The subtree roots an export covers: the chosen organisation, or every root of the user's export scope.
    No export permission, or an organisation out of reach, is not found."""
    roots = scope.paths_with(user, roles.MEMBERS_EXPORT)
    if not roots:
        raise NotFound()
    if not org_id:
        return roots
    from gonghui.orgs.selectors import organisation_get

    org = organisation_get(user, org_id)
    if not scope.has_perm(user, roles.MEMBERS_EXPORT, org.path):
        raise NotFound()
    return [org.path]


def may_export_unmasked(user, org_id: int | None = None) -> bool:
    """members.view_sensitive over every root of the export (per root, not per row: it covers the subtree)."""
    return all(scope.has_perm(user, roles.MEMBERS_VIEW_SENSITIVE, root) for root in export_roots(user, org_id))


def exportable_persons(user, filters: ExportFilters) -> QuerySet:
    """The member list's rows (same filters, same order), narrowed to the export scope, as value tuples."""
    qs = selectors.person_list(user, query=filters.query, org_id=filters.org_id, category=filters.category,
                               status=filters.status)
    qs = scope.scoped(qs, user, roles.MEMBERS_EXPORT)
    if filters.status in (Membership.Status.TRANSFERRED, Membership.Status.LAPSED):
        # A person may hold several past memberships of these; a current one is unique (a constraint), so
        # the common filters avoid DISTINCT over a million rows.
        qs = qs.distinct()
    current = FilteredRelation("memberships", condition=Q(memberships__status__in=Membership.CURRENT))
    return qs.annotate(current=current).values_list(*_VALUES)


# --- the service ------------------------------------------------------------------------------------------

def member_export(*, actor, fmt: str, filters: ExportFilters, unmasked: bool = False,
                  reason: str = "") -> MemberExport:
    """Check and audit an export; the caller streams it with ``csv_chunks`` or ``xlsx_file``."""
    if fmt not in FORMATS:
        raise ExportFormatInvalid(field="format")
    export_roots(actor, filters.org_id)  # 404 before anything else when out of reach
    reason = (reason or "").strip()
    detail = {"filters": filters.as_detail(), "format": fmt, "masked": not unmasked}
    if unmasked:
        if not may_export_unmasked(actor, filters.org_id):
            audit.record("members.export", actor=actor, object_type="members.person", result="denied",
                         detail=detail)
            raise PermissionDenied()
        if len(reason) < 2:
            raise ReasonRequired(field="reason")
        detail["reason"] = reason[:500]
    rows = exportable_persons(actor, filters)
    count = rows.count()
    detail["rows"] = count
    audit.record("members.export", actor=actor, object_type="members.person",
                 object_label=f"{count} persons ({fmt})", detail=detail)
    now = timezone.localtime()
    return MemberExport(rows=rows, fmt=fmt, masked=not unmasked, row_count=count,
                        exporter_line=exporter_line(actor, now, masked=not unmasked),
                        filename=f"members-{now:%Y%m%d-%H%M%S}.{fmt}", labels=_labels())


def exporter_line(user, when: datetime.datetime, *, masked: bool) -> str:
    org = _exporter_org_label(user)
    who = f"{user.get_username()}（{org}）" if org else user.get_username()
    return _("Exported by: %(who)s  Exported at: %(when)s (%(zone)s)  Masked: %(masked)s") % {
        "who": who, "when": f"{when:%Y-%m-%d %H:%M}", "zone": settings.TIME_ZONE,
        "masked": _("yes") if masked else _("no"),
    }


def _exporter_org_label(user) -> str:
    """The organisation the user acts for: the one picked in the switcher, else their highest export grant."""
    held = [g for g in scope.grants(user) if roles.MEMBERS_EXPORT in g.permissions]
    if not held:
        return ""
    grant = min(held, key=lambda g: (len(g.org_path), g.org_path))
    return scope.org_labels([grant.org_id]).get(grant.org_id, "")


def _labels() -> dict:
    """Choice labels in the active language, looked up once per export rather than once per row."""
    return {
        "sex": {k: str(v) for k, v in Person.Sex.choices},
        "category": {k: str(v) for k, v in Person.Category.choices},
        "occupation": {k: str(v) for k, v in Person.Occupation.choices if k},
        "status": {k: str(v) for k, v in Membership.Status.choices},
    }


def export_rows(export: MemberExport) -> Iterator[list]:
    """The data rows, masked or not, with dates left as dates (the writers format them)."""
    labels = export.labels
    sex, category, occupation, status = labels["sex"], labels["category"], labels["occupation"], labels["status"]
    mask_id, mask_phone = masking.mask_id_number, masking.mask_phone
    masked = export.masked
    for (name, id_number, phone, sex_code, birth, category_code, occupation_code, union, unit, joined,
         status_code, card) in export.rows.iterator(chunk_size=CHUNK_SIZE):
        yield [
            name, mask_id(id_number) if masked else id_number, (mask_phone(phone) if masked else phone) or "",
            sex.get(sex_code, sex_code), birth, category.get(category_code, category_code),
            occupation.get(occupation_code, ""), union or "", unit or "", joined,
            status.get(status_code, "") if status_code else "", card or "",
        ]


def http_response(export: MemberExport):
    """The file, streamed: the CSV as it is read, the workbook from its temporary file."""
    from django.http import FileResponse

    if export.fmt == "csv":
        return exports.csv_response(_csv_rows(export), export.filename)
    response = FileResponse(xlsx_file(export), as_attachment=True, filename=export.filename,
                            content_type=export.content_type)
    response["Cache-Control"] = "no-store"
    return response


# --- writers (core.exports: every text cell inert) -------------------------------------------------------

def _csv_rows(export: MemberExport) -> Iterator[list]:
    return itertools.chain(([export.exporter_line], [str(c) for c in COLUMNS]), export_rows(export))


def csv_chunks(export: MemberExport) -> Iterator[bytes]:
    """The CSV as UTF-8 with a BOM (so Excel reads the Chinese), a few hundred rows per chunk."""
    return exports.csv_chunks(_csv_rows(export))


def xlsx_file(export: MemberExport):
    """Write the workbook to a temporary file (deleted when closed) and return it, rewound."""
    # Closed by the response once sent (FileResponse), which deletes it; closed here if writing fails.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    try:
        _write_workbook(handle, export)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return handle


def _write_workbook(handle, export: MemberExport) -> None:
    book = exports.Workbook(handle, constant_memory=True)  # each row goes to disk once the next one starts
    sheet, sheet_number = None, 0
    for row in export_rows(export):
        if sheet is None or sheet.row - 2 >= XLSX_ROWS_PER_SHEET:
            sheet_number += 1
            sheet = _new_sheet(book, export, sheet_number)
        sheet.write_row(row)
    if sheet is None:
        _new_sheet(book, export, 1)
    book.close()


def _new_sheet(book: exports.Workbook, export: MemberExport, number: int) -> exports.Sheet:
    title = _("Members")
    sheet = book.sheet(title if number == 1 else f"{title} ({number})", widths=COLUMN_WIDTHS)
    sheet.write_row([export.exporter_line])
    sheet.write_row([str(label) for label in COLUMNS], book.bold)
    sheet.ws.freeze_panes(2, 0)
    return sheet
