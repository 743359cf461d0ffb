"""Read an uploaded file as a stream of rows, whatever it is: .xlsx (openpyxl, read-only, formulas kept as
formulas and never evaluated) or .csv (UTF-8 with or without BOM, or GBK/GB18030 as Chinese Excel writes it).
Anything else — an image renamed .xlsx, an old .xls, a zip bomb, an empty file — is refused with one clear
error before a row is read."""

import codecs
import csv
import io
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import ImportFileError

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"
MAX_ZIP_RATIO = 200  # an .xlsx whose parts shrank more than this is refused (zip bomb); the unpacked size is a
                     # setting (GONGHUI_IMPORT_MAX_UNPACKED_BYTES), and so is the number of cells
CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Row:
    number: int     # as Excel numbers it
    values: tuple   # raw cell values: str, int, float, datetime, bool or None


def check_size(size: int) -> None:
    limit = settings.GONGHUI_IMPORT_MAX_BYTES
    if size <= 0:
        raise ImportFileError(_("The file is empty."), code="import_file_empty")
    if size > limit:
        raise ImportFileError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB. Split it into smaller files.")
            % {"size": round(size / 1024**2, 1), "limit": round(limit / 1024**2)}, code="import_file_too_large")


def _too_many_cells() -> ImportFileError:
    return ImportFileError(
        _("The sheet has more than %(limit)s cells, more than an import takes. Split it into smaller files.")
        % {"limit": f"{settings.GONGHUI_IMPORT_MAX_CELLS:,}"}, code="import_file_too_many_cells")


def _counted(rows: Iterator[Row]) -> Iterator[Row]:
    """The rows, refused (ImportFileError) once they hold more than GONGHUI_IMPORT_MAX_CELLS cells (a row counts
    one at least, blank lines too)."""
    limit, cells = settings.GONGHUI_IMPORT_MAX_CELLS, 0
    for row in rows:
        cells += len(row.values) or 1
        if cells > limit:
            raise _too_many_cells()
        yield row


def read_rows(path: str, *, filename: str = "") -> Iterator[Row]:
    """Rows of the first visible sheet (.xlsx) or of the CSV file at ``path``."""
    check_size(os.path.getsize(path))
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(XLSX_MAGIC):
        return _counted(_xlsx_rows(path))
    if head.startswith(XLS_MAGIC):
        raise ImportFileError(_("This is an old .xls workbook; save it as .xlsx (Excel 2007 or later) or .csv "
                                "and upload it again."), code="import_file_xls")
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise ImportFileError(_("This file is not an Excel workbook, although its name ends in .xlsx."),
                              code="import_file_not_excel")
    return _counted(_csv_rows(path))


# --- xlsx -----------------------------------------------------------------------------------------------

