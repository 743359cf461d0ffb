"""The import framework on broken and awkward files: each refused with one clear error, or read right."""

import datetime
import io
import os
import zipfile

import openpyxl
import pytest

from gonghui.core.imports import Column, ImportFileError, RowErrors, cells, find_header, read_rows, write_error_report
from gonghui.core.imports.headers import is_total_row

COLUMNS = [Column("name", "姓名", ("name",), required=True),
           Column("id_number", "身份证号", ("身份证号码", "公民身份号码"), required=True),
           Column("phone", "手机号", ("联系电话",)), Column("serial", "序号", ())]


def write(tmp_path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def workbook_bytes(build) -> bytes:
    workbook = openpyxl.Workbook()
    build(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_empty_file_is_refused(tmp_path):
    with pytest.raises(ImportFileError) as caught:
        read_rows(write(tmp_path, "a.xlsx", b""), filename="a.xlsx")
    assert caught.value.code == "import_file_empty"


def test_png_renamed_xlsx_is_refused(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    with pytest.raises(ImportFileError) as caught:
        read_rows(write(tmp_path, "a.xlsx", png), filename="a.xlsx")
    assert caught.value.code == "import_file_not_excel"
    with pytest.raises(ImportFileError):
        read_rows(write(tmp_path, "a.csv", png), filename="a.csv")


def test_zip_that_is_not_a_workbook_and_zip_bomb_are_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ImportFileError) as caught:
        read_rows(write(tmp_path, "a.xlsx", buffer.getvalue()), filename="a.xlsx")
    assert caught.value.code == "import_file_not_excel"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (50 * 1024 * 1024))
    with pytest.raises(ImportFileError) as caught:
        read_rows(write(tmp_path, "bomb.xlsx", buffer.getvalue()), filename="bomb.xlsx")
    assert caught.value.code == "import_file_bomb"


def test_file_above_the_size_limit_is_refused(tmp_path, settings):
    settings.GONGHUI_IMPORT_MAX_BYTES = 1000
    with pytest.raises(ImportFileError) as caught:
        read_rows(write(tmp_path, "a.csv", b"a,b\n" * 1000), filename="a.csv")
    assert caught.value.code == "import_file_too_large"


def test_gbk_and_utf8_bom_csv_are_read(tmp_path):
    text = "姓名,身份证号\n张伟,530102199005171234\n"
    for encoding in ("gbk", "gb18030", "utf-8-sig", "utf-8"):
        rows = list(read_rows(write(tmp_path, f"{encoding}.csv", text.encode(encoding)), filename="x.csv"))
        assert rows[0].values == ("姓名", "身份证号") and rows[1].values[0] == "张伟", encoding


def test_header_below_title_and_blank_rows_hidden_sheet_skipped(tmp_path):
    def build(workbook):
        hidden = workbook.active
        hidden.append(["姓名", "身份证号"])
        hidden.append(["隐藏", "x"])
        hidden.sheet_state = "hidden"
        sheet = workbook.create_sheet("名册")
        sheet.append(["2024年某某公司工会会员名册"])
        sheet.merge_cells("A1:D1")
        sheet.append([])
        sheet.append(["序号", "姓 名", "公民身份号码（必填）", "联系电话"])
        sheet.append([1, "张伟", "530102199005171234", "138-0000-0000"])
        sheet.append(["合计", None, None, None])

    rows = read_rows(write(tmp_path, "a.xlsx", workbook_bytes(build)), filename="a.xlsx")
    header = find_header(rows, COLUMNS)
    assert header.row_number == 3 and header.index == {"serial": 0, "name": 1, "id_number": 2, "phone": 3}
    data = list(rows)
    assert data[0].number == 4 and data[0].values[1] == "张伟"
    assert is_total_row(data[1].values)


def test_missing_required_column_and_no_header(tmp_path):
    rows = read_rows(write(tmp_path, "a.csv", "姓名,手机号\n张伟,13800000000\n".encode()), filename="a.csv")
    with pytest.raises(ImportFileError) as caught:
        find_header(rows, COLUMNS)
    assert caught.value.code == "import_columns_missing" and "身份证号" in str(caught.value.message)
    rows = read_rows(write(tmp_path, "b.csv", b"foo,bar\n1,2\n"), filename="b.csv")
    with pytest.raises(ImportFileError) as caught:
        find_header(rows, COLUMNS)
    assert caught.value.code == "import_header_missing"


def test_formulas_are_kept_as_text_and_refused_never_evaluated(tmp_path):
    def build(workbook):
        sheet = workbook.active
        sheet.append(["姓名", "身份证号"])
        sheet.append(["=HYPERLINK(\"http://evil\")", "=1+1"])

    rows = list(read_rows(write(tmp_path, "f.xlsx", workbook_bytes(build)), filename="f.xlsx"))
    assert rows[1].values == ('=HYPERLINK("http://evil")', "=1+1")
    with pytest.raises(cells.CellError, match="formula"):
        cells.text(rows[1].values[1])


def test_cell_normalisation():
    assert cells.text("\u3000张伟　") == "张伟"
    assert cells.identity_number("５３０１０２１９９００５１７１２３ｘ") == "53010219900517123X"
    assert cells.phone_text("+86 138-0000-0000") == "13800000000"
    assert cells.phone_text(13800000000.0) == "13800000000"
    for raw in (datetime.datetime(2019, 3, 1), "2019.03.01", "2019/3/1", "2019年3月1日", "2019-03-01", "20190301"):
        assert cells.date(raw) == datetime.date(2019, 3, 1), raw
    for raw in (5.30102199005171e17, 530102199005171234, "5.30102199005171E+17"):
        with pytest.raises(cells.CellError, match="last digits"):
            cells.identity_number(raw)
    with pytest.raises(cells.CellError, match="too long"):
        cells.text("长" * 5000)
    with pytest.raises(cells.CellError):
        cells.date("2019-02-30")


def test_error_report_lists_every_error(tmp_path):
    errors = RowErrors()
    for row in range(2, 10_002):
        errors.add(row, "身份证号", "bad")
    path = str(tmp_path / "report.xlsx")
    write_error_report(path, errors)
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    lines = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(lines) == 10_000 and lines[-1] == (10_001, "身份证号", "bad")


def _awkward_workbook(workbook):
    hidden = workbook.active
    hidden.append(["姓名", "身份证号"])
    hidden.sheet_state = "hidden"
    sheet = workbook.create_sheet("名册")
    sheet["C3"], sheet["D3"], sheet["E3"], sheet["F3"] = "姓名", "身份证号", "入会日期", "序号"
    sheet["C4"], sheet["D4"], sheet["E4"], sheet["F4"] = "张伟", "530102199005171234", datetime.date(2020, 1, 2), 7
    sheet["C6"], sheet["D6"] = "王芳", "５３０１０２１９９００５１７１２３４"


def _clean(values) -> list:
    """What the checks see: openpyxl gives a date cell as a datetime, calamine as a date; cells.date takes both."""
    return [cells.date(v).isoformat() if isinstance(v, datetime.date) else cells.text(v)
            for v in values if not cells.is_blank(v)]


@pytest.mark.parametrize("fast", [True, False], ids=["calamine", "openpyxl"])
def test_both_xlsx_readers_read_the_same_rows(tmp_path, settings, monkeypatch, fast):
    """Small workbooks go through calamine, large ones (or any with a formula) stream through openpyxl: the rows
    the checks see, their numbers and their cleaned values must not depend on which."""
    from gonghui.core.imports import reading

    settings.GONGHUI_IMPORT_FAST_XLSX_BYTES = 10**9 if fast else 0
    used = []
    for name in ("_calamine_rows", "_openpyxl_rows"):
        original = getattr(reading, name)
        monkeypatch.setattr(reading, name, lambda path, _o=original, _n=name: used.append(_n) or _o(path))
    rows = read_rows(write(tmp_path, "a.xlsx", workbook_bytes(_awkward_workbook)), filename="a.xlsx")
    header = find_header(rows, COLUMNS)
    data = [(row.number, _clean(row.values)) for row in rows if not all(cells.is_blank(v) for v in row.values)]
    assert used == ["_calamine_rows" if fast else "_openpyxl_rows"]
    # calamine drops leading empty columns, openpyxl keeps them: positions differ, their order does not
    assert header.row_number == 3 and sorted(header.index, key=header.index.get) == ["name", "id_number", "serial"]
    assert data == [(4, ["张伟", "530102199005171234", "2020-01-02", "7"]),
                    (6, ["王芳", "530102199005171234"])]


def test_a_workbook_with_a_formula_takes_the_careful_reader(tmp_path):
    from gonghui.core.imports import reading

    def build(workbook):
        workbook.active.append(["姓名", "身份证号"])
        workbook.active.append(["张伟", "=1+1"])

    assert not reading._fits_the_fast_reader(write(tmp_path, "f.xlsx", workbook_bytes(build)))
    assert reading._fits_the_fast_reader(write(tmp_path, "a.xlsx", workbook_bytes(_awkward_workbook)))


# --- issue 19 §7: what one file may cost ------------------------------------------------------------------

def _rows_workbook(rows: int, columns: int = 4):
    def build(workbook):
        for number in range(rows):
            workbook.active.append([f"v{number}-{column}" for column in range(columns)])
    return build


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_whatever_its_ratio(tmp_path, settings):
    """An 11.5 MB workbook unpacking to 343 MB (ratio 30) passed the ratio check; the unpacked sum is capped."""
    path = write(tmp_path, "big.xlsx", workbook_bytes(_rows_workbook(2000)))
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    assert unpacked / os.path.getsize(path) < 200  # the ratio alone lets it through
    settings.GONGHUI_IMPORT_MAX_UNPACKED_BYTES = unpacked - 1
    with pytest.raises(ImportFileError) as caught:
        read_rows(path, filename="big.xlsx")
    assert caught.value.code == "import_file_unpacked_too_large"
    settings.GONGHUI_IMPORT_MAX_UNPACKED_BYTES = unpacked
    assert len(list(read_rows(path, filename="big.xlsx"))) == 2000


@pytest.mark.parametrize("reader", ["fast", "streaming", "csv"])
def test_a_sheet_beyond_the_cell_limit_is_refused(tmp_path, settings, reader):
    settings.GONGHUI_IMPORT_MAX_CELLS = 399
    if reader == "csv":
        path = write(tmp_path, "a.csv", "".join(f"a{i},b,c,d\n" for i in range(100)).encode())
    else:
        settings.GONGHUI_IMPORT_FAST_XLSX_BYTES = 10**9 if reader == "fast" else 0
        path = write(tmp_path, "a.xlsx", workbook_bytes(_rows_workbook(100)))
    with pytest.raises(ImportFileError) as caught:
        list(read_rows(path, filename=os.path.basename(path)))
    assert caught.value.code == "import_file_too_many_cells"
    settings.GONGHUI_IMPORT_MAX_CELLS = 400
    assert len(list(read_rows(path, filename=os.path.basename(path)))) == 100


def test_a_cell_in_a_far_column_sends_the_sheet_to_the_streaming_reader(tmp_path):
    """The fast reader holds the sheet as a full rectangle: two cells at A1 and XFD1048576 would ask it for 17
    billion."""
    from gonghui.core.imports import reading

    def build(workbook):
        workbook.active["A1"] = "姓名"
        workbook.active["XFD1048576"] = "x"

    assert not reading._fits_the_fast_reader(write(tmp_path, "sparse.xlsx", workbook_bytes(build)))
    assert reading._fits_the_fast_reader(write(tmp_path, "dense.xlsx", workbook_bytes(_rows_workbook(50))))


def test_row_errors_keep_the_first_ones_and_count_the_rest(tmp_path, settings):
    """A bad file wrote a 4-million-line report; the report now lists the first N and says "at least"."""
    settings.GONGHUI_IMPORT_MAX_ROW_ERRORS = 100
    errors = RowErrors()
    for row in range(2, 102):
        errors.add(row, "身份证号", "bad")
    assert not errors.truncated and errors.summary() == {"errors": 100, "error_rows": 100, "errors_truncated": False}
    errors.add(102, "身份证号", "bad")
    assert errors.truncated and len(errors) == 101 and len(errors.items) == 100
    assert errors.summary() == {"errors": 101, "error_rows": 100, "errors_truncated": True}
    path = str(tmp_path / "report.xlsx")
    write_error_report(path, errors)
    lines = list(openpyxl.load_workbook(path, read_only=True).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert len(lines) == 101 and lines[99] == (101, "身份证号", "bad")
    assert "101" in lines[100][2] and "100" in lines[100][2]  # "at least 101 … the first 100"
