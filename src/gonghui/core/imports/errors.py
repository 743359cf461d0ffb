"""Errors of an import: one for the file as a whole (it cannot be read), and row errors collected for the
report."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..errors import ValidationFailed


class ImportFileError(ValidationFailed):
    """The file cannot be imported at all (not Excel or CSV, too big, empty, no header row)."""

    code = "import_file_invalid"
    default_message = _("This file cannot be imported.")


@dataclass(frozen=True, slots=True)
class RowError:
    row: int        # as Excel numbers it (1 = the first line of the sheet)
    column: str     # the header as written in the file, or "" for the whole row
    reason: str     # already translated


class RowErrors:
    """Row errors of one file, in order. Kept whole (the report lists every one), but small: three short
    strings per error."""

    def __init__(self):
        self.items: list[RowError] = []
        self.rows: set[int] = set()

    def add(self, row: int, column: str, reason) -> None:
        self.items.append(RowError(row, column, str(reason)))
        self.rows.add(row)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def row_count(self) -> int:
        return len(self.rows)
