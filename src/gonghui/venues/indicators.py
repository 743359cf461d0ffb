"""Figures of the venues module, registered with core.indicators (imported from VenuesConfig.ready).

Venues are a stock: those registered on or before the last day of the window and not returned at approval,
counted by their kind and by their status today (a status has no history yet, so a past window shows today's
status). Investment is placed on 1 January of a funding project's year. Visits are flows by the day of the visit:
"workers served" is the federation's figure, QR check-ins plus the anonymous head counts operators record."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gonghui.core.indicators import Aggregation, Indicator, Unit, register_indicator

from .models import DailyVisitCount, FundingProject, Venue, Visit
from .roles import VENUES_VIEW

REGISTERED = ("created_at", None)
VISIBLE = {"venue__approval__in": (Venue.Approval.PENDING, Venue.Approval.APPROVED)}


def _venues(**filters):
    return lambda: Venue.objects.exclude(approval=Venue.Approval.REJECTED).filter(**filters)


def _venue_count(code, label, definition, **filters) -> Indicator:
    return Indicator(code, label, definition, Unit.ITEMS, Aggregation.COUNT, VENUES_VIEW, rows=_venues(**filters),
                     as_of=REGISTERED)


def register() -> None:
    register_indicator(_venue_count(
        "venues.venues", _("Service venues"),
        _("Stations and other service venues of unions in the subtree registered on or before the last day of "
          "the window, awaiting approval or approved (not returned).")))
    for kind, label in Venue.Kind.choices:
        register_indicator(_venue_count(
            f"venues.kind_{kind}", format_lazy(_("Venues: {kind}"), kind=label),
            format_lazy(_("Service venues (as “Service venues”) of the kind “{kind}”."), kind=label), kind=kind))
    for status, label in Venue.Status.choices:
        register_indicator(_venue_count(
            f"venues.status_{status}", format_lazy(_("Venues now {status}"), status=label),
            format_lazy(_("Service venues (as “Service venues”) whose status today is “{status}”."),
                        status=label), status=status))
    funding = lambda: FundingProject.objects.filter(**VISIBLE)  # noqa: E731
    for indicator in (
        Indicator("venues.investment", _("Investment in venues"),
                  _("The amounts of the funding projects of venues in the subtree, placed on 1 January of each "
                    "project's year."),
                  Unit.YUAN, Aggregation.SUM, VENUES_VIEW, rows=funding, org_path="venue__org__path", when="year",
                  field="amount"),
        Indicator("venues.funding_projects", _("Funding projects"),
                  _("Funding projects of venues in the subtree, placed on 1 January of each project's year."),
                  Unit.ITEMS, Aggregation.COUNT, VENUES_VIEW, rows=funding, org_path="venue__org__path",
                  when="year"),
        Indicator("venues.floor_area", _("Floor area added"),
                  _("The floor area the funding projects added, placed on 1 January of each project's year."),
                  Unit.SQUARE_METRES, Aggregation.SUM, VENUES_VIEW, rows=funding, org_path="venue__org__path",
                  when="year", field="floor_area"),
        Indicator("venues.checkins", _("QR check-ins"),
                  _("Visits counted when a worker scanned a station's code (at most once per person and station "
                    "in two hours) or recorded by staff, by the day of the visit."),
                  Unit.PERSON_TIMES, Aggregation.COUNT, VENUES_VIEW,
                  rows=lambda: Visit.objects.filter(**VISIBLE), org_path="venue__org__path", when="visited_at"),
        Indicator("venues.anonymous_visits", _("Anonymous visits"),
                  _("Visits of people who did not scan, as the operators counted them per day."),
                  Unit.PERSON_TIMES, Aggregation.SUM, VENUES_VIEW,
                  rows=lambda: DailyVisitCount.objects.filter(**VISIBLE), org_path="venue__org__path", when="day",
                  field="count"),
        Indicator("venues.people_checked_in", _("People who checked in"),
                  _("Different people who checked in by QR code in the window, each once."),
                  Unit.PERSONS, Aggregation.DISTINCT, VENUES_VIEW,
                  rows=lambda: Visit.objects.filter(**VISIBLE), org_path="venue__org__path", when="visited_at",
                  field="visitor_key"),
    ):
        register_indicator(indicator)
    register_indicator(Indicator(
        "venues.workers_served", _("Workers served"),
        _("Visits to the venues: QR check-ins plus anonymous visits (person-times, as the federation reports it)."),
        Unit.PERSON_TIMES, Aggregation.SUM, VENUES_VIEW, parts=("venues.checkins", "venues.anonymous_visits")))
