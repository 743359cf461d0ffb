"""Figures of the rights module, registered with core.indicators (imported from RightsConfig.ready).

Cases are flows: a case counts on the day it was submitted (by dispute type, channel, case type), on the day it was
decided (accepted or refused, in time or late) or on the day it was closed (by outcome, money recovered). The
mediation success rate is "mediation agreements" over "mediations closed"; the average days to decision is "working
days to decision" over "decisions"."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gonghui.core.indicators import Aggregation, Indicator, Unit, register_indicator

from .models import CaseType, Channel, DisputeType, LegalCase, Outcome
from .roles import RIGHTS_VIEW


def _cases(**filters):
    return lambda: LegalCase.objects.filter(**filters)


def _count(code, label, definition, when="submitted_on", **filters) -> Indicator:
    return Indicator(code, label, definition, Unit.ITEMS, Aggregation.COUNT, RIGHTS_VIEW, rows=_cases(**filters),
                     when=when)


def register() -> None:
    register_indicator(_count("rights.cases", _("Legal-aid cases"),
                              _("Requests for legal aid or mediation taken in, by the day they were submitted.")))
    for value, label in DisputeType.choices:
        register_indicator(_count(
            f"rights.dispute_{value}", format_lazy(_("Legal-aid cases: {kind}"), kind=label),
            format_lazy(_("Legal-aid cases (as “Legal-aid cases”) about “{kind}”."), kind=label),
            dispute_type=value))
    for value, label in Channel.choices:
        register_indicator(_count(
            f"rights.channel_{value}", format_lazy(_("Legal-aid cases by {channel}"), channel=label),
            format_lazy(_("Legal-aid cases (as “Legal-aid cases”) that came in by “{channel}”."), channel=label),
            channel=value))
    for value, label in CaseType.choices:
        register_indicator(_count(
            f"rights.type_{value}", format_lazy(_("Legal-aid cases: {kind}"), kind=label),
            format_lazy(_("Legal-aid cases (as “Legal-aid cases”) handled as “{kind}”."), kind=label),
            case_type=value))
    register_indicator(_count("rights.closed", _("Legal-aid cases closed"),
                              _("Cases closed with an outcome, by the day they were closed."), when="closed_on",
                              state="closed"))
    for value, label in Outcome.choices:
        register_indicator(_count(
            f"rights.outcome_{value}", format_lazy(_("Cases closed: {outcome}"), outcome=label),
            format_lazy(_("Cases closed (as “Legal-aid cases closed”) with the outcome “{outcome}”."),
                        outcome=label), when="closed_on", state="closed", outcome=value))
    register_indicator(_count("rights.mediations_closed", _("Mediations closed"),
                              _("Mediation cases closed, by the day they were closed."), when="closed_on",
                              state="closed", case_type=CaseType.MEDIATION))
    register_indicator(_count("rights.mediation_agreements", _("Mediation agreements"),
                              _("Mediation cases closed with an agreement, by the day they were closed (the success "
                                "rate is this over “Mediations closed”)."), when="closed_on", state="closed",
                              case_type=CaseType.MEDIATION, outcome=Outcome.AGREEMENT))
    register_indicator(_count("rights.decisions", _("Legal-aid decisions"),
                              _("Requests accepted or refused, by the day of the decision."), when="decided_on",
                              decided_on__isnull=False))
    register_indicator(_count("rights.decided_late", _("Decisions after the deadline"),
                              _("Requests decided after their deadline of five working days (time waiting for the "
                                "worker not counted), by the day of the decision."), when="decided_on",
                              decided_in_time=False))
    for indicator in (
        Indicator("rights.decision_days", _("Working days to decision"),
                  _("The working days from submission to decision of the requests decided, added up (the average "
                    "is this over “Legal-aid decisions”)."), Unit.ITEMS, Aggregation.SUM, RIGHTS_VIEW,
                  rows=_cases(decided_on__isnull=False, decision_days__isnull=False), when="decided_on",
                  field="decision_days"),
        Indicator("rights.recovered", _("Money recovered for workers"),
                  _("The amounts recovered for workers in the cases closed, by the day they were closed."),
                  Unit.YUAN, Aggregation.SUM, RIGHTS_VIEW, rows=_cases(state="closed", amount_recovered__isnull=False),
                  when="closed_on", field="amount_recovered"),
        Indicator("rights.recovered_reached", _("Money that reached the workers"),
                  _("The amounts recovered (as “Money recovered for workers”) that the worker confirmed receiving."),
                  Unit.YUAN, Aggregation.SUM, RIGHTS_VIEW,
                  rows=_cases(state="closed", amount_recovered__isnull=False, reached_worker=True),
                  when="closed_on", field="amount_recovered"),
        Indicator("rights.claimed", _("Money claimed"),
                  _("The amounts workers claimed in the cases taken in, by the day they were submitted."),
                  Unit.YUAN, Aggregation.SUM, RIGHTS_VIEW, rows=_cases(), when="submitted_on",
                  field="amount_claimed"),
        Indicator("rights.workers_helped", _("Workers helped"),
                  _("Different workers whose case was closed in the window, each once."),
                  Unit.PERSONS, Aggregation.DISTINCT, RIGHTS_VIEW, rows=_cases(state="closed"), when="closed_on",
                  field="person_id"),
    ):
        register_indicator(indicator)
