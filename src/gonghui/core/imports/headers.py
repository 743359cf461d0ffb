"""Find the header row of a sheet and map its columns to the fields an import knows.

Real files start with a merged title row ("2024年某某公司工会会员名册"), a date line or blank rows; the header
row is the first row (within the first rows) where at least two cells are known column names. Headers match
by alias after normalisation (full-width to half-width, spaces, "*" and "(必填)" removed, lower case)."""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .errors import ImportFileError
from .reading import Row

SCAN_ROWS = 30
TOTAL_LABELS = frozenset({"合计", "总计", "小计", "total", "sum"})


@dataclass(frozen=True)
class Column:
    key: str
    label: str                  # the header the template writes (a lazy msgid, Chinese in the zh-Hans UI)
    aliases: tuple[str, ...]    # other headers that mean the same column
    required: bool = False
    note: str = ""              # for the instructions sheet of the template

    def names(self) -> set[str]:
        return {normalise_header(name) for name in (str(self.label), *self.aliases)}


_DROP = re.compile(r"[\s*＊:：]|[(（\[【][^)）\]】]*[)）\]】]")


def normalise_header(value) -> str:
    if value is None:
        return ""
    return _DROP.sub("", unicodedata.normalize("NFKC", str(value))).lower()


@dataclass
class HeaderMap:
    row_number: int
    index: dict[str, int]      # field key -> column index
    header: dict[str, str]     # field key -> the header as written in the file (for the error report)

    def get(self, values: tuple, key: str):
        position = self.index.get(key)
        if position is None or position >= len(values):
            return None
        return values[position]


def find_header(rows: Iterator[Row], columns: list[Column]) -> HeaderMap:
    """Consume rows up to and including the header row; raise ImportFileError when there is none or when a
    required column is missing."""
    by_name = {}
    for column in columns:
        for name in column.names():
            by_name.setdefault(name, column.key)
    for row in rows:
        if row.number > SCAN_ROWS:
            break
        index, header = {}, {}
        for position, cell in enumerate(row.values):
            key = by_name.get(normalise_header(cell))
            if key and key not in index:
                index[key], header[key] = position, str(cell).strip()
        if len(index) >= 2:
            missing = [str(c.label) for c in columns if c.required and c.key not in index]
            if missing:
                raise ImportFileError(
                    _("Required columns are missing from the header row (row %(row)s): %(columns)s.")
                    % {"row": row.number, "columns": "、".join(missing)}, code="import_columns_missing")
            return HeaderMap(row.number, index, header)
    expected = "、".join(str(c.label) for c in columns if c.required)
    raise ImportFileError(
        _("No header row was found in the first %(rows)s rows. The sheet needs a row of column names such as: "
          "%(columns)s. Download the template to see them.") % {"rows": SCAN_ROWS, "columns": expected},
        code="import_header_missing")


def is_total_row(values: tuple) -> bool:
    """A totals line at the bottom (合计 / 总计 in one of its first cells)."""
    return any(isinstance(cell, str) and _may_be_total(cell) and normalise_header(cell) in TOTAL_LABELS
               for cell in values[:3])


def _may_be_total(cell: str) -> bool:
    """A cheap test first: every row of a file passes here."""
    return "计" in cell or (cell.isascii() and not cell.isdigit())
