"""Claims for staff: the review queue with filters and SLA age, one claim with its documents, arithmetic and
history, filing a claim for a member (officer), adding documents and submitting."""

import itertools

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core import audit, exports
from gonghui.core.errors import ApplicationError
from gonghui.core.web.pages import call_service, int_or_none, is_htmx, paginate, require_anywhere, staff_view
from gonghui.orgs import selectors as org_selectors

from .. import permissions as P
from .. import selectors, services
from ..models import Claim
from ._common import act, can, chosen_period, require_perm
from .claim_pages import claim_context
from .forms import (
    AdjustForm,
    BankChangeDecisionForm,
    ClaimFilterForm,
    ClaimForm,
    CommentForm,
    DocumentForm,
    RejectForm,
    RequeueForm,
    ReturnForm,
)
from .views_review import page_transitions

EXPORT_LIMIT = 100_000


def _queue(request):
    user = request.user
    period = chosen_period(request)
    form = ClaimFilterForm(request.GET or None, orgs=org_selectors.organisation_choices(user, P.VIEW))
    form.is_valid()
    f = getattr(form, "cleaned_data", {})
    # An organisation that is not among the choices still goes to the selector, which answers 404 out of scope.
    org_id = f.get("org") or int_or_none(request.GET.get("org"))
    qs = selectors.claim_queue_filtered(
        user, state=f.get("state", ""), benefit_type=f.get("benefit_type", ""),
        period_id=period.pk if period else None, org_id=org_id, query=f.get("q", ""),
        overdue=bool(f.get("overdue")), min_age_days=f.get("min_age"), min_amount=f.get("min_amount"),
        max_amount=f.get("max_amount"))
    return period, form, qs


@staff_view
def claim_queue(request):
    user = request.user
    require_anywhere(user, P.VIEW)
    period, form, qs = _queue(request)
    page, query_string = paginate(request, qs)
    context = {"period": period, "periods": selectors.period_list(user)[:20], "form": form, "page": page,
               "rows": selectors.with_age(page), "query_string": query_string,
               "can_file": can(user, P.CLAIM_FILE)}
    template = "mutual_aid/staff/_claim_table.html" if is_htmx(request) else "mutual_aid/staff/claim_queue.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_view
def claim_export(request):
    """The queue as filtered, as CSV (no bank accounts, names only as the list shows them); audited."""
    user = request.user
    require_anywhere(user, P.VIEW)
    _period, _form, qs = _queue(request)
    rows = selectors.with_age(qs[:EXPORT_LIMIT])
    audit.record("mutual_aid.claim.export", actor=user, detail={"rows": len(rows)})
    header = [_("Claim"), _("Member"), _("Union"), _("Benefit"), _("Self-paid"), _("Computed benefit"),
              _("Approved benefit"), _("Status"), _("Submitted"), _("Days waiting")]
    lines = ([c.reference, c.person.name, c.org.name, c.benefit_label, c.self_paid, c.computed_amount,
              c.approved_amount, c.get_state_display(), c.submitted_at.date() if c.submitted_at else None,
              c.age_days] for c in rows)
    return exports.csv_response(itertools.chain([header], lines), "mutual-aid-claims.csv")


def _actions(claim, *, review: bool, second: bool, pay: bool) -> dict:
    """Which decision buttons the page shows (the services decide again when one is pressed)."""
    S = Claim.State
    open_review = claim.state in (S.SUBMITTED, S.UNDER_REVIEW) and review
    actions = {"start_review": claim.state == S.SUBMITTED and review,
               "approve": claim.state == S.UNDER_REVIEW and review, "adjust": claim.state == S.UNDER_REVIEW and review,
               "approve_second": claim.state == S.AWAITING_SECOND and second, "return": open_review,
               "reject": open_review or (claim.state == S.AWAITING_SECOND and second),
               "requeue": claim.state == S.PAYMENT_FAILED and pay}
    actions["any"] = any(actions.values())
    return actions


