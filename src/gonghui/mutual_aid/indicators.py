"""Figures of medical mutual aid, registered with core.indicators (imported from MutualAidConfig.ready).

Each figure is a flow placed in time by the day it happened (a payment, a payout) or, for what belongs to a period
(enrolments, contributions due, periods run), by the first day of the period's cover, so "2024" means period 2024
whatever day the roster came in. The five-year record's line "5 periods; 2.21 million person-times helped with
1.809 billion yuan" is periods_run, claims_paid and payout_amount over the five years."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.indicators import Aggregation, Indicator, Unit, register_indicator

from .models import Claim, ContributionStatement, Enrolment, Payment, Period, SecondPayout
from .permissions import VIEW

COVER = "period__coverage_start"


def _enrolled():
    return Enrolment.objects.filter(status__in=Enrolment.COUNTED)


def _paid_claims():
    return Claim.objects.filter(state=Claim.State.PAID)


def _paid_second_payouts():
    return SecondPayout.objects.filter(status=SecondPayout.Status.PAID)


def register() -> None:
    for indicator in (
        Indicator("mutual_aid.enrolled_persons", _("Persons enrolled"),
                  _("Persons on a unit's contribution statement (enrolled, paid or awaiting payment) in the periods "
                    "whose cover starts in the window; each person once."),
                  Unit.PERSONS, Aggregation.DISTINCT, VIEW, rows=_enrolled, when=COVER, field="person_id"),
        Indicator("mutual_aid.enrolments", _("Enrolments"),
                  _("Enrolments counted on the contribution statements of the periods whose cover starts in the "
                    "window (a person enrolled in two periods counts twice)."),
                  Unit.PERSON_TIMES, Aggregation.COUNT, VIEW, rows=_enrolled, when=COVER),
        Indicator("mutual_aid.contributions_due", _("Contributions due"),
                  _("The amount the units' contribution statements call for, for the periods whose cover starts "
                    "in the window."),
                  Unit.YUAN, Aggregation.SUM, VIEW, rows=lambda: ContributionStatement.objects.all(), when=COVER,
                  field="amount_due"),
        Indicator("mutual_aid.contributions_paid", _("Contributions received"),
                  _("Contribution payments recorded from units, by the day they were paid."),
                  Unit.YUAN, Aggregation.SUM, VIEW, rows=lambda: Payment.objects.all(), org_path="statement__org__path",
                  when="paid_on", field="amount"),
        Indicator("mutual_aid.claims_submitted", _("Claims submitted"),
                  _("Claims submitted for review (by a union or by the member), by the day of submission."),
                  Unit.PERSON_TIMES, Aggregation.COUNT, VIEW,
                  rows=lambda: Claim.objects.filter(submitted_at__isnull=False), when="submitted_at"),
        Indicator("mutual_aid.claims_paid", _("Person-times helped"),
                  _("Claims paid, by the day the payment was confirmed (one person helped twice counts twice)."),
                  Unit.PERSON_TIMES, Aggregation.COUNT, VIEW, rows=_paid_claims, when="paid_at"),
        Indicator("mutual_aid.payout_amount", _("Benefits paid"),
                  _("The approved benefit of the claims paid, by the day the payment was confirmed."),
                  Unit.YUAN, Aggregation.SUM, VIEW, rows=_paid_claims, when="paid_at", field="approved_amount"),
        Indicator("mutual_aid.second_payouts", _("Second payouts"),
                  _("Second payouts (二次补助) paid from a period's surplus, by the day the payment was confirmed."),
                  Unit.PERSON_TIMES, Aggregation.COUNT, VIEW, rows=_paid_second_payouts, when="paid_at"),
        Indicator("mutual_aid.second_payout_amount", _("Second payouts paid"),
                  _("The amount of the second payouts paid, by the day the payment was confirmed."),
                  Unit.YUAN, Aggregation.SUM, VIEW, rows=_paid_second_payouts, when="paid_at", field="amount"),
        Indicator("mutual_aid.periods_run", _("Periods run"),
                  _("Periods closed or settled by a federation in the subtree, by the first day of their cover."),
                  Unit.ITEMS, Aggregation.COUNT, VIEW,
                  rows=lambda: Period.objects.filter(status__in=[Period.Status.CLOSED, Period.Status.SETTLED]),
                  when="coverage_start"),
    ):
        register_indicator(indicator)
    register_indicator(Indicator(
        "mutual_aid.money_paid", _("Money paid"),
        _("Benefits paid on claims plus second payouts paid, by the day the payment was confirmed."),
        Unit.YUAN, Aggregation.SUM, VIEW, parts=("mutual_aid.payout_amount", "mutual_aid.second_payout_amount")))
