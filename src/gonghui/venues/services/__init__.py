"""Every write of the venues module (one function per business action); pages and API call these."""

from .activity import (
    daily_count_record,
    problem_report,
    problem_transition,
    rating_submit,
    visit_check_in,
    visitor_key_for,
)
from .registry import (
    closure_add,
    closure_remove,
    funding_add,
    honour_add,
    venue_approve,
    venue_create,
    venue_reject,
    venue_resubmit,
    venue_update,
)

__all__ = ["closure_add", "closure_remove", "daily_count_record", "funding_add", "honour_add", "problem_report",
           "problem_transition", "rating_submit", "venue_approve", "venue_create", "venue_reject",
           "venue_resubmit", "venue_update", "visit_check_in", "visitor_key_for"]
