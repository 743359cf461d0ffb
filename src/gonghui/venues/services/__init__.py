"""Every write of the venues module (one function per business action); pages and API call these."""

from .activity import (
    daily_count_record,
    problem_report,
    problem_transition,
    rating_submit,
    visit_check_in,
    visitor_key_for,
)
from .media import photo_add, photo_remove
from .records import closure_update, funding_remove, honour_remove
from .registry import (
    closure_add,
    closure_remove,
    funding_add,
    honour_add,
    venue_approve,
    venue_create,
    venue_reject,
    venue_resubmit,
    venue_transition,
    venue_update,
)

__all__ = ["closure_add", "closure_remove", "closure_update", "daily_count_record", "funding_add", "funding_remove",
           "honour_add", "honour_remove", "photo_add", "photo_remove", "problem_report", "problem_transition",
           "rating_submit", "venue_approve", "venue_create", "venue_reject",
           "venue_resubmit", "venue_transition", "venue_update", "visit_check_in", "visitor_key_for"]
