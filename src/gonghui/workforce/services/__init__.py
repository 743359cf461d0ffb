"""Every write of the workforce module (keyword-only, transactional, gated by core.scope, audited)."""

from .competitions import competition_create, honour_add, participation_add
from .contests import (
    correction_decide,
    correction_request,
    edition_create,
    entry_register,
    quota_set,
    score_enter,
    trade_add,
    trade_close,
    trade_publish,
)
from .measures import measure_create, measure_transition
from .roster import RosterResult, roster_import
from .skills import certification_record, mentor_pair_create
from .training import (
    check_in,
    course_create,
    enrol,
    enrolment_transition,
    enrolments_complete,
    session_create,
    worker_register,
)

__all__ = [
    "RosterResult",
    "certification_record",
    "check_in",
    "competition_create",
    "correction_decide",
    "correction_request",
    "course_create",
    "edition_create",
    "enrol",
    "enrolment_transition",
    "enrolments_complete",
    "entry_register",
    "honour_add",
    "measure_create",
    "measure_transition",
    "mentor_pair_create",
    "participation_add",
    "quota_set",
    "roster_import",
    "score_enter",
    "session_create",
    "trade_add",
    "trade_close",
    "trade_publish",
    "worker_register",
]