def _check_zip(path: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise ImportFileError(_("This file is not an Excel workbook, or it is damaged."),
                              code="import_file_not_excel") from None
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        raise ImportFileError(_("This file is not an Excel workbook, or it is damaged."),
                              code="import_file_not_excel")
    unzipped = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    limit = settings.GONGHUI_IMPORT_MAX_UNPACKED_BYTES
    if unzipped > limit:
        raise ImportFileError(
            _("This workbook unpacks to %(size)s MB, more than the %(limit)s MB an import takes. Split it into "
              "smaller files, or save it as .csv.")
            % {"size": round(unzipped / 1024**2), "limit": round(limit / 1024**2)},
            code="import_file_unpacked_too_large")
    if unzipped / packed > MAX_ZIP_RATIO:
        raise ImportFileError(_("This workbook unpacks to an implausible size and is refused."),
                              code="import_file_bomb")


def _xlsx_rows(path: str) -> Iterator[Row]:
    _check_zip(path)
    if os.path.getsize(path) <= settings.GONGHUI_IMPORT_FAST_XLSX_BYTES and _fits_the_fast_reader(path):
        return _calamine_rows(path)
    return _openpyxl_rows(path)


_FORMULA_TAGS = (b"<f>", b"<f ", b":f>", b":f ")  # <f>…</f>, <f t="shared" …/>, with or without a prefix
_CELL_TAGS = (b"<c ", b":c ")  # <c r="A1" …>, with or without a prefix (a bare <c> is rare: the rows count it)
_FAR_COLUMN = re.compile(rb' r="[A-Z]{3}')  # a cell in column AAA (703) or beyond


def _fits_the_fast_reader(path: str) -> bool:
    """May the fast reader, which holds the sheet in memory as a full rectangle, read this workbook? Not when a
    worksheet holds a formula (it would silently return the formula's cached result), nor when a cell lies beyond
    column ZZ (two cells, at A1 and XFD1048576, would ask it for billions): those are streamed instead. Refused
    at once when the cells are more than GONGHUI_IMPORT_MAX_CELLS. Decompressed as a stream and searched in C:
    a second or two for a file of 16 MB."""
    cells, far = 0, False
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if not info.filename.startswith("xl/worksheets/"):
                continue
            tail = b""
            with archive.open(info) as part:
                while chunk := part.read(CHUNK):
                    window = tail + chunk
                    if any(tag in window for tag in _FORMULA_TAGS):
                        return False
                    cells += sum(chunk.count(tag) for tag in _CELL_TAGS)
                    if cells > settings.GONGHUI_IMPORT_MAX_CELLS:
                        raise _too_many_cells()
                    far = far or _FAR_COLUMN.search(window) is not None
                    tail = chunk[-16:]
    return not far


def _calamine_rows(path: str) -> Iterator[Row]:
    """The fast reader (calamine, in Rust: ~100,000 rows/s against openpyxl's ~13,000). It holds the sheet in
    memory (~0.5 KB a row), hence only for files up to GONGHUI_IMPORT_FAST_XLSX_BYTES (16 MB, ~350,000 rows);
    larger ones stream through openpyxl. Empty cells come as "" (blank, like openpyxl's None) and whole numbers
    as floats (1.0), which the cell checks accept alike."""
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    try:
        workbook = CalamineWorkbook.from_path(path)
        visible = [m.name for m in workbook.sheets_metadata
                   if m.visible == SheetVisibleEnum.Visible and m.typ == SheetTypeEnum.WorkSheet]
        if not visible:
            raise ImportFileError(_("The workbook has no visible sheet."), code="import_file_no_sheet")
        sheet = workbook.get_sheet_by_name(visible[0])
    except CalamineError:
        raise ImportFileError(_("This file is not an Excel workbook, or it is damaged."),
                              code="import_file_not_excel") from None
    return (Row(number, tuple(values)) for number, values in enumerate(sheet.iter_rows(), start=1))


def _openpyxl_rows(path: str) -> Iterator[Row]:
    import openpyxl

    try:
        # read_only streams the sheet; data_only=False keeps formulas as their text, so none is evaluated and
        # no cached result is trusted.
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception:
        raise ImportFileError(_("This file is not an Excel workbook, or it is damaged."),
                              code="import_file_not_excel") from None
    sheet = next((ws for ws in workbook.worksheets if ws.sheet_state == "visible"), None)
    if sheet is None or not hasattr(sheet, "iter_rows"):
        workbook.close()
        raise ImportFileError(_("The workbook has no visible sheet."), code="import_file_no_sheet")
    return _iterate_sheet(workbook, sheet)


def _iterate_sheet(workbook, sheet) -> Iterator[Row]:
    try:
        sheet.reset_dimensions()  # some writers store a wrong size; read what is there
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield Row(number, values)
    finally:
        workbook.close()


# --- csv ------------------------------------------------------------------------------------------------

def _detect_encoding(path: str) -> str:
    """utf-8-sig when the whole file decodes as UTF-8, else gb18030 (a superset of GBK). A NUL byte means the
    file is not text at all."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            if b"\x00" in chunk:
                raise ImportFileError(_("This file is neither an Excel workbook (.xlsx) nor a CSV text file."),
                                      code="import_file_not_excel")
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
        if utf8:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8 = False
    return "utf-8-sig" if utf8 else "gb18030"


def _csv_rows(path: str) -> Iterator[Row]:
    encoding = _detect_encoding(path)
    return _iterate_csv(path, encoding)


def _iterate_csv(path: str, encoding: str) -> Iterator[Row]:
    with open(path, "rb") as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
        try:
            reader = csv.reader(text)
            for number, values in enumerate(reader, start=1):
                yield Row(number, tuple(values))
        except (UnicodeDecodeError, csv.Error):
            raise ImportFileError(_("This file is neither an Excel workbook (.xlsx) nor a readable CSV file."),
                                  code="import_file_not_excel") from None
