"""Every write of the workforce module (keyword-only, transactional, gated by core.scope, audited)."""

from .competitions import competition_create, honour_add, participation_add
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

__all__ = ["RosterResult", "certification_record", "check_in", "competition_create", "course_create", "enrol",
           "enrolment_transition", "enrolments_complete", "honour_add", "measure_create", "measure_transition",
           "mentor_pair_create", "participation_add", "roster_import", "session_create", "worker_register"]
