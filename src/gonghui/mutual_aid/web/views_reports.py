"""Reports: participants, contributions, claims and payouts of a period for the user's part of the tree (or one
organisation in it), multi-period trends as ECharts charts, and the same figures as an Excel workbook."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from gonghui.core import audit
from gonghui.core.web.pages import int_or_none, require_anywhere, staff_view
from gonghui.orgs import selectors as org_selectors

from .. import permissions as P
from .. import selectors
from ..services.payouts import XLSX_CONTENT_TYPE
from ._common import chosen_period
from .forms import ReportFilterForm


def _filters(request):
    user = request.user
    periods = list(selectors.period_list(user)[:30])
    form = ReportFilterForm(request.GET or None, periods=periods,
                            orgs=org_selectors.organisation_choices(user, P.VIEW))
    form.is_valid()
    period = chosen_period(request)
    # An organisation not among the choices still goes to the selector, which answers 404 out of scope.
    org_id = getattr(form, "cleaned_data", {}).get("org") or int_or_none(request.GET.get("org"))
    org = org_selectors.organisation_get(user, org_id, permission=P.VIEW) if org_id else None
    return form, period, org


def _charts(trend, claims, participants) -> dict:
    return {
        "trend": trend,
        "by_benefit": {"labels": [row["label"] for row in claims["by_benefit"]],
                       "claims": [row["claims"] for row in claims["by_benefit"]],
                       "paid": [str(row["paid_total"]) for row in claims["by_benefit"]]},
        "by_org": {"labels": [row["org"] for row in claims["by_org"]],
                   "paid": [str(row["paid_total"] or 0) for row in claims["by_org"]],
                   "claims": [row["claims"] for row in claims["by_org"]]},
        "by_category": [{"name": row["label"], "value": row["count"]} for row in participants["by_category"]],
        "labels": {"claims": _("Claims"), "paid": _("Benefits paid (yuan)")},
    }


@staff_view
def report(request):
    user = request.user
    require_anywhere(user, P.VIEW)
    form, period, org = _filters(request)
    context = {"form": form, "period": period, "org": org}
    if period is not None:
        participants = selectors.participants_report(user, period=period, org=org)
        contributions = selectors.contributions_report(user, period=period, org=org)
        claims = selectors.claims_report(user, period=period, org=org)
        context.update({"participants": participants, "contributions": contributions, "claims": claims,
                        "charts": _charts(selectors.trends(user, org=org), claims, participants)})
    return render(request, "mutual_aid/staff/report.html", context)


@staff_view
def report_export(request):
    user = request.user
    require_anywhere(user, P.VIEW)
    _form, period, org = _filters(request)
    if period is None:
        raise Http404
    content = selectors.report_workbook(user, period=period, org=org)
    audit.record("mutual_aid.report.export", actor=user, obj=period, detail={"org": org.pk if org else None})
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="mutual-aid-period-{period.number}.xlsx"'
    return response
