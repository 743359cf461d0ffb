"""Staff pages of court mediation (the steps of a court referral) and payment follow-up (schedule, money received,
failed payments). Thin: forms validate, services decide."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.web.pages import paginate, staff_view

from .. import selectors, services
from .forms import FailForm, MediationAgreeForm, MediationConfirmForm, MediationReturnForm, PaymentForm, ScheduleForm
from .views import _gated, _require_some

MEDIATION_STEPS = {
    "begin": (None, services.mediation_begin),
    "agree": (MediationAgreeForm, services.mediation_agree),
    "confirm": (MediationConfirmForm, services.mediation_confirm),
    "give_back": (MediationReturnForm, services.mediation_give_back),
}


@require_POST
@staff_view
def mediation_step(request, pk, step):
    case = selectors.case_get(request.user, pk)
    mediation = selectors.mediation_of(case)
    if mediation is None or step not in MEDIATION_STEPS:
        raise Http404
    if not selectors.may_work(request.user, case):
        raise DjangoPermissionDenied
    form_class, service = MEDIATION_STEPS[step]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, _("Fill in every field of the step."))
    else:
        data = form.cleaned_data if form is not None else {}
        _gated(request, service, actor=request.user, mediation=mediation, comment=request.POST.get("comment", ""),
               success=_("Done."), **data)
    return redirect("rights:case_detail", pk=case.pk)


@require_POST
@staff_view
def schedule(request, pk):
    case = selectors.case_get(request.user, pk)
    if not selectors.may_work(request.user, case):
        raise DjangoPermissionDenied
    form = ScheduleForm(request.POST)
    if form.is_valid():
        _gated(request, services.schedule_set, actor=request.user, case=case, instalments=form.cleaned_data["lines"],
               success=_("The payment schedule was saved."))
    else:
        messages.error(request, "; ".join(str(e) for e in form.errors.get("lines", [])) or _("Check the lines."))
    return redirect("rights:case_detail", pk=case.pk)


@require_POST
@staff_view
def instalment_pay(request, pk, instalment_id):
    case = selectors.case_get(request.user, pk)
    instalment = selectors.instalment_get(request.user, instalment_id)
    if instalment.case_id != case.pk:
        raise Http404
    if not selectors.may_work(request.user, case):
        raise DjangoPermissionDenied
    form = PaymentForm(request.POST)
    if form.is_valid():
        _gated(request, services.instalment_pay, actor=request.user, instalment=instalment, **form.cleaned_data,
               success=_("The money received was recorded."))
    else:
        messages.error(request, _("Give the amount received."))
    return redirect("rights:case_detail", pk=case.pk)


@require_POST
@staff_view
def instalment_fail(request, pk, instalment_id):
    case = selectors.case_get(request.user, pk)
    instalment = selectors.instalment_get(request.user, instalment_id)
    if instalment.case_id != case.pk:
        raise Http404
    if not selectors.may_work(request.user, case):
        raise DjangoPermissionDenied
    form = FailForm(request.POST)
    if form.is_valid():
        _gated(request, services.instalment_fail, actor=request.user, instalment=instalment,
               comment=form.cleaned_data["comment"], success=_("Recorded; the case is open again."))
    else:
        messages.error(request, _("Say what happened."))
    return redirect("rights:case_detail", pk=case.pk)


@staff_view
def payments(request):
    _require_some(request.user)
    page, query_string = paginate(request, selectors.payments_due(request.user, within_days=30))
    return render(request, "rights/staff/payments.html", {"page": page, "query_string": query_string})


@staff_view
def case_worker_add(request):
    from gonghui.core.web.pages import require_anywhere
    from gonghui.orgs import selectors as org_selectors

    from ..roles import RIGHTS_MANAGE
    from .forms import CaseWorkerForm

    require_anywhere(request.user, RIGHTS_MANAGE)
    orgs = org_selectors.organisations_visible(request.user, RIGHTS_MANAGE).order_by("path")
    form = CaseWorkerForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        account = org_selectors.staff_user_by_username(data.pop("username"))
        if account is None:
            form.add_error("username", _("No active staff account of that name."))
        else:
            outcome = _gated(request, services.case_worker_save, form=form, actor=request.user, user=account, **data,
                             success=_("Saved."))
            if outcome.ok:
                return redirect("rights:caseload")
    return render(request, "rights/staff/form.html", {"form": form, "title": _("Register a lawyer or mediator")})


@staff_view
def holidays(request):
    from gonghui.core import scope

    from ..roles import RIGHTS_MANAGE
    from .forms import HolidayForm

    _require_some(request.user)
    form = HolidayForm(request.POST or None) if scope.has_perm(request.user, RIGHTS_MANAGE) else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            _gated(request, services.holiday_save, actor=request.user, **form.cleaned_data, success=_("Saved."))
            return redirect("rights:holidays")
    return render(request, "rights/staff/holidays.html", {"form": form, "holidays": selectors.holidays()[:400]})
