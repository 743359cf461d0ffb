"""Every write of the rights module (one function per business action); pages and API call these."""

from .intake import (
    case_accept,
    case_ask_worker,
    case_create,
    case_refuse,
    case_reopen,
    case_resume,
    case_review,
    case_step,
    case_withdraw,
)
from .work import (
    activity_add,
    case_assign,
    case_close,
    case_rate,
    case_start,
    case_worker_save,
    export_record,
    holiday_save,
    paper_add,
    paper_open,
)

__all__ = ["activity_add", "case_accept", "case_ask_worker", "case_assign", "case_close", "case_create",
           "case_rate", "case_refuse", "case_reopen", "case_resume", "case_review", "case_start", "case_step",
           "case_withdraw", "case_worker_save", "export_record", "holiday_save", "paper_add", "paper_open"]
