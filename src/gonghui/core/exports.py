"""The one writer of every CSV and Excel file the platform hands out: data exports, the bank payment file,
reports, import templates and error reports. No cell that someone typed is ever run as a formula.

- CSV (``csv_chunks``, ``csv_bytes``, ``csv_response``): UTF-8 with a BOM (Excel then reads the Chinese),
  produced row by row, so a million rows stream without sitting in memory. A text cell starting with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` (OWASP, "CSV injection"): a spreadsheet
  shows it as text. A text of 12 or more digits gets a leading tab, so Excel keeps an ID or card number whole
  instead of showing 5.3E+17. Numbers, Decimals and dates are written as themselves.
- .xlsx (``Workbook``, xlsxwriter): text is always written as a string cell, never read as a formula, a link or a
  number; a text starting with a formula character also carries Excel's quote prefix, so that editing the cell
  keeps it text. Decimals are written as numbers with two places, dates as dates.

Nothing else in ``src/`` imports ``csv.writer`` or ``xlsxwriter`` (a test checks).
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.http import StreamingHttpResponse
from django.utils import timezone

from . import money

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FLUSH_ROWS = 200  # CSV rows per chunk handed to the response: fewer, larger writes to the socket
_LONG_DIGITS = re.compile(r"[0-9]{12,}")
_NUMBERS = (int, float, Decimal)


# --- CSV -------------------------------------------------------------------------------------------------

def csv_cell(value) -> str:
    """One cell as CSV text: inert whatever it holds."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, datetime.date):
        return value.isoformat()
    elif isinstance(value, _NUMBERS):
        return str(value)
    else:
        text = str(value)  # a lazy translation, an enum label...: text like any other
    if text.startswith(FORMULA_START):
        return "'" + text
    if len(text) >= 12 and _LONG_DIGITS.fullmatch(text):
        return "\t" + text
    return text


class _Echo:
    """A file that hands back what is written: csv.writer then returns each line."""

    def write(self, value):
        return value


def csv_chunks(rows: Iterable[Sequence], *, flush_rows: int = FLUSH_ROWS) -> Iterator[bytes]:
    """The file (BOM first), a few hundred rows per chunk; ``rows`` is read as the chunks are taken."""
    writerow = csv.writer(_Echo()).writerow
    buffer = [BOM]
    for row in rows:
        buffer.append(writerow([csv_cell(value) for value in row]))
        if len(buffer) >= flush_rows:
            yield "".join(buffer).encode()
            buffer.clear()
    if buffer:
        yield "".join(buffer).encode()


def csv_bytes(rows: Iterable[Sequence]) -> bytes:
    """The whole file at once (small files: a bank file, a report)."""
    return b"".join(csv_chunks(rows))


def csv_response(rows: Iterable[Sequence], filename: str) -> StreamingHttpResponse:
    """The file streamed as an attachment; ``rows`` is read while the response is sent."""
    response = StreamingHttpResponse(csv_chunks(rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# --- .xlsx -----------------------------------------------------------------------------------------------

class Workbook:
    """An .xlsx written with xlsxwriter, cells only through ``Sheet.write``/``write_row``.

    ``target`` is a path or a binary file; without one the workbook is built in memory and ``close()`` returns
    its bytes. ``constant_memory``: each row goes to disk once the next one starts (rows in order; for exports
    of any size)."""

    def __init__(self, target=None, *, constant_memory: bool = False):
        import xlsxwriter

        self._buffer = io.BytesIO() if target is None else None
        self.book = xlsxwriter.Workbook(self._buffer if target is None else target, {
            "in_memory": target is None, "constant_memory": constant_memory,
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        })
        self._props: dict[int, dict] = {}
        self._quoted: dict[int | None, object] = {}
        self.bold = self.format(bold=True)
        self.date = self.format(num_format="yyyy-mm-dd")
        self.datetime = self.format(num_format="yyyy-mm-dd hh:mm")
        self.money = self.format(num_format=money.XLSX_NUMBER_FORMAT)
        self.text = self.format(num_format="@")

    def format(self, **props):
        cell_format = self.book.add_format(props)
        self._props[id(cell_format)] = props
        return cell_format

    def quoted(self, cell_format):
        """The same format with Excel's quote prefix (the cell stays text when edited)."""
        key = None if cell_format is None else id(cell_format)
        if key not in self._quoted:
            self._quoted[key] = self.book.add_format({**self._props.get(key, {}), "quote_prefix": True})
        return self._quoted[key]

    def sheet(self, title: str, *, header: Sequence | None = None, widths: Sequence[int] = (),
              header_format=None) -> "Sheet":
        """A new sheet (title cut to Excel's 31 characters), with its column widths and header row."""
        sheet = Sheet(self, self.book.add_worksheet(str(title)[:31]))
        for column, width in enumerate(widths):
            sheet.ws.set_column(column, column, width)
        if header is not None:
            sheet.write_row(header, header_format or self.bold)
        return sheet

    def close(self) -> bytes:
        self.book.close()
        return self._buffer.getvalue() if self._buffer is not None else b""


class Sheet:
    """A worksheet with a row cursor. ``ws`` is xlsxwriter's worksheet for layout only (widths, panes)."""

    def __init__(self, workbook: Workbook, worksheet):
        self.workbook, self.ws, self.row = workbook, worksheet, 0

    def write(self, row: int, column: int, value, cell_format=None) -> None:
        ws, book = self.ws, self.workbook
        if value is None:
            return
        if isinstance(value, str):
            if value.startswith(FORMULA_START):
                ws.write_string(row, column, value, book.quoted(cell_format))
            elif value:
                ws.write_string(row, column, value, cell_format)
        elif isinstance(value, bool):
            ws.write_boolean(row, column, value, cell_format)
        elif isinstance(value, Decimal):
            ws.write_number(row, column, float(value), cell_format or book.money)  # display: the figure is Decimal
        elif isinstance(value, int | float):
            ws.write_number(row, column, value, cell_format)
        elif isinstance(value, datetime.datetime):
            if timezone.is_aware(value):
                value = timezone.localtime(value).replace(tzinfo=None)
            ws.write_datetime(row, column, value, cell_format or book.datetime)
        elif isinstance(value, datetime.date):
            ws.write_datetime(row, column, value, cell_format or book.date)
        else:
            self.write(row, column, str(value), cell_format)

    def write_row(self, values: Iterable, cell_format=None) -> None:
        """Write ``values`` on the next row."""
        row = self.row
        for column, value in enumerate(values):
            self.write(row, column, value, cell_format)
        self.row = row + 1


def import_template(title: str, columns: Sequence[tuple[str, bool]], guide: Sequence[tuple[str, str]], *,
                    text_width: int = 24) -> bytes:
    """An import template: a sheet of headers (``(label, is_text)``: text columns formatted as text, so Excel
    keeps long numbers whole) and a sheet of instructions (``(heading, line)`` pairs)."""
    from django.utils.translation import gettext as _

    book = Workbook()
    header = book.format(bold=True, bg_color="#FDE9D9", border=1)
    sheet = book.sheet(title)
    for position, (_label, is_text) in enumerate(columns):
        sheet.ws.set_column(position, position, text_width if is_text else 14, book.text if is_text else None)
    sheet.write_row([label for label, _is_text in columns], header)
    instructions = book.sheet(_("Instructions"), widths=(22, 90))
    for index, (first, second) in enumerate(guide):
        instructions.write(index, 0, str(first), header if index == 0 or first else None)
        instructions.write(index, 1, str(second))
    return book.close()
