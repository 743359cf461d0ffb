"""Staff pages of skills contests: editions, a trade's page (quotas, registration by unions, the scoring sheet,
ranking, publication, corrections by a second person, history), certificates; the worker's certificates and
the public certificate check."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core import pdf, scope
from gonghui.core.web.pages import call_service, paginate, require_anywhere, staff_view
from gonghui.orgs import selectors as org_selectors

from .. import selectors, services
from ..certificates import certificate_pdf as make_certificate
from ..models import TITLE_LABELS, ContestTrade
from ..roles import WORKFORCE_CHANGE, WORKFORCE_JUDGE, WORKFORCE_VIEW
from ..workflows import CONTEST_FLOW, CORRECTION_FLOW
from .common import create_in_org, gate, person_from_form, worker_required
from .forms import (
    ContestTradeForm,
    CorrectionForm,
    EditionForm,
    PersonByIdForm,
    QuotaForm,
    ScoreForm,
)


@staff_view
def contest_list(request):
    user = request.user
    require_anywhere(user, WORKFORCE_VIEW)
    page, query_string = paginate(request, selectors.edition_list(user))
    return render(request, "workforce/staff/contest_list.html", {
        "page": page, "query_string": query_string, "can_add": scope.has_perm(user, WORKFORCE_CHANGE)})


@staff_view
def edition_create(request):
    return create_in_org(request, form_class=EditionForm, service=services.edition_create,
                         success=_("The edition is created."), detail="workforce:edition_detail",
                         title=_("Create a contest edition"))


@staff_view
def edition_detail(request, pk):
    user = request.user
    edition = selectors.edition_get(user, pk)
    trades = list(edition.trades.all())
    for trade in trades:
        trade.state_label = CONTEST_FLOW.state_label(trade.state)
    form = ContestTradeForm(request.POST or None)
    can_change = scope.has_perm(user, WORKFORCE_CHANGE, edition.scope_path)
    if request.method == "POST":
        gate(user, WORKFORCE_CHANGE, edition)
        if form.is_valid():
            outcome = call_service(request, services.trade_add, form=form, actor=user, edition=edition,
                                   success=_("The trade is added."), **form.cleaned_data)
            if outcome.ok:
                return redirect("workforce:contest_trade", pk=outcome.result.pk)
    return render(request, "workforce/staff/edition_detail.html", {"edition": edition, "trades": trades,
                                                                   "form": form, "can_change": can_change})


@staff_view
def contest_trade(request, pk):
    user = request.user
    trade = selectors.contest_trade_get(user, pk)
    path = trade.scope_path
    corrections = selectors.corrections_of(trade)
    for correction in corrections:
        correction.state_label = CORRECTION_FLOW.state_label(correction.state)
    entries = selectors.contest_entries(trade)
    for entry in entries:
        entry.title_label = TITLE_LABELS.get(entry.title, "")
    return render(request, "workforce/staff/contest_trade.html", {
        "trade": trade, "state_label": CONTEST_FLOW.state_label(trade.state), "entries": entries,
        "quotas": trade.quotas.select_related("org"), "corrections": corrections,
        "history": selectors.contest_trade_history(trade), "transitions": CONTEST_FLOW.available(trade, user),
        "can_change": scope.has_perm(user, WORKFORCE_CHANGE, path),
        "can_judge": scope.has_perm(user, WORKFORCE_JUDGE, path), "published": trade.state == "published",
        "scoring": trade.state == "scoring", "registering": trade.state == "registering",
        "quota_form": QuotaForm(user=user), "register_form": PersonByIdForm(), "score_form": ScoreForm(),
        "correction_form": CorrectionForm()})


@staff_view
@require_POST
def contest_trade_step(request, pk):
    user = request.user
    trade = selectors.contest_trade_get(user, pk)
    gate(user, WORKFORCE_CHANGE, trade)
    transition = str(request.POST.get("transition", ""))[:40]
    comment = str(request.POST.get("comment", ""))[:500]
    service = services.trade_publish if transition == "publish" else services.trade_close
    if transition not in ("publish", "close"):
        messages.error(request, _("Unknown step."))
    else:
        call_service(request, service, actor=user, trade=trade, comment=comment, success=_("Done."))
    return redirect("workforce:contest_trade", pk=trade.pk)


@staff_view
@require_POST
def quota_set(request, pk):
    user = request.user
    trade = selectors.contest_trade_get(user, pk)
    gate(user, WORKFORCE_CHANGE, trade)
    form = QuotaForm(request.POST, user=user)
    if form.is_valid():
        org = org_selectors.organisation_get(user, form.cleaned_data["org"], permission=WORKFORCE_VIEW)
        call_service(request, services.quota_set, actor=user, trade=trade, org=org,
                     places=form.cleaned_data["places"], success=_("The quota is set."))
    else:
        messages.error(request, _("Choose a union and the number of places."))
    return redirect("workforce:contest_trade", pk=trade.pk)


@staff_view
@require_POST
def contest_register(request, pk):
    user = request.user
    trade = selectors.contest_trade_get(user, pk)
    gate(user, WORKFORCE_CHANGE, trade)
    person = person_from_form(request, user)
    if person is not None:
        call_service(request, services.entry_register, actor=user, trade=trade, person=person,
                     success=_("The contestant is registered."))
    return redirect("workforce:contest_trade", pk=trade.pk)


@staff_view
@require_POST
def score_enter(request, pk):
    user = request.user
    entry = selectors.contest_entry_get(user, pk)
    gate(user, WORKFORCE_JUDGE, entry)
    form = ScoreForm(request.POST)
    if form.is_valid():
        call_service(request, services.score_enter, actor=user, entry=entry, part=form.cleaned_data["part"],
                     score=form.cleaned_data["score"], success=_("The score is entered."))
    else:
        messages.error(request, _("A score is a number from 0 to 100."))
    return redirect("workforce:contest_trade", pk=entry.trade_id)


@staff_view
@require_POST
def correction_request(request, pk):
    user = request.user
    score = selectors.judge_score_get(user, pk)
    gate(user, WORKFORCE_JUDGE, score)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        call_service(request, services.correction_request, actor=user, score=score,
                     new_score=form.cleaned_data["new_score"], reason=form.cleaned_data["reason"],
                     success=_("The correction waits for a second person."))
    else:
        messages.error(request, _("Give the new score and the reason."))
    return redirect("workforce:contest_trade", pk=score.entry.trade_id)


@staff_view
@require_POST
def correction_decide(request, pk, decision):
    user = request.user
    correction = selectors.correction_get(user, pk)
    gate(user, WORKFORCE_CHANGE, correction)
    call_service(request, services.correction_decide, actor=user, correction=correction,
                 approve=decision == "approve", comment=str(request.POST.get("comment", ""))[:500],
                 success=_("Done."))
    return redirect("workforce:contest_trade", pk=correction.score.entry.trade_id)


def _verify_url(request, entry) -> str:
    return request.build_absolute_uri(reverse("workforce_verify:certificate", args=[entry.certificate_token]))


@staff_view
def certificate_pdf(request, pk):
    user = request.user
    entry = selectors.contest_entry_get(user, pk)
    if not entry.title or entry.trade.state != ContestTrade.State.PUBLISHED:
        raise Http404
    data = make_certificate(entry, verify_url=_verify_url(request, entry), actor=user)
    return pdf.response(data, f"certificate-{entry.pk}.pdf")


@worker_required
def my_certificates(request, person):
    entries = selectors.my_certificates(person)
    for entry in entries:
        entry.title_label = TITLE_LABELS.get(entry.title, "")
    return render(request, "workforce/mobile/certificates.html", {"entries": entries})


@worker_required
def my_certificate_pdf(request, person, pk):
    entry = selectors.my_certificate_get(person, pk)
    if entry is None:
        raise Http404
    data = make_certificate(entry, verify_url=_verify_url(request, entry), actor=request.user)
    return pdf.response(data, f"certificate-{entry.pk}.pdf")


def verify_certificate(request, token):
    """The public check a certificate's QR code opens: the title, trade and contest, the name masked."""
    entry = selectors.certificate_by_token(token)
    if entry is None or entry.trade.state != ContestTrade.State.PUBLISHED:
        raise Http404
    return render(request, "workforce/public/certificate.html", {
        "entry": entry, "title_label": TITLE_LABELS.get(entry.title, ""), "name": entry.person.name_masked})
