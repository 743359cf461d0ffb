"""core.exports, the one CSV and Excel writer: every text cell inert, numbers and dates as themselves; and no
other module writes CSV or .xlsx itself."""

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from tests.inert import HOSTILE, assert_csv_inert, assert_xlsx_inert, csv_cells

from gonghui.core import exports

SRC = Path(exports.__file__).resolve().parents[1]


@pytest.mark.parametrize("name", HOSTILE)
def test_a_text_starting_like_a_formula_is_quoted(name):
    assert exports.csv_cell(name) == "'" + name


def test_other_cells_are_written_as_themselves():
    assert exports.csv_cell(None) == ""
    assert exports.csv_cell("张伟") == "张伟"
    assert exports.csv_cell(Decimal("-12.50")) == "-12.50"  # a number, not a text
    assert exports.csv_cell(-3) == "-3"
    assert exports.csv_cell(datetime.date(2026, 3, 1)) == "2026-03-01"
    assert exports.csv_cell("530102199001011234") == "\t530102199001011234"  # Excel keeps it whole
    assert exports.csv_cell("12345") == "12345"


def test_csv_streams_with_a_bom_and_every_hostile_cell_inert():
    chunks = list(exports.csv_chunks(([name, i, Decimal("1.50")] for i, name in enumerate(HOSTILE * 100)),
                                     flush_rows=50))
    assert len(chunks) > 10 and chunks[0].startswith("\ufeff".encode())
    rows = assert_csv_inert(b"".join(chunks), *HOSTILE)
    assert len(rows) == len(HOSTILE) * 100 and rows[1][1:] == ["1", "1.50"]


def test_xlsx_writes_text_as_text_never_a_formula(tmp_path):
    for constant_memory in (False, True):
        book = exports.Workbook(tmp_path / f"book-{constant_memory}.xlsx", constant_memory=constant_memory)
        sheet = book.sheet("名单", header=["姓名", "金额", "日期"])
        for name in HOSTILE:
            sheet.write_row([name, Decimal("12.50"), datetime.date(2026, 3, 1)])
        book.close()
        content = (tmp_path / f"book-{constant_memory}.xlsx").read_bytes()
        rows = assert_xlsx_inert(content, *HOSTILE)
        assert rows[1][1] == 12.5 and rows[1][2] == datetime.datetime(2026, 3, 1)
        cell = openpyxl.load_workbook(io.BytesIO(content)).active["A2"]
        assert cell.data_type == "s" and cell.quotePrefix  # stays text when someone edits the cell


def test_in_memory_workbook_and_import_template():
    content = exports.import_template("模板", [("*姓名", False), ("身份证号", True)], [("说明", ""), ("", "=1+1")])
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames[0] == "模板" and book.active["A1"].value == "*姓名"
    assert_xlsx_inert(content, "=1+1")


def test_csv_response_is_streamed_and_not_cached():
    response = exports.csv_response([["=1+1"]], "x.csv")
    assert response.streaming and response["Cache-Control"] == "no-store"
    assert csv_cells(response.getvalue()) == [["'=1+1"]]


def test_no_module_writes_csv_or_xlsx_but_core_exports():
    """One writer for every export: a new csv.writer or xlsxwriter elsewhere would bypass the escaping."""
    writer = re.compile(r"csv\.(writer|DictWriter)\(|import xlsxwriter|from xlsxwriter|openpyxl\.Workbook\(")
    sources = [path for path in SRC.rglob("*.py") if "tests" not in path.parts]
    writing = {str(path.relative_to(SRC)) for path in sources if writer.search(path.read_text(encoding="utf-8"))}
    assert writing == {"core/exports.py"}


def test_the_import_error_report_is_inert(tmp_path):
    from gonghui.core.imports.errors import RowErrors
    from gonghui.core.imports.report import write_error_report

    errors = RowErrors()
    errors.add(3, HOSTILE[0], HOSTILE[1])
    write_error_report(str(tmp_path / "report.xlsx"), errors,
                       extra_sheets={"不符合条件": (["行", "姓名"], [(4, name) for name in HOSTILE])})
    assert_xlsx_inert((tmp_path / "report.xlsx").read_bytes(), *HOSTILE)
