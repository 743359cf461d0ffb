"""Staff reads, already narrowed to the caller's part of the tree (core.scope)."""

import datetime

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from gonghui.core import scope
from gonghui.core.indicators import EARLIEST, indicator_value

from .models import DailyVisitCount, ProblemReport, StationVisitor, Venue, Visit, amenity_mask
from .roles import VENUES_APPROVE, VENUES_OPERATE, VENUES_VIEW
from .workflows import APPROVAL_FLOW, PROBLEM_FLOW

MAX_QUERY_LENGTH = 100  # a longer search text is cut: LIKE over a long pattern costs per row


def venues_visible(user, permission: str = VENUES_VIEW) -> QuerySet[Venue]:
    return scope.scoped(Venue.objects.select_related("org"), user, permission)


def venue_list(user, *, query: str = "", kind: str = "", status: str = "", approval: str = "", county: str = "",
               amenities=(), org_id: int | None = None, permission: str = VENUES_VIEW) -> QuerySet[Venue]:
    qs = venues_visible(user, permission)
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    if query:
        lowered = query.lower()
        qs = qs.filter(Q(name__contains=query) | Q(code__startswith=query) | Q(address__contains=query)
                       | Q(name_pinyin__startswith=lowered) | Q(name_initials__startswith=lowered))
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if approval:
        qs = qs.filter(approval=approval)
    if county:
        qs = qs.filter(county_code__startswith=county)
    if org_id:
        qs = qs.filter(org_id=org_id)
    mask = amenity_mask(amenities)
    if mask:
        qs = qs.annotate(_bits=F("amenity_bits").bitand(mask)).filter(_bits=mask)
    return qs.order_by("code")


def venue_get(user, venue_id, permission: str = VENUES_VIEW) -> Venue:
    return scope.get_scoped_or_404(Venue.objects.select_related("org"), user, permission, pk=venue_id)


def venue_history(venue: Venue):
    return APPROVAL_FLOW.history(venue)


def approval_queue(user) -> QuerySet[Venue]:
    return venue_list(user, approval=Venue.Approval.PENDING, permission=VENUES_APPROVE).order_by("created_at", "id")


def problem_queue(user, *, state: str = "open") -> QuerySet[ProblemReport]:
    qs = scope.scoped(ProblemReport.objects.select_related("venue", "venue__org"), user, VENUES_OPERATE)
    if state == "open":
        qs = qs.filter(state__in=[ProblemReport.State.SUBMITTED, ProblemReport.State.ACKNOWLEDGED])
    elif state:
        qs = qs.filter(state=state)
    return qs.order_by("-created_at", "-id")


def problem_get(user, report_id) -> ProblemReport:
    return scope.get_scoped_or_404(ProblemReport.objects.select_related("venue", "venue__org"), user,
                                   VENUES_OPERATE, pk=report_id)


def problem_by_token(token: str) -> ProblemReport | None:
    return ProblemReport.objects.select_related("venue").filter(tracking_token=str(token)[:32]).first()


def problem_history(report: ProblemReport):
    return PROBLEM_FLOW.history(report)


def visit_get_for_rating(visit_id) -> Visit | None:
    return Visit.objects.select_related("venue").filter(pk=visit_id).first()


def visits_of_user(user, limit: int = 20) -> list[Visit]:
    return list(Visit.objects.select_related("venue").filter(user=user).order_by("-visited_at")[:limit])


def visitor_by_user(user) -> StationVisitor | None:
    return StationVisitor.objects.filter(user=user).first()


def monthly_visits(user, *, venue: Venue | None = None, months: int = 12, county: str = "") -> list[dict]:
    """Visits per month for the last ``months`` months: counted check-ins and anonymous daily counts, for one
    venue or every venue the user sees. [{"month": date, "checkins": n, "anonymous": n, "total": n}]"""
    today = timezone.localdate()
    first = (today.replace(day=1) - datetime.timedelta(days=31 * (months - 1))).replace(day=1)
    venue_ids = Venue.objects.filter(pk=venue.pk) if venue is not None else venue_list(user, county=county)
    checkins = dict(Visit.objects.filter(venue__in=venue_ids.values("pk"), visited_at__date__gte=first)
                    .annotate(month=TruncMonth("visited_at")).values("month").annotate(n=Count("id"))
                    .values_list("month", "n"))
    anonymous = dict(DailyVisitCount.objects.filter(venue__in=venue_ids.values("pk"), day__gte=first)
                     .annotate(month=TruncMonth("day")).values("month").annotate(n=Sum("count"))
                     .values_list("month", "n"))

    def month_key(value):
        return value.date() if isinstance(value, datetime.datetime) else value

    checkins = {month_key(k): v for k, v in checkins.items()}
    anonymous = {month_key(k): v for k, v in anonymous.items()}
    rows, month = [], first
    while month <= today:
        c, a = checkins.get(month, 0), anonymous.get(month, 0) or 0
        rows.append({"month": month, "checkins": c, "anonymous": a, "total": c + a})
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return rows[-months:]


def report_figures(user) -> dict:
    """The statistics page's figures for the user's whole part of the tree, since ever, read through the
    indicator registry (venues/indicators.py) so the page and the cockpit cannot disagree."""
    today = timezone.localdate()

    def value(code):
        return indicator_value(f"venues.{code}", None, EARLIEST, today, user=user)

    return {
        "served": {"visits": value("workers_served"), "checkins": value("checkins"),
                   "anonymous": value("anonymous_visits"), "people_checked_in": value("people_checked_in")},
        "investment": {"amount": value("investment"), "projects": value("funding_projects"),
                       "floor_area": value("floor_area")},
        "by_kind": [{"code": code, "label": str(label), "count": value(f"kind_{code}")}
                    for code, label in Venue.Kind.choices],
        "by_status": [{"code": code, "label": str(label), "count": value(f"status_{code}")}
                      for code, label in Venue.Status.choices],
    }
