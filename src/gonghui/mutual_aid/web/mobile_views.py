"""The worker's mutual-aid pages at /m/mutual-aid/ (phones first, 360 px): my cover, filing a claim with photos
of its documents, my claims and each claim's status with its arithmetic and history. Everything is the signed-in
worker's own: no person is ever taken from the URL, and someone else's claim is simply not found."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.errors import NotFound
from gonghui.core.web.pages import call_service

from .. import selectors, services
from ..plans import BENEFIT_LABELS
from ..workflows import CLAIM_FLOW
from ._common import worker_required
from .claim_pages import claim_context
from .forms import ClaimWithDocumentsForm, DocumentForm
from .views_claims import add_documents


def _mine(person, pk):
    try:
        return selectors.my_claim_get(person, pk)
    except NotFound:
        raise Http404 from None


@worker_required
def cover(request, person):
    return render(request, "mutual_aid/mobile/cover.html", {
        "person": person, "cover": selectors.my_cover(person), "second_payouts": selectors.my_second_payouts(person),
        "recent": [_labelled(c) for c in selectors.my_claims(person)[:3]]})


def _labelled(claim):
    claim.state_label = CLAIM_FLOW.state_label(claim.state)
    claim.benefit_label = BENEFIT_LABELS.get(claim.benefit_type, claim.benefit_type)
    return claim


@worker_required
def claim_list(request, person):
    return render(request, "mutual_aid/mobile/claim_list.html", {
        "claims": [_labelled(c) for c in selectors.my_claims(person)[:100]]})


def _plan(cover):
    period = cover["period"]
    today = timezone.localdate()
    return services.plan_in_force(period, min(max(today, period.coverage_start), period.coverage_end))


@worker_required
def claim_new(request, person):
    """Choose the benefit, then one form: the hospital stay, the amounts, the bank account and photos of each
    document the benefit needs. Submitted at once when every document is there; else kept as a draft."""
    cover_data = selectors.my_cover(person)
    if cover_data is None or not cover_data["covered"]:
        messages.error(request, _("You have no active cover: a claim cannot be filed."))
        return redirect("m_mutual_aid:cover")
    rules = _plan(cover_data).rules
    benefit = request.POST.get("benefit_type") or request.GET.get("benefit")
    if benefit not in rules.benefits:
        return render(request, "mutual_aid/mobile/claim_benefit.html", {"cover": cover_data})
    documents = [(code, str(label)) for code, label in rules.required_documents(benefit)]
    form = ClaimWithDocumentsForm(request.POST or None, request.FILES or None, documents=documents,
                                  initial={"benefit_type": benefit})
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        numbers = data.pop("invoice_numbers")
        outcome = call_service(request, services.claim_file, form=form, actor=request.user, person=person,
                               invoice_numbers=numbers, **data)
        if outcome.ok:
            claim = outcome.result
            add_documents(request, claim, form.uploads())
            _submit_if_complete(request, claim)
            return redirect("m_mutual_aid:claim_detail", pk=claim.pk)
    return render(request, "mutual_aid/mobile/claim_form.html", {
        "form": form, "benefit": benefit, "benefit_label": BENEFIT_LABELS[benefit], "cover": cover_data,
        "document_fields": [form[name] for name in form.document_fields]})


def _submit_if_complete(request, claim) -> None:
    if services.missing_documents(claim):
        messages.warning(request, _("Your claim is saved as a draft: add the missing documents, then submit it."))
        return
    call_service(request, services.claim_submit, actor=request.user, claim=claim,
                 success=_("Your claim was submitted. You will see each step here."))


@worker_required
def claim_detail(request, person, pk):
    claim = _mine(person, pk)
    context = claim_context(claim)
    context["document_form"] = DocumentForm(documents=context["document_choices"], capture=True)
    return render(request, "mutual_aid/mobile/claim_detail.html", context)


@require_POST
@worker_required
def claim_upload(request, person, pk):
    claim = _mine(person, pk)
    choices = claim_context(claim)["document_choices"]
    form = DocumentForm(request.POST, request.FILES, documents=choices)
    if form.is_valid():
        add_documents(request, claim, [(form.cleaned_data["doc_type"], f) for f in form.cleaned_data["files"]])
    else:
        messages.error(request, _("Choose the document and at least one photo or PDF."))
    return redirect("m_mutual_aid:claim_detail", pk=claim.pk)


@require_POST
@worker_required
def claim_document_remove(request, person, pk, document_id):
    claim = _mine(person, pk)
    try:
        document = selectors.document_get(request.user, document_id, claim_id=claim.pk)
    except NotFound:
        raise Http404 from None
    call_service(request, services.claim_document_remove, actor=request.user, document=document,
                 success=_("The document was removed."))
    return redirect("m_mutual_aid:claim_detail", pk=claim.pk)


@require_POST
@worker_required
def claim_submit(request, person, pk):
    claim = _mine(person, pk)
    call_service(request, services.claim_submit, actor=request.user, claim=claim,
                 success=_("Your claim was submitted. You will see each step here."))
    return redirect("m_mutual_aid:claim_detail", pk=claim.pk)
