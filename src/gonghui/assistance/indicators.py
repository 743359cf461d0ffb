"""Figures of the hardship-worker module for the cockpit (registered with core.indicators).

Filed households are a stock: a file counts from its filing day until the day it exits. Aid is a flow by the
day it was given, counting approved and paid records (household-times, and yuan per kind). Households lifted out
count by their exit day; returns to hardship by the day of the (latest) return."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gonghui.core.indicators import Aggregation, Indicator, Unit, register_indicator

from .models import AidRecord, HardshipFile
from .roles import VIEW

GIVEN = ("approved", "paid")


def _aid(**filters):
    return lambda: AidRecord.objects.filter(state__in=GIVEN, **filters)


def register() -> None:
    register_indicator(Indicator(
        "assistance.filed_households", _("Filed hardship households"),
        _("Hardship files of unions in the subtree filed on or before the day and not yet lifted out."),
        Unit.ITEMS, Aggregation.COUNT, VIEW, rows=lambda: HardshipFile.objects.filter(filed_on__isnull=False),
        as_of=("filed_on", "exited_on")))
    register_indicator(Indicator(
        "assistance.aid_times", _("Household-times of hardship aid"),
        _("Aid records approved or paid to filed households, by the day the aid was given."),
        Unit.HOUSEHOLD_TIMES, Aggregation.COUNT, VIEW, rows=_aid(), when="given_on"))
    register_indicator(Indicator(
        "assistance.aid_money", _("Hardship aid given"),
        _("The amounts of aid records approved or paid, by the day the aid was given."),
        Unit.YUAN, Aggregation.SUM, VIEW, rows=_aid(), when="given_on", field="amount"))
    for kind, label in AidRecord.Kind.choices:
        register_indicator(Indicator(
            f"assistance.aid_money_{kind}", format_lazy(_("Hardship aid: {kind}"), kind=label),
            format_lazy(_("Hardship aid given (as “Hardship aid given”) of the kind “{kind}”."), kind=label),
            Unit.YUAN, Aggregation.SUM, VIEW, rows=_aid(kind=kind), when="given_on", field="amount"))
    register_indicator(Indicator(
        "assistance.lifted_out", _("Households lifted out of hardship"),
        _("Hardship files withdrawn (解困脱困 or another coded reason), by the day of the exit."),
        Unit.ITEMS, Aggregation.COUNT, VIEW, rows=lambda: HardshipFile.objects.filter(state="exited"),
        when="exited_on"))
    register_indicator(Indicator(
        "assistance.returns", _("Returns to hardship"),
        _("Files reopened because the household fell back into hardship (返困), by the day of the latest return."),
        Unit.ITEMS, Aggregation.COUNT, VIEW, rows=lambda: HardshipFile.objects.filter(returned_on__isnull=False),
        when="returned_on"))
