"""Figures the venues module contributes to dashboards and reports (the future stats cockpit reads
``INDICATORS``). Each function takes the reading user and answers for their part of the tree only.

- ``venues_by_kind`` / ``venues_by_status`` / ``venues_by_org``: counts of registered venues (all approval states
  except "returned"), grouped.
- ``investment``: the sum of funding-project amounts (Decimal yuan), the number of projects and floor area added.
- ``visits_per_month``: QR check-ins plus operators' anonymous daily counts per calendar month (Asia/Shanghai).
- ``workers_served``: all visits ever counted (check-ins + anonymous counts): the "workers served" figure
  (person-times, as the federation reports it), and distinct people who checked in by QR.
"""

from decimal import Decimal

from django.db.models import Count, Sum

from .models import DailyVisitCount, FundingProject, Venue, Visit
from .roles import VENUES_VIEW
from .selectors import monthly_visits, venue_list


def _venues(user):
    return venue_list(user, permission=VENUES_VIEW).exclude(approval=Venue.Approval.REJECTED)


def venues_by_kind(user) -> list[dict]:
    counts = dict(_venues(user).order_by().values_list("kind").annotate(n=Count("id")))
    return [{"code": code, "label": str(label), "count": counts.get(code, 0)} for code, label in Venue.Kind.choices]


def venues_by_status(user) -> list[dict]:
    counts = dict(_venues(user).order_by().values_list("status").annotate(n=Count("id")))
    return [{"code": code, "label": str(label), "count": counts.get(code, 0)} for code, label in Venue.Status.choices]


def venues_by_org(user, limit: int = 50) -> list[dict]:
    rows = (_venues(user).order_by().values("org_id", "org__name").annotate(n=Count("id")).order_by("-n")[:limit])
    return [{"org_id": r["org_id"], "org": r["org__name"], "count": r["n"]} for r in rows]


def investment(user) -> dict:
    totals = FundingProject.objects.filter(venue__in=_venues(user).values("pk")).aggregate(
        amount=Sum("amount"), projects=Count("id"), floor_area=Sum("floor_area"))
    return {"amount": totals["amount"] or Decimal("0.00"), "projects": totals["projects"],
            "floor_area": totals["floor_area"] or Decimal("0.00")}


def visits_per_month(user, months: int = 12) -> list[dict]:
    return monthly_visits(user, months=months)


def workers_served(user) -> dict:
    venues = _venues(user).values("pk")
    checkins = Visit.objects.filter(venue__in=venues)
    anonymous = DailyVisitCount.objects.filter(venue__in=venues).aggregate(n=Sum("count"))["n"] or 0
    count = checkins.count()
    return {"visits": count + anonymous, "checkins": count, "anonymous": anonymous,
            "people_checked_in": checkins.order_by().values("visitor_key").distinct().count()}


INDICATORS = {
    "venues.by_kind": venues_by_kind,
    "venues.by_status": venues_by_status,
    "venues.by_org": venues_by_org,
    "venues.investment": investment,
    "venues.visits_per_month": visits_per_month,
    "venues.workers_served": workers_served,
}
