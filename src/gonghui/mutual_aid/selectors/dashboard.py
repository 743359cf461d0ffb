"""The figures of the staff index page and of the home panel: capped counts over the user's part of the tree."""

from django.db.models import QuerySet

from ..models import Claim, Enrolment, PayoutBatch, Period
from .claims import QUEUE_STATES, claims_visible, overdue_q
from .enrolment import enrolment_list, late_requests, statements_to_follow_up
from .payouts import batch_list

COUNT_LIMIT = 1000


def capped_count(qs: QuerySet) -> int:
    """A count that stops at COUNT_LIMIT + 1 (the dashboard says "1000+" rather than counting millions)."""
    return qs.order_by()[: COUNT_LIMIT + 1].count()


def dashboard(user, period: Period | None) -> dict:
    claims = claims_visible(user)
    if period is not None:
        claims = claims.filter(period=period)
    period_id = period.pk if period else None
    figures = {
        "queue": capped_count(claims.filter(state__in=QUEUE_STATES)),
        "overdue": capped_count(claims.filter(overdue_q(), state__in=QUEUE_STATES)),
        "awaiting_second": capped_count(claims.filter(state=Claim.State.AWAITING_SECOND)),
        "to_pay": capped_count(claims.filter(state=Claim.State.APPROVED)),
        "payment_failed": capped_count(claims.filter(state=Claim.State.PAYMENT_FAILED)),
        "late_requests": capped_count(late_requests(user)),
        "statements_to_follow_up": capped_count(statements_to_follow_up(user, period_id=period_id)),
        "open_batches": capped_count(batch_list(user, period_id=period_id).exclude(status=PayoutBatch.Status.CLOSED)),
        "limit": COUNT_LIMIT,
    }
    if period is not None:
        figures["participants"] = capped_count(enrolment_list(user, period_id=period.pk).filter(
            status__in=Enrolment.COUNTED))
    return figures
