"""The worker's legal-aid pages at /m/rights/ (phones first): ask for help with papers, follow my case, add papers
when asked, rate the service. Everything is the signed-in worker's own: someone else's case is simply not found."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.errors import NotFound
from gonghui.core.web.pages import call_service
from gonghui.members import selectors as member_selectors

from .. import selectors, services
from ..workflows import CASE_FLOW
from .forms import ApplyForm, MobilePaperForm, RateForm


def worker_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        person = member_selectors.worker_person(request.user)
        if person is None and member_selectors.worker_identity_unverified(request.user):
            return render(request, "mobile/unverified.html")
        if person is None:
            return redirect_to_login(request.get_full_path(), reverse("m:login"))
        return view(request, person, *args, **kwargs)

    return wrapper


def _mine(person, pk):
    try:
        return selectors.my_case_get(person, pk)
    except NotFound:
        raise Http404 from None


@worker_required
def case_list(request, person):
    return render(request, "rights/mobile/case_list.html", {"cases": selectors.my_cases(person)[:50]})


@worker_required
def apply(request, person):
    form = ApplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        paper = data.pop("paper")
        data["amount_claimed"] = data["amount_claimed"] if data["amount_claimed"] is not None else "0"
        outcome = call_service(request, services.case_create, form=form, actor=request.user, org=person.current_org,
                               person=person, channel="mobile", for_worker=True, papers=[paper] if paper else [],
                               success=_("Your request was sent. The union decides within five working days."),
                               **data)
        if outcome.ok:
            return redirect("m_rights:case_detail", pk=outcome.result.pk)
    return render(request, "rights/mobile/apply.html", {"form": form})


# Steps whose comment is written to the worker: what they are asked for, why their case was refused, closed or
# given back to the court.
WORKER_FACING_STEPS = frozenset({"ask_worker", "refuse", "close", "give_back"})


@worker_required
def case_detail(request, person, pk):
    case = _mine(person, pk)
    history = [h for h in CASE_FLOW.history(case) if h.transition not in ("activity",)]
    for h in history:  # staff remarks stay inside the union: the worker reads only what is meant for them
        meant = h.transition in WORKER_FACING_STEPS or (h.actor_id == request.user.pk and h.transition != "rated")
        h.worker_comment = h.comment if meant else ""
    return render(request, "rights/mobile/case_detail.html", {
        "case": case, "history": history, "papers": selectors.my_papers(case, request.user),
        "paper_form": MobilePaperForm() if case.state not in ("closed", "refused", "withdrawn") else None,
        "rate_form": RateForm() if case.state == "closed" and case.rating is None else None})


@require_POST
@worker_required
def paper_add(request, person, pk):
    case = _mine(person, pk)
    form = MobilePaperForm(request.POST, request.FILES)
    if form.is_valid():
        call_service(request, services.paper_add, actor=request.user, case=case, upload=form.cleaned_data["file"],
                     success=_("Your paper was added."))
    else:
        from django.contrib import messages

        messages.error(request, _("Choose a photo or PDF."))
    return redirect("m_rights:case_detail", pk=case.pk)


@require_POST
@worker_required
def rate(request, person, pk):
    case = _mine(person, pk)
    form = RateForm(request.POST)
    if form.is_valid():
        call_service(request, services.case_rate, actor=request.user, case=case, **form.cleaned_data,
                     success=_("Thank you for your rating."))
    return redirect("m_rights:case_detail", pk=case.pk)


@worker_required
def letter(request, person, pk):
    from gonghui.core import pdf

    case = _mine(person, pk)
    try:
        data, name = services.letter_make(user=request.user, case=case, kind="refusal", for_worker=True)
    except NotFound:
        raise Http404 from None
    return pdf.response(data, name)
