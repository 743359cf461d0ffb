"""Enrolment per unit: pick members with each one's eligibility and reason, the participation threshold, late
requests for a reviewer, members who leave (cover runs to the end of the paid period)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gonghui.core.web.pages import call_service, is_htmx, paginate, require_anywhere, staff_view
from gonghui.members import selectors as member_selectors

from .. import permissions as P
from .. import selectors, services
from ..models import Enrolment
from ._common import can, chosen_period, require_perm
from .forms import EnrolmentFilterForm, LateDecisionForm, LeaveForm, RosterForm


@staff_view
def unit_list(request):
    user = request.user
    require_anywhere(user, P.ENROL)
    period = chosen_period(request)
    query = (request.GET.get("q") or "").strip()[:100]
    page, query_string = paginate(request, member_selectors.unit_list(user, query=query).select_related("org"))
    counts = selectors.unit_enrolment_counts(period, [unit.pk for unit in page])
    for unit in page:
        unit.enrolled = counts.get(unit.pk, 0)
    return render(request, "mutual_aid/staff/enrol_units.html", {
        "period": period, "periods": selectors.period_list(user)[:20], "page": page, "query_string": query_string,
        "q": query})


def _roster_choices(rows) -> list[tuple[int, str]]:
    return [(row["person"].pk, row["person"].name) for row in rows if row["eligible"]]


@staff_view
def unit_enrol(request, unit_id):
    user = request.user
    unit = member_selectors.unit_get(user, unit_id)
    require_perm(user, P.ENROL, unit.org.path)
    period = chosen_period(request, request.POST if request.method == "POST" else request.GET)
    if period is None:
        messages.error(request, _("No period is open for enrolment."))
        return redirect("mutual_aid:index")
    rows = selectors.unit_roster(user, period=period, unit=unit)
    form = RosterForm(request.POST or None, person_choices=_roster_choices(rows), max_shares=period.max_shares)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = call_service(request, services.enrolment_enrol_roster, form=form, actor=user, period=period,
                               unit=unit, person_ids=data["persons"], shares=data["shares"],
                               without_insurance=set(data["without_insurance"]), late_reason=data["late_reason"])
        if outcome.ok:
            _report(request, outcome.result)
            return redirect(f"{request.path}?period={period.pk}")
    enrolled = list(selectors.enrolled_people(user, period=period, unit=unit))
    participants = sum(1 for e in enrolled if e.status in Enrolment.COUNTED)
    staff = unit.staff_count or len(rows)
    return render(request, "mutual_aid/staff/enrol_unit.html", {
        "unit": unit, "period": period, "rows": rows, "form": form, "enrolled": enrolled, "staff": staff,
        "participants": participants,
        "warning": selectors.threshold_warning(period, staff=staff, participants=participants),
        "late": period.status == period.Status.OPEN and timezone.localdate() > period.enrolment_deadline,
        "eligible_count": sum(1 for row in rows if row["eligible"]),
    })


def _report(request, result) -> None:
    if result.enrolled:
        message = ngettext("%(count)d member was enrolled.", "%(count)d members were enrolled.",
                          len(result.enrolled)) % {"count": len(result.enrolled)}
        if result.late:
            message += " " + _("The enrolment is late: a reviewer approves each entry.")
        messages.success(request, message)
    for refusal in result.refused:
        messages.error(request, _("%(name)s was not enrolled: %(reasons)s.") % {
            "name": refusal.name or refusal.person_id, "reasons": "；".join(refusal.labels)})
    for warning in result.warnings:
        messages.warning(request, warning)


@staff_view
def enrolment_list(request):
    user = request.user
    require_anywhere(user, P.VIEW)
    period = chosen_period(request)
    form = EnrolmentFilterForm(request.GET or None)
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    if filters.get("leavers"):
        qs = selectors.leavers(user, period_id=period.pk if period else None)
    else:
        qs = selectors.enrolment_list(user, period_id=period.pk if period else None)
    qs = qs.filter(status=filters["status"]) if filters.get("status") else qs
    if filters.get("q"):
        qs = qs.filter(pk__in=selectors.enrolment_list(user, query=filters["q"]).values("pk"))
    page, query_string = paginate(request, qs)
    template = "mutual_aid/staff/_enrolment_table.html" if is_htmx(request) else \
        "mutual_aid/staff/enrolment_list.html"
    return render(request, template, {"form": form, "page": page, "query_string": query_string, "period": period,
                                      "periods": selectors.period_list(user)[:20],
                                      "can_enrol": can(user, P.ENROL)})


@staff_view
def late_queue(request):
    user = request.user
    require_anywhere(user, P.REVIEW)
    page, query_string = paginate(request, selectors.late_requests(user))
    return render(request, "mutual_aid/staff/late_queue.html", {"page": page, "query_string": query_string,
                                                                "form": LateDecisionForm()})


@require_POST
@staff_view
def late_decide(request, pk):
    user = request.user
    enrolment = selectors.enrolment_get(user, pk)
    require_perm(user, P.REVIEW, enrolment.scope_path)
    form = LateDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or to refuse."))
        return redirect("mutual_aid:late_queue")
    approve = form.cleaned_data["decision"] == "approve"
    call_service(request, services.enrolment_decide_late, actor=user, enrolment=enrolment, approve=approve,
                 comment=form.cleaned_data["comment"],
                 success=_("The late enrolment was approved.") if approve else _("The late enrolment was refused."))
    return redirect("mutual_aid:late_queue")


def _back_to_unit(enrolment):
    if enrolment.unit_id:
        return redirect(f"{reverse('mutual_aid:unit_enrol', args=[enrolment.unit_id])}?period={enrolment.period_id}")
    return redirect("mutual_aid:enrolment_list")


@require_POST
@staff_view
def enrolment_leave(request, pk):
    user = request.user
    enrolment = selectors.enrolment_get(user, pk)
    require_perm(user, P.ENROL, enrolment.scope_path)
    form = LeaveForm(request.POST)
    left_on = form.cleaned_data["left_on"] if form.is_valid() else None
    call_service(request, services.enrolment_leave, actor=user, enrolment=enrolment, left_on=left_on,
                 success=_("Recorded: the cover runs to the end of the period."))
    return _back_to_unit(enrolment)


@require_POST
@staff_view
def enrolment_withdraw(request, pk):
    user = request.user
    enrolment = selectors.enrolment_get(user, pk)
    require_perm(user, P.ENROL, enrolment.scope_path)
    call_service(request, services.enrolment_withdraw, actor=user, enrolment=enrolment,
                 success=_("The enrolment was withdrawn."))
    return _back_to_unit(enrolment)
