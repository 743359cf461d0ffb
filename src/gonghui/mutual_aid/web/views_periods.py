"""Period setup: list, create, change, open, close; the plan versions with their benefit rules as tables, and a
new version applying from a date (a version in use by claims is never edited)."""

import json

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.web.pages import call_service, require_anywhere, staff_view
from gonghui.orgs import selectors as org_selectors

from .. import permissions as P
from .. import selectors, services
from ..models import Claim
from ._common import can
from .forms import PeriodCreateForm, PeriodSettingsForm, PlanVersionForm


@staff_view
def period_list(request):
    user = request.user
    require_anywhere(user, P.VIEW)
    return render(request, "mutual_aid/staff/period_list.html", {
        "periods": selectors.period_list(user), "can_manage": can(user, P.MANAGE_PERIODS)})


@staff_view
def period_create(request):
    user = request.user
    require_anywhere(user, P.MANAGE_PERIODS)
    federations = org_selectors.organisations_visible(user, P.MANAGE_PERIODS).filter(level="province")
    latest = selectors.period_list(user).first()
    form = PeriodCreateForm(request.POST or None, federations=federations,
                            initial={"number": latest.number + 1 if latest else 22})
    if request.method == "POST" and form.is_valid():
        org = org_selectors.organisation_get(user, form.cleaned_data["org"])
        settings = {k: v for k, v in form.settings().items() if v is not None}
        outcome = call_service(request, services.period_create, form=form, success=_("The period was created."),
                               actor=user, org=org, number=form.cleaned_data["number"], **settings)
        if outcome.ok:
            return redirect("mutual_aid:period_detail", pk=outcome.result.pk)
    return render(request, "mutual_aid/staff/period_form.html", {"form": form})


def _versions(period) -> list:
    versions = list(selectors.plan_versions(period))
    used = set(Claim.objects.filter(plan_version__in=versions).values_list("plan_version_id", flat=True)
               .distinct())
    for version in versions:
        version.in_use = version.pk in used
        version.benefits = selectors.plan_summary(version)
        version.second_payout = version.rules.second_payout
    return versions


@staff_view
def period_detail(request, pk):
    user = request.user
    period = selectors.period_get(user, pk)
    return render(request, "mutual_aid/staff/period_detail.html", {
        "period": period, "versions": _versions(period),
        "settlement": selectors.settlement_for_period(period),
        "can_manage": can(user, P.MANAGE_PERIODS, period.scope_path),
        "can_settle": can(user, P.SETTLE, period.scope_path),
        "history": selectors.period_history(period),
    })


@staff_view
def period_edit(request, pk):
    user = request.user
    period = selectors.period_manage_get(user, pk)
    initial = {name: getattr(period, name) for name in PeriodSettingsForm.base_fields}
    form = PeriodSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        outcome = call_service(request, services.period_update, form=form, success=_("The period was saved."),
                               actor=user, period=period, **form.settings())
        if outcome.ok:
            return redirect("mutual_aid:period_detail", pk=period.pk)
    return render(request, "mutual_aid/staff/period_form.html", {"form": form, "period": period})


@require_POST
@staff_view
def period_open(request, pk):
    period = selectors.period_manage_get(request.user, pk)
    call_service(request, services.period_open, actor=request.user, period=period,
                 success=_("The period is open: units may enrol."))
    return redirect("mutual_aid:period_detail", pk=period.pk)


@require_POST
@staff_view
def period_close(request, pk):
    period = selectors.period_manage_get(request.user, pk)
    call_service(request, services.period_close, actor=request.user, period=period,
                 success=_("The period is closed: it may now be settled."))
    return redirect("mutual_aid:period_detail", pk=period.pk)


@staff_view
def plan_version_create(request, pk):
    user = request.user
    period = selectors.period_manage_get(user, pk)
    latest = period.plan_versions.order_by("-valid_from", "-version").first()
    initial = {"data": json.dumps(latest.data if latest else {}, ensure_ascii=False, indent=2),
               "valid_from": latest.valid_from if latest else period.coverage_start}
    form = PlanVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = call_service(request, services.plan_version_create, form=form,
                               success=_("The new plan version was saved."), actor=user, period=period,
                               data=data["data"], valid_from=data["valid_from"], note=data["note"])
        if outcome.ok:
            return redirect("mutual_aid:period_detail", pk=period.pk)
    return render(request, "mutual_aid/staff/plan_form.html", {"form": form, "period": period, "latest": latest})
