"""Figures this module contributes to the data cockpit and the five-year report (plain functions until core has
an indicator registry): periods run, person-times helped, money paid — for an organisation's subtree (the
whole province when ``org_path`` is empty) and a window of periods or cover years."""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from .models import Claim, Enrolment, Period
from .services._common import cents

PAID = Claim.State.PAID


def _claims(org_path: str = "", years: tuple[int, int] | None = None, periods: tuple[int, int] | None = None):
    qs = Claim.objects.filter(state=PAID)
    if org_path:
        qs = qs.filter(org__path__startswith=org_path)
    if years:
        qs = qs.filter(period__coverage_start__year__gte=years[0], period__coverage_start__year__lte=years[1])
    if periods:
        qs = qs.filter(period__number__gte=periods[0], period__number__lte=periods[1])
    return qs


def periods_run(*, years: tuple[int, int] | None = None) -> int:
    """Periods whose cover is over and that were closed or settled (the report's "5 periods")."""
    qs = Period.objects.filter(status__in=[Period.Status.CLOSED, Period.Status.SETTLED])
    if years:
        qs = qs.filter(coverage_start__year__gte=years[0], coverage_start__year__lte=years[1])
    return qs.count()


def person_times_helped(*, org_path: str = "", years=None, periods=None) -> int:
    """Paid claims (人次: one person helped twice counts twice)."""
    return _claims(org_path, years, periods).count()


def money_paid(*, org_path: str = "", years=None, periods=None) -> Decimal:
    return cents(_claims(org_path, years, periods).aggregate(s=Sum("approved_amount"))["s"])


def participants(*, period_number: int, org_path: str = "") -> int:
    qs = Enrolment.objects.filter(period__number=period_number, status__in=Enrolment.COUNTED)
    if org_path:
        qs = qs.filter(org__path__startswith=org_path)
    return qs.count()


def summary(*, org_path: str = "", years=None) -> dict:
    """The line of the five-year record: "N periods; X person-times helped with Y yuan"."""
    figures = _claims(org_path, years).aggregate(n=Count("id", filter=Q()), s=Sum("approved_amount"))
    return {"periods": periods_run(years=years), "person_times_helped": figures["n"],
            "money_paid": cents(figures["s"])}
