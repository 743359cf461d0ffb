"""Staff pages of legal aid: the queue (filters, search, pagination, export), intake, the case page with its
timeline, history and steps, caseloads, court referrals and the employers view. Thin: forms validate, services
decide; an out-of-scope case is 404 (staff_view)."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.core import exports, scope
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.files import xlsx_download
from gonghui.core.web.pages import call_service, paginate, require_anywhere, staff_view
from gonghui.members import selectors as member_selectors
from gonghui.orgs import selectors as org_selectors

from .. import selectors, services
from ..models import MONEY_OUTCOMES, LegalCase
from ..roles import RIGHTS_EXPORT, RIGHTS_MANAGE, RIGHTS_VIEW, RIGHTS_WORK
from ..workflows import CASE_FLOW
from .forms import ActivityForm, AssignForm, CloseForm, IntakeForm, PaperForm, QueueFilterForm, RefuseForm


def _require_some(user) -> None:
    if not (scope.has_perm(user, RIGHTS_VIEW) or scope.has_perm(user, RIGHTS_WORK)):
        raise Http404


def _queue_rows(request):
    form = QueueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.case_queue(request.user, query=data.get("q", ""), state=data.get("state", ""),
                                dispute_type=data.get("dispute_type", ""), channel=data.get("channel", ""),
                                case_type=data.get("case_type", ""), sla_status=data.get("sla", ""),
                                mine=bool(data.get("mine")))
    return form, rows


@staff_view
def queue(request):
    _require_some(request.user)
    form, rows = _queue_rows(request)
    page, query_string = paginate(request, rows)
    today = timezone.localdate()
    cal = selectors.calendar(today - datetime.timedelta(days=60), today + datetime.timedelta(days=40))
    for case in page.object_list:
        case.sla = selectors.sla_of(case, today, cal)
    return render(request, "rights/staff/queue.html", {
        "form": form, "page": page, "query_string": query_string,
        "can_add": scope.has_perm(request.user, RIGHTS_MANAGE),
        "can_export": scope.has_perm(request.user, RIGHTS_EXPORT)})


@staff_view
def export(request):
    require_anywhere(request.user, RIGHTS_EXPORT)
    _form, rows = _queue_rows(request)
    rows = rows.filter(scope.scope_q(request.user, RIGHTS_EXPORT, "org__path"))
    book = exports.Workbook(constant_memory=True)
    sheet = book.sheet(_("Legal-aid cases"), header=[
        _("Case number"), _("Submitted on"), _("State"), _("Channel"), _("Dispute type"), _("Case type"),
        _("Union"), _("Worker"), _("Employer"), _("Employer's credit code"), _("Amount claimed"),
        _("Amount recovered"), _("The money reached the worker"), _("Decided on"), _("Outcome"), _("Closed on")])
    for case in rows.iterator(chunk_size=2000):
        sheet.write_row([case.reference, case.submitted_on, str(case.get_state_display()),
                         str(case.get_channel_display()), str(case.get_dispute_type_display()),
                         str(case.get_case_type_display()), case.org.name, case.person.name, case.employer_name,
                         case.employer_credit_code, case.amount_claimed, case.amount_recovered,
                         "" if case.reached_worker is None else (_("Yes") if case.reached_worker else _("No")),
                         case.decided_on, str(case.get_outcome_display()) if case.outcome else "", case.closed_on])
    count = sheet.row - 1
    content = book.close()
    services.export_record(actor=request.user, count=count)
    return xlsx_download(content, f"legal-aid-{timezone.localdate():%Y%m%d}.xlsx")


@staff_view
def intake(request):
    require_anywhere(request.user, RIGHTS_MANAGE)
    orgs = org_selectors.organisations_visible(request.user, RIGHTS_MANAGE).order_by("path")
    form = IntakeForm(request.POST or None, request.FILES or None, orgs=orgs,
                      initial={"person_id": request.GET.get("person")})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            person = member_selectors.person_get(request.user, data.pop("person_id"))
        except NotFound:
            form.add_error("person_id", _("No such member in your part of the tree."))
        else:
            paper = data.pop("paper")
            data["amount_claimed"] = data["amount_claimed"] if data["amount_claimed"] is not None else "0"
            outcome = call_service(request, services.case_create, form=form, actor=request.user,
                                   org=data.pop("org"), person=person, papers=[paper] if paper else [], **data)
            if outcome.ok:
                return redirect("rights:case_detail", pk=outcome.result.pk)
    return render(request, "rights/staff/intake.html", {"form": form})


@staff_view
def case_detail(request, pk):
    user = request.user
    case = selectors.case_get(user, pk)
    manage = selectors.may_manage(user, case)
    work = selectors.may_work(user, case)
    simple = {"review", "ask_worker", "resume", "accept", "reopen", "withdraw", "start"}
    steps = [t for t in CASE_FLOW.available(case, user) if t.name in simple and (work or t.name != "start")]
    return render(request, "rights/staff/case_detail.html", {
        "case": case, "history": selectors.history(case), "activities": selectors.activities_of(case),
        "papers": selectors.papers_of(case, user), "may_read_papers": selectors.may_read_papers(user, case),
        "transitions": steps, "manage": manage, "work": work, "sla": selectors.sla_of(case),
        "refuse_form": RefuseForm() if manage and case.state in LegalCase.DECISION_STATES else None,
        "assign_form": (AssignForm(workers=selectors.assignable_workers(user, case))
                        if manage and case.state in ("accepted", "assigned") else None),
        "close_form": CloseForm() if work and case.state in ("assigned", "in_progress") else None,
        "activity_form": ActivityForm() if work and case.state in LegalCase.OPEN_STATES else None,
        "paper_form": PaperForm() if work and case.state not in ("refused", "withdrawn") else None,
        **_followup_context(user, case, work)})


def _followup_context(user, case, work: bool) -> dict:
    from ..workflows import MEDIATION_FLOW
    from .forms import (
        FailForm,
        MediationAgreeForm,
        MediationConfirmForm,
        MediationReturnForm,
        PaymentForm,
        ScheduleForm,
    )

    mediation = selectors.mediation_of(case)
    instalments = selectors.instalments_of(case)
    steps = [t.name for t in MEDIATION_FLOW.available(mediation)] if mediation and work else []
    can_schedule = work and (case.outcome in MONEY_OUTCOMES or (mediation and mediation.state in ("agreed",
                                                                                                   "confirmed")))
    from .. import letters

    return {"members": selectors.members_of(case), "lock_holder": selectors.lock_of(case),
            "group_open": case.state in ("submitted", "review", "waiting", "accepted", "assigned", "in_progress"),
            "mediation": mediation, "letters": letters.available(case, mediation),
            "mediation_history": MEDIATION_FLOW.history(mediation) if mediation else [],
            "mediation_steps": steps,
            "agree_form": MediationAgreeForm() if "agree" in steps else None,
            "confirm_form": MediationConfirmForm() if "confirm" in steps else None,
            "return_form": MediationReturnForm() if "give_back" in steps else None,
            "instalments": instalments, "received": services.received_total(case),
            "schedule_form": ScheduleForm() if can_schedule and not any(i.state != "due" for i in instalments)
            else None,
            "payment_form": PaymentForm() if work else None, "fail_form": FailForm() if work else None}


def _gated(request, service, **kwargs):
    def run(**arguments):
        try:
            return service(**arguments)
        except PermissionDenied as exc:
            if type(exc) is PermissionDenied:
                raise DjangoPermissionDenied from None
            raise
    return call_service(request, run, **kwargs)


@require_POST
@staff_view
def case_transition(request, pk):
    case = selectors.case_get(request.user, pk)
    _gated(request, services.case_step, actor=request.user, case=case,
           transition=request.POST.get("transition", ""), comment=request.POST.get("comment", "")[:1000],
           success=_("Done."))
    return redirect("rights:case_detail", pk=case.pk)


@require_POST
@staff_view
def case_refuse(request, pk):
    case = selectors.case_get(request.user, pk)
    form = RefuseForm(request.POST)
    if form.is_valid():
        _gated(request, services.case_refuse, actor=request.user, case=case, **form.cleaned_data,
               success=_("The request was refused; the worker is told the reason."))
    else:
        _gated(request, services.case_refuse, actor=request.user, case=case, reason="", comment="")
    return redirect("rights:case_detail", pk=case.pk)


@require_POST
@staff_view
def case_assign(request, pk):
    case = selectors.case_get(request.user, pk)
    form = AssignForm(request.POST, workers=selectors.assignable_workers(request.user, case))
    if form.is_valid():
        _gated(request, services.case_assign, actor=request.user, case=case,
               case_worker=form.cleaned_data["case_worker"], comment=form.cleaned_data["comment"],
               success=_("The case was assigned."))
    else:
        if not selectors.may_manage(request.user, case):
            raise DjangoPermissionDenied
        messages.error(request, _("Choose a lawyer or mediator."))
    return redirect("rights:case_detail", pk=case.pk)


@require_POST
@staff_view
def case_close(request, pk):
    case = selectors.case_get(request.user, pk)
    form = CloseForm(request.POST)
    if not selectors.may_work(request.user, case):
        raise DjangoPermissionDenied
    if form.is_valid():
        _gated(request, services.case_close, actor=request.user, case=case, **form.cleaned_data,
               success=_("The case was closed; the worker is told and asked to rate the service."))
    else:
        messages.error(request, _("Check the outcome and the amount."))
    return redirect("rights:case_detail", pk=case.pk)


@require_POST
@staff_view
def activity_add(request, pk):
    case = selectors.case_get(request.user, pk)
    if not selectors.may_work(request.user, case):
        raise DjangoPermissionDenied
    form = ActivityForm(request.POST)
    if form.is_valid():
        _gated(request, services.activity_add, actor=request.user, case=case, **form.cleaned_data,
               success=_("The activity was recorded."))
    else:
        messages.error(request, _("Write what happened."))
    return redirect("rights:case_detail", pk=case.pk)


@require_POST
@staff_view
def paper_add(request, pk):
    case = selectors.case_get(request.user, pk)
    if not selectors.may_work(request.user, case):
        raise DjangoPermissionDenied
    form = PaperForm(request.POST, request.FILES)
    if form.is_valid():
        _gated(request, services.paper_add, actor=request.user, case=case, upload=form.cleaned_data["file"],
               kind=form.cleaned_data["kind"], success=_("The paper was added."))
    else:
        messages.error(request, _("Choose a photo or PDF."))
    return redirect("rights:case_detail", pk=case.pk)


@never_cache
@staff_view
def paper(request, pk, attachment_id):
    from gonghui.core.web.views_files import _serve

    case = selectors.case_get(request.user, pk)
    return _serve(services.paper_open(user=request.user, case=case, attachment_id=attachment_id))


@staff_view
def caseload(request):
    _require_some(request.user)
    workers = selectors.case_workers(request.user, role=request.GET.get("role", "")
                                     if request.GET.get("role") in ("lawyer", "mediator") else "")
    page, query_string = paginate(request, workers)
    mine = selectors.case_queue(request.user, mine=True, state="open")[:50] if scope.has_perm(
        request.user, RIGHTS_WORK) else []
    return render(request, "rights/staff/caseload.html", {"page": page, "query_string": query_string,
                                                          "mine": mine,
                                                          "can_add": scope.has_perm(request.user, RIGHTS_MANAGE)})


@staff_view
def court_referrals(request):
    _require_some(request.user)
    page, query_string = paginate(request, selectors.court_referrals(request.user))
    return render(request, "rights/staff/court_referrals.html", {"page": page, "query_string": query_string})


@staff_view
def employers(request):
    require_anywhere(request.user, RIGHTS_VIEW)
    query = request.GET.get("q", "")[:60]
    page, query_string = paginate(request, selectors.employers(request.user, query=query))
    names = selectors.employer_names(r["employer_credit_code"] for r in page.object_list)
    for row in page.object_list:
        row["name"] = names.get(row["employer_credit_code"], "")
    return render(request, "rights/staff/employers.html", {"page": page, "query_string": query_string,
                                                           "q": query})


@never_cache
@staff_view
def letter(request, pk, kind):
    from gonghui.core import pdf

    case = selectors.case_get(request.user, pk)
    data, name = services.letter_make(user=request.user, case=case, kind=kind)
    return pdf.response(data, name)
