"""Payout batches: create one from the approved claims of a union's subtree, download the bank file (.xlsx or
.csv: the only place account numbers appear, audited by the service), mark it paid with the bank's reference
(some payments failed, if the bank says so), and the batch's reconciliation."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.core.web.pages import call_service, int_or_none, paginate, require_anywhere, staff_view
from gonghui.orgs import selectors as org_selectors

from .. import permissions as P
from .. import selectors, services
from ..models import Payout, PayoutBatch
from ._common import act, can, chosen_period, require_perm
from .forms import BatchCreateForm, ExportForm, MarkForm


def _create_form(user, data=None, period=None):
    orgs = org_selectors.organisation_choices(user, P.PAY)
    periods = selectors.period_list(user)[:20]
    return BatchCreateForm(data, orgs=orgs, periods=periods,
                           initial={"period": period.pk if period else None})


@staff_view
def batch_list(request):
    user = request.user
    require_anywhere(user, P.VIEW)
    period = chosen_period(request)
    status = request.GET.get("status", "")
    status = status if status in PayoutBatch.Status.values else ""
    page, query_string = paginate(request, selectors.batch_list(user, period_id=period.pk if period else None,
                                                                status=status))
    can_pay = can(user, P.PAY)
    return render(request, "mutual_aid/staff/batch_list.html", {
        "period": period, "periods": selectors.period_list(user)[:20], "page": page, "query_string": query_string,
        "status": status, "statuses": PayoutBatch.Status.choices, "can_pay": can_pay,
        "create_form": _create_form(user, period=period) if can_pay else None,
        "to_batch": selectors.approved_to_batch(user, period)})


@require_POST
@staff_view
def batch_create(request):
    """The union and the period come from the list page's form; a union out of the cashier's reach is 404."""
    user = request.user
    require_anywhere(user, P.PAY)
    org_id, period_id = int_or_none(request.POST.get("org")), int_or_none(request.POST.get("period"))
    if org_id is None or period_id is None:
        messages.error(request, _("Choose a union and a period."))
        return redirect("mutual_aid:batch_list")
    org = org_selectors.organisation_get(user, org_id, permission=P.PAY)
    period = selectors.period_get(user, period_id)
    kind = request.POST.get("kind") or PayoutBatch.Kind.CLAIMS
    outcome = call_service(request, services.payout_batch_create, actor=user, org=org, period=period, kind=kind,
                           success=_("The batch was created: download the bank file."))
    if outcome.ok:
        return redirect("mutual_aid:batch_detail", pk=outcome.result.pk)
    return redirect(f"{reverse('mutual_aid:batch_list')}?period={period.pk}")


def _pending(batch) -> list[tuple[int, str]]:
    rows = [(selectors.payout_row(p), p.amount) for p in selectors.batch_payouts(batch)
            if p.status == Payout.Status.PENDING]
    return [(row["subject_id"], f"{row['reference']} · {row['payee']} · {amount}") for row, amount in rows]


def _detail(request, batch, mark_form=None):
    user = request.user
    page, query_string = paginate(request, selectors.batch_payouts(batch), per_page=100)
    for payout in page:
        payout.row = selectors.payout_row(payout)
    can_pay = can(user, P.PAY, batch.scope_path)
    if mark_form is None and can_pay and batch.status != PayoutBatch.Status.CLOSED:
        mark_form = MarkForm(pending_claims=_pending(batch))
    return render(request, "mutual_aid/staff/batch_detail.html", {
        "batch": batch, "page": page, "query_string": query_string, "can_pay": can_pay,
        "reconciliation": selectors.batch_reconciliation(batch), "export_form": ExportForm(),
        "mark_form": mark_form, "statuses": dict(Payout.Status.choices), "history": selectors.batch_history(batch)})


@staff_view
def batch_detail(request, pk):
    return _detail(request, selectors.batch_get(request.user, pk))


@never_cache
@require_POST
@staff_view
def batch_export(request, pk):
    user = request.user
    batch = selectors.batch_get(user, pk)
    form = ExportForm(request.POST)
    fmt = form.cleaned_data["format"] if form.is_valid() else "xlsx"
    outcome = act(request, services.payout_batch_export, actor=user, batch=batch, fmt=fmt)
    if not outcome.ok:
        return redirect("mutual_aid:batch_detail", pk=batch.pk)
    content, content_type, name = outcome.result
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@staff_view
def batch_mark(request, pk):
    user = request.user
    batch = selectors.batch_get(user, pk)
    # Asked here as well as by the service: an invalid form re-shows the batch's pending payouts, which only those
    # who may pay are to get (403, not the form).
    require_perm(user, P.PAY, batch.scope_path)
    form = MarkForm(request.POST, pending_claims=_pending(batch))
    if form.is_valid():
        outcome = call_service(request, services.payout_batch_mark, form=form, actor=user, batch=batch,
                               bank_reference=form.cleaned_data["bank_reference"], failures=form.failures(),
                               success=_("The bank's answer was recorded: the batch is closed."))
        if outcome.ok:
            return redirect("mutual_aid:batch_detail", pk=batch.pk)
    return _detail(request, batch, mark_form=form)
