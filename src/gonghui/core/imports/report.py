"""The error report: an .xlsx naming row, column and reason for every error (core.exports, constant memory)."""

from django.utils.translation import gettext as _

from ..exports import Workbook
from .errors import RowErrors


def _truncated_note(errors: RowErrors) -> str:
    return _("At least %(count)s errors: the check stopped there, and only the first %(listed)s are listed. "
             "Correct them and check the file again.") % {"count": errors.total, "listed": len(errors.items)}


def write_error_report(path: str, errors: RowErrors, *, extra_sheets: dict[str, tuple[list, list]] | None = None
                       ) -> None:
    """Write the report to ``path``. ``extra_sheets`` maps a sheet name to (headers, rows) (e.g. the rows
    proposed as transfers)."""
    book = Workbook(path, constant_memory=True)
    try:
        sheet = book.sheet(_("Errors"), header=[_("Row"), _("Column"), _("Reason")], widths=(8, 18, 80))
        for error in sorted(errors.items, key=lambda e: e.row):  # rows in file order
            sheet.write_row([error.row, error.column, error.reason])
        if errors.truncated:
            sheet.write_row(["", "", _truncated_note(errors)])
        for name, (headers, rows) in (extra_sheets or {}).items():
            extra = book.sheet(name, header=[str(h) for h in headers])
            for values in rows:
                extra.write_row([str(value) for value in values])
    finally:
        book.close()
