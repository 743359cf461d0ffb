"""Reads the pages need that the app's selectors do not offer (yet). Small and scoped through the selectors;
candidates to move into selectors/ (see the report of the pages' author)."""

import datetime
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import selectors
from ..models import Claim, ContributionStatement, Enrolment, PayoutBatch, Period
from ..plans import BENEFIT_LABELS
from ..selectors.claims import QUEUE_STATES, REVIEW_SLA_DAYS

COUNT_LIMIT = 1000


def capped_count(qs: QuerySet) -> int:
    """A count that stops at COUNT_LIMIT + 1 (the dashboard says "1000+" rather than counting millions)."""
    return qs.order_by()[: COUNT_LIMIT + 1].count()


def claim_queue_filtered(user, *, state: str = "", benefit_type: str = "", period_id: int | None = None,
                         org_id: int | None = None, query: str = "", overdue: bool = False,
                         min_age_days: int | None = None, min_amount: Decimal | None = None,
                         max_amount: Decimal | None = None) -> QuerySet[Claim]:
    """The review queue (selectors.claim_queue) narrowed by age since submission and by the self-paid amount."""
    qs = selectors.claim_queue(user, state=state, benefit_type=benefit_type, period_id=period_id, org_id=org_id,
                               query=query, overdue=overdue)
    if min_age_days:
        qs = qs.filter(submitted_at__lte=timezone.now() - datetime.timedelta(days=min_age_days))
    if min_amount is not None:
        qs = qs.filter(self_paid__gte=min_amount)
    if max_amount is not None:
        qs = qs.filter(self_paid__lte=max_amount)
    return qs


def with_age(claims) -> list[Claim]:
    """Attach ``age_days``, ``overdue`` and ``benefit_label`` to each claim of a page."""
    now = timezone.now()
    rows = list(claims)
    for claim in rows:
        claim.age_days = (now - claim.submitted_at).days if claim.submitted_at else None
        claim.overdue = (claim.state in QUEUE_STATES and claim.age_days is not None
                         and claim.age_days > REVIEW_SLA_DAYS)
        claim.benefit_label = BENEFIT_LABELS.get(claim.benefit_type, claim.benefit_type)
    return rows


def dashboard(user, period: Period | None) -> dict:
    """The figures of the staff index page, each a capped count over the user's part of the tree."""
    claims = selectors.claims_visible(user)
    if period is not None:
        claims = claims.filter(period=period)
    overdue_before = timezone.now() - datetime.timedelta(days=REVIEW_SLA_DAYS)
    statements = selectors.statements_to_follow_up(user, period_id=period.pk if period else None)
    batches = selectors.batch_list(user, period_id=period.pk if period else None)
    figures = {
        "queue": capped_count(claims.filter(state__in=QUEUE_STATES)),
        "overdue": capped_count(claims.filter(state__in=QUEUE_STATES, submitted_at__lt=overdue_before)),
        "awaiting_second": capped_count(claims.filter(state=Claim.State.AWAITING_SECOND)),
        "to_pay": capped_count(claims.filter(state=Claim.State.APPROVED)),
        "payment_failed": capped_count(claims.filter(state=Claim.State.PAYMENT_FAILED)),
        "late_requests": capped_count(selectors.late_requests(user)),
        "statements_to_follow_up": capped_count(statements),
        "open_batches": capped_count(batches.exclude(status=PayoutBatch.Status.CLOSED)),
        "limit": COUNT_LIMIT,
    }
    if period is not None:
        enrolled = selectors.enrolment_list(user, period_id=period.pk).filter(status__in=Enrolment.COUNTED)
        figures["participants"] = capped_count(enrolled)
    return figures


def unit_enrolment_counts(period: Period | None, unit_ids) -> dict[int, int]:
    """How many people of each unit are counted in the period (for the units listed on one page)."""
    if period is None or not unit_ids:
        return {}
    rows = (Enrolment.objects.filter(period=period, unit_id__in=list(unit_ids), status__in=Enrolment.COUNTED)
            .values("unit_id").annotate(n=Count("id")))
    return {row["unit_id"]: row["n"] for row in rows}


def threshold_warning(period: Period, *, staff: int, participants: int) -> str:
    """The participation threshold as the enrolment service words it: all staff of a small unit, else at least
    ``threshold_percent`` % of them. Empty when met."""
    if not staff:
        return ""
    if staff <= period.small_unit_size and participants < staff:
        return _("This unit has %(staff)s staff or fewer: all of them should join (%(participants)s enrolled).") % {
            "staff": period.small_unit_size, "participants": participants}
    if staff > period.small_unit_size and participants * 100 < staff * period.threshold_percent:
        return _("Only %(participants)s of %(staff)s staff are enrolled; at least %(percent)s %% should join.") % {
            "participants": participants, "staff": staff, "percent": period.threshold_percent}
    return ""


def statement_tabs(user, period_id: int | None) -> list[dict]:
    """Count of statements per reconciliation status (the tabs of the contributions page)."""
    qs = selectors.statement_list(user, period_id=period_id)
    counts = {r["status"]: r["n"] for r in qs.order_by().values("status").annotate(n=Count("id"))}
    return [{"code": code, "label": label, "count": counts.get(code, 0)}
            for code, label in ContributionStatement.Status.choices]


def statement_totals(qs: QuerySet[ContributionStatement]) -> dict:
    totals = qs.order_by().aggregate(due=Sum("amount_due"), paid=Sum("amount_paid"), n=Count("id"))
    return {"due": totals["due"] or Decimal("0.00"), "paid": totals["paid"] or Decimal("0.00"), "count": totals["n"]}


def enrolled_people(user, *, period: Period, unit) -> QuerySet[Enrolment]:
    return selectors.enrolment_list(user, period_id=period.pk, unit_id=unit.pk).order_by("person__name", "id")


def leavers(user, *, period_id: int | None) -> QuerySet[Enrolment]:
    return selectors.enrolment_list(user, period_id=period_id).filter(left_on__isnull=False).order_by("-left_on")


def approved_to_batch(user, period: Period | None) -> dict:
    """Approved claims waiting for a batch, in the user's part of the tree (count and amount)."""
    qs = selectors.claims_visible(user).filter(state=Claim.State.APPROVED)
    if period is not None:
        qs = qs.filter(period=period)
    totals = qs.order_by().aggregate(n=Count("id"), amount=Sum("approved_amount"))
    return {"count": totals["n"], "amount": totals["amount"] or Decimal("0.00")}


def candidates(settlement) -> QuerySet:
    return settlement.candidates.select_related("person", "org").order_by("-amount", "id")
