"""The error report: an .xlsx naming row, column and reason for every error (xlsxwriter, constant memory)."""

import xlsxwriter
from django.utils.translation import gettext as _

from .errors import RowErrors


def _truncated_note(errors: RowErrors) -> str:
    return _("At least %(count)s errors: the check stopped there, and only the first %(listed)s are listed. "
             "Correct them and check the file again.") % {"count": errors.total, "listed": len(errors.items)}


def write_error_report(path: str, errors: RowErrors, *, extra_sheets: dict[str, tuple[list, list]] | None = None
                       ) -> None:
    """Write the report to ``path``. ``extra_sheets`` maps a sheet name to (headers, rows) (e.g. the rows
    proposed as transfers)."""
    workbook = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False,
                                          "strings_to_urls": False})
    try:
        bold = workbook.add_format({"bold": True})
        sheet = workbook.add_worksheet(_("Errors")[:31])
        sheet.set_column(0, 0, 8)
        sheet.set_column(1, 1, 18)
        sheet.set_column(2, 2, 80)
        sheet.write_row(0, 0, [_("Row"), _("Column"), _("Reason")], bold)
        line = 0
        for line, error in enumerate(sorted(errors.items, key=lambda e: e.row), start=1):  # rows in file order
            sheet.write_number(line, 0, error.row)
            sheet.write_string(line, 1, error.column)
            sheet.write_string(line, 2, error.reason)
        if errors.truncated:
            sheet.write_string(line + 1, 2, _truncated_note(errors), bold)
        for name, (headers, rows) in (extra_sheets or {}).items():
            extra = workbook.add_worksheet(str(name)[:31])
            extra.write_row(0, 0, [str(h) for h in headers], bold)
            for line, values in enumerate(rows, start=1):
                for position, value in enumerate(values):
                    extra.write_string(line, position, str(value))
    finally:
        workbook.close()
