"""Member import from the Excel and CSV files unions keep (core.imports does the reading and the report)."""

from .columns import COLUMNS, template_workbook
from .service import COMMIT, PREVIEW, import_commit, import_report_name, import_start

__all__ = ["COLUMNS", "COMMIT", "PREVIEW", "import_commit", "import_report_name", "import_start",
           "template_workbook"]
