"""Contributions: each unit's statement (headcount × shares × amount), payments recorded against it, and the
reconciliation lists (due, paid short, paid, overpaid)."""

import itertools

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core import audit, exports
from gonghui.core.web.pages import call_service, is_htmx, paginate, require_anywhere, staff_view

from .. import permissions as P
from .. import selectors, services
from ._common import can, chosen_period, require_perm
from .forms import PaymentForm, StatementFilterForm

EXPORT_LIMIT = 100_000


def _statements(request):
    user = request.user
    period = chosen_period(request)
    form = StatementFilterForm(request.GET or None)
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    qs = selectors.statement_list(user, period_id=period.pk if period else None, status=filters.get("status", ""),
                                  query=filters.get("q", ""))
    return period, form, qs


@staff_view
def statement_list(request):
    user = request.user
    require_anywhere(user, P.VIEW)
    period, form, qs = _statements(request)
    page, query_string = paginate(request, qs)
    context = {"period": period, "periods": selectors.period_list(user)[:20], "form": form, "page": page,
               "query_string": query_string, "totals": selectors.statement_totals(qs),
               "tabs": selectors.statement_tabs(user, period.pk if period else None),
               "status": form.cleaned_data.get("status", "") if form.is_bound and form.is_valid() else ""}
    template = "mutual_aid/staff/_statement_table.html" if is_htmx(request) else \
        "mutual_aid/staff/statement_list.html"
    return render(request, template, context)


@staff_view
def statement_export(request):
    """The reconciliation list as CSV (UTF-8 with BOM, opens in Excel), with the page's filters; audited."""
    user = request.user
    require_anywhere(user, P.VIEW)
    period, _form, qs = _statements(request)
    rows = list(qs[:EXPORT_LIMIT])
    audit.record("mutual_aid.statement.export", actor=user, detail={"rows": len(rows),
                                                                   "period": period.pk if period else None})
    header = [_("Period"), _("Union"), _("Unit"), _("Headcount"), _("Shares"), _("Amount due"), _("Amount paid"),
              _("Outstanding"), _("Credit"), _("Reconciliation")]
    lines = ([s.period.number, s.org.name, s.unit.name if s.unit else "", s.headcount, s.shares, s.amount_due,
              s.amount_paid, s.outstanding, s.credit, s.get_status_display()] for s in rows)
    return exports.csv_response(itertools.chain([header], lines), "mutual-aid-statements.csv")


@staff_view
def statement_detail(request, pk):
    user = request.user
    statement = selectors.statement_get(user, pk)
    return render(request, "mutual_aid/staff/statement_detail.html", {
        "statement": statement, "payments": statement.payments.select_related("recorded_by").order_by("paid_on", "id"),
        "form": PaymentForm(), "can_pay": can(user, P.PAY, statement.scope_path)})


@require_POST
@staff_view
def payment_record(request, pk):
    user = request.user
    statement = selectors.statement_get(user, pk)
    require_perm(user, P.PAY, statement.scope_path)
    form = PaymentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        outcome = call_service(request, services.payment_record, form=form, actor=user, statement=statement,
                               amount=data["amount"], reference=data["reference"], paid_on=data["paid_on"],
                               success=_("The payment was recorded and the statement reconciled."))
        if outcome.ok:
            return redirect("mutual_aid:statement_detail", pk=statement.pk)
    return render(request, "mutual_aid/staff/statement_detail.html", {
        "statement": statement, "payments": statement.payments.order_by("paid_on", "id"), "form": form,
        "can_pay": True})
