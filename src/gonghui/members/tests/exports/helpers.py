"""Reading exported files back in tests."""

import csv
import io

import openpyxl


def csv_rows(response) -> list[list[str]]:
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode()), "the CSV starts with a UTF-8 BOM"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list]:
    data = b"".join(response.streaming_content)
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    rows = []
    for sheet in book.worksheets:
        rows.extend([list(row) for row in sheet.iter_rows(values_only=True)])
    return rows


def data_names(rows) -> set[str]:
    """Names in the data rows (after the exporter line and the header)."""
    return {row[0] for row in rows[2:]}
