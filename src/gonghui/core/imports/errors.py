"""Errors of an import: one for the file as a whole (it cannot be read), and row errors collected for the
report."""

from dataclasses import dataclass

from django.conf import settings
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
    """Row errors of one file, in order. The first GONGHUI_IMPORT_MAX_ROW_ERRORS are kept (the report lists them,
    three short strings each); past that they are only counted, and ``truncated`` tells the import to stop
    reading, so a bad file cannot hold the worker for long nor write a report of millions of lines. Once
    truncated, the count is a lower bound ("at least")."""

    def __init__(self, limit: float | None = None):
        self.limit = settings.GONGHUI_IMPORT_MAX_ROW_ERRORS if limit is None else limit
        self.items: list[RowError] = []
        self.rows: set[int] = set()
        self.total = 0

    def add(self, row: int, column: str, reason) -> None:
        self.total += 1
        if len(self.items) < self.limit:
            self.items.append(RowError(row, column, str(reason)))
            self.rows.add(row)

    def extend(self, errors) -> None:
        for error in errors:
            self.add(error.row, error.column, error.reason)

    def __len__(self) -> int:
        return self.total

    def __bool__(self) -> bool:
        return self.total > 0

    @property
    def truncated(self) -> bool:
        """More errors than are kept: stop reading the file."""
        return self.total > len(self.items)

    @property
    def row_count(self) -> int:
        """Rows with a kept error (a lower bound when truncated)."""
        return len(self.rows)

    def summary(self) -> dict:
        """What a job's result says of them."""
        return {"errors": self.total, "error_rows": self.row_count, "errors_truncated": self.truncated}