def detail_context(request, claim, **forms) -> dict:
    user, path = request.user, claim.scope_path
    context = claim_context(claim)
    can_review, can_second, can_pay = (can(user, P.REVIEW, path), can(user, P.APPROVE_LARGE, path),
                                       can(user, P.PAY, path))
    context.update({
        "actions": _actions(claim, review=can_review, second=can_second, pay=can_pay),
        "can_file": can(user, P.CLAIM_FILE, path),
        "comment_form": CommentForm(), "return_form": ReturnForm(), "reject_form": RejectForm(),
        "adjust_form": AdjustForm(initial={"amount": claim.computed_amount}), "requeue_form": RequeueForm(),
        "document_form": DocumentForm(documents=context["document_choices"]),
        # the steps a comment is enough for, through the shared partial (core/_transitions.html)
        "transitions": page_transitions(claim, user),
        "transition_action": reverse("mutual_aid:claim_transition", args=[claim.pk]),
    })
    change = selectors.claim_bank_change_pending(claim)
    context.update({"bank_change": change, "bank_change_form": BankChangeDecisionForm(),
                    "can_decide_bank_change": change is not None and can_review and change.requested_by_id != user.pk})
    context.update(forms)
    return context


@staff_view
def claim_detail(request, pk):
    claim = selectors.claim_get(request.user, pk)
    return render(request, "mutual_aid/staff/claim_detail.html", detail_context(request, claim))


@staff_view
def claim_new(request):
    """File a claim for an enrolled member: find the person, then the form (documents come next, on the
    claim's page)."""
    user = request.user
    require_anywhere(user, P.CLAIM_FILE)
    person_id = int_or_none(request.GET.get("person") or request.POST.get("person"))
    if person_id is None:
        query = (request.GET.get("q") or "").strip()[:100]
        found = selectors.enrolment_list(user, query=query)[:20] if query else []
        return render(request, "mutual_aid/staff/claim_person.html", {"q": query, "found": found})
    person = selectors.person_for_claim(user, person_id)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        numbers = data.pop("invoice_numbers")
        outcome = call_service(request, services.claim_file, form=form, actor=user, person=person,
                               invoice_numbers=numbers, success=_("The claim was saved: add its documents."),
                               **data)
        if outcome.ok:
            return redirect("mutual_aid:claim_detail", pk=outcome.result.pk)
    return render(request, "mutual_aid/staff/claim_form.html", {"form": form, "person": person})


@require_POST
@staff_view
def claim_upload(request, pk):
    user = request.user
    claim = selectors.claim_get(user, pk)
    require_perm(user, P.CLAIM_FILE, claim.scope_path)
    context = claim_context(claim)
    form = DocumentForm(request.POST, request.FILES, documents=context["document_choices"])
    if form.is_valid():
        added = add_documents(request, claim, [(form.cleaned_data["doc_type"], f) for f in form.cleaned_data["files"]])
        if added:
            return redirect("mutual_aid:claim_detail", pk=claim.pk)
    else:
        messages.error(request, _("Choose the document and at least one photo or PDF."))
    return redirect("mutual_aid:claim_detail", pk=claim.pk)


def add_documents(request, claim, uploads) -> int:
    """Attach each upload; a refused file is named in a message and the others are kept."""
    added = 0
    for doc_type, upload in uploads:
        try:
            services.claim_document_add(actor=request.user, claim=claim, doc_type=doc_type, upload=upload)
        except ApplicationError as exc:
            messages.error(request, _("%(file)s: %(error)s") % {"file": upload.name, "error": exc.message})
        else:
            added += 1
    if added:
        messages.success(request, _("%(count)s file(s) added.") % {"count": added})
    return added


@require_POST
@staff_view
def claim_document_remove(request, pk, document_id):
    user = request.user
    document = selectors.document_get(user, document_id, claim_id=pk)
    act(request, services.claim_document_remove, actor=user, document=document,
        success=_("The document was removed."))
    return redirect("mutual_aid:claim_detail", pk=document.claim_id)


@require_POST
@staff_view
def claim_submit(request, pk):
    user = request.user
    claim = selectors.claim_get(user, pk)
    act(request, services.claim_submit, actor=user, claim=claim, success=_("The claim was submitted for review."))
    return redirect("mutual_aid:claim_detail", pk=claim.pk)
