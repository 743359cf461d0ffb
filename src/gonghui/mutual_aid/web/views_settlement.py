"""Settlement of a closed period: start the background job, follow its progress (htmx polls the status), review
the totals and the second-payout candidates, approve (another person) — the period is then settled."""

from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.web.pages import is_htmx, paginate, staff_view

from .. import permissions as P
from .. import selectors, services
from ..models import Settlement
from ._common import act, can, require_perm
from .forms import CommentForm


def _period(request, pk):
    """The period, for the federation's own staff (its figures); the services ask for settle themselves."""
    period = selectors.period_get(request.user, pk)
    require_perm(request.user, P.VIEW, period.scope_path)
    return period


@staff_view
def settlement(request, pk):
    user = request.user
    period = _period(request, pk)
    current = selectors.settlement_for_period(period)
    context = {"period": period, "settlement": current, "job": current.job if current else None,
               "running": current is not None and current.status == Settlement.Status.RUNNING,
               "can_settle": can(user, P.SETTLE, period.scope_path), "form": CommentForm()}
    if is_htmx(request):
        response = render(request, "mutual_aid/staff/_settlement_status.html", context)
        if not context["running"]:
            response["HX-Refresh"] = "true"  # the job ended while polled: reload to show the candidates
    else:
        if current is not None and current.status in (Settlement.Status.REVIEW, Settlement.Status.APPROVED):
            context["page"], context["query_string"] = paginate(request, selectors.candidates(current))
        if current is not None:
            context["history"] = selectors.settlement_history(current)
        response = render(request, "mutual_aid/staff/settlement.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_POST
@staff_view
def settlement_start(request, pk):
    period = _period(request, pk)
    act(request, services.settlement_start, actor=request.user, period=period,
                 success=_("The settlement is being computed."))
    return redirect("mutual_aid:settlement", pk=period.pk)


@require_POST
@staff_view
def settlement_approve(request, pk):
    period = _period(request, pk)
    current = selectors.settlement_for_period(period)
    if current is None:
        return redirect("mutual_aid:settlement", pk=period.pk)
    form = CommentForm(request.POST)
    note = form.cleaned_data["comment"] if form.is_valid() else ""
    act(request, services.settlement_approve, actor=request.user, settlement=current, note=note,
                 success=_("The settlement was approved: the period is settled."))
    return redirect("mutual_aid:settlement", pk=period.pk)
