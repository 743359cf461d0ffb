"""The roster import of enrolment: a grassroots officer's .xlsx/.csv roster checked by a preview job (each row's
eligibility with its reasons, the threshold per unit, an error report) and enrolled by an all-or-nothing commit
job. Reading and reporting come from core.imports; the eligibility rules from services.enrolment."""

from .columns import COLUMNS, template_workbook
from .service import (
    COMMIT,
    PREVIEW,
    roster_import_commit,
    roster_import_report_name,
    roster_import_start,
)

__all__ = ["COLUMNS", "COMMIT", "PREVIEW", "roster_import_commit", "roster_import_report_name",
           "roster_import_start", "template_workbook"]
