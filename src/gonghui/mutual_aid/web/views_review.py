"""The reviewer's actions on a claim: start the review, return it saying what is missing, adjust the amount with
a reason, approve (a second approval from the level above for large amounts), reject with a coded reason; and
the cashier's "pay again" after a failed payment. Each posts, then goes back to the claim's page.

Approving twice (a double click, a resent form) is harmless: the service answers the same approval and the
page says so."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.errors import ApplicationError, InvalidTransition, NotFound, PermissionDenied
from gonghui.core.web.pages import paginate, queue_filter, require_anywhere, staff_view

from .. import permissions as P
from .. import selectors, services
from ..models import BankAccountChange, Claim
from ..workflows import CLAIM_FLOW
from ._common import act
from .forms import AdjustForm, BankChangeDecisionForm, CommentForm, RejectForm, RequeueForm, ReturnForm

S = Claim.State


def _claim(request, pk):
    """The claim as the user sees it (404 outside their view); the service asks the step's own permission."""
    return selectors.claim_get(request.user, pk)


def _back(claim):
    return redirect("mutual_aid:claim_detail", pk=claim.pk)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _start_review(request, claim) -> None:
    act(request, services.claim_start_review, actor=request.user, claim=claim,
        success=_("The review has started; the benefit is computed below."))


@require_POST
@staff_view
def claim_start_review(request, pk):
    claim = _claim(request, pk)
    _start_review(request, claim)
    return _back(claim)


@require_POST
@staff_view
def claim_return(request, pk):
    claim = _claim(request, pk)
    form = ReturnForm(request.POST)
    # An empty note goes to the service too: it asks the permission first, then says what is missing.
    act(request, services.claim_return, actor=request.user, claim=claim,
        note=form.cleaned_data["note"] if form.is_valid() else "", success=_("The claim was returned to the filer."))
    return _back(claim)


@require_POST
@staff_view
def claim_adjust(request, pk):
    claim = _claim(request, pk)
    form = AdjustForm(request.POST)
    if form.is_valid():
        act(request, services.claim_adjust, actor=request.user, claim=claim, amount=form.cleaned_data["amount"],
            reason=form.cleaned_data["reason"],
            success=_("The amount was adjusted; the arithmetic below shows the change."))
    else:
        _form_errors(request, form)
    return _back(claim)


def _approve(request, claim, service, *, again_states) -> None:
    """Run an approval; a repeated one (already done by the same person) is said to change nothing."""
    started = timezone.now()
    before = claim.state
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        service(actor=request.user, claim=claim, comment=comment)
    except NotFound:
        raise
    except PermissionDenied as exc:
        if type(exc) is PermissionDenied:  # the gate: 403, as for any page action
            raise DjangoPermissionDenied from None
        messages.error(request, exc.message)  # separation of duties, the level above
        return
    except InvalidTransition:
        claim.refresh_from_db()
        messages.warning(request, _("Nothing was done: the claim is now “%(state)s”.")
                         % {"state": CLAIM_FLOW.state_label(claim.state)})
        return
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return
    amount = claim.approved_amount
    stamp = claim.second_approved_at if service is services.claim_approve_second else claim.approved_at
    if before in again_states or (stamp is not None and stamp < started):
        messages.info(request, _("This claim was already approved (%(amount)s yuan). Approving it again changed "
                                 "nothing: it is paid once.") % {"amount": amount})
    elif claim.state == S.AWAITING_SECOND:
        messages.success(request, _("First approval given: %(amount)s yuan. Above %(limit)s yuan a second approval "
                                    "from the level above is needed.")
                         % {"amount": amount, "limit": claim.period.second_approval_above})
    else:
        messages.success(request, _("The claim was approved: %(amount)s yuan.") % {"amount": amount})


def _approve_first(request, claim) -> None:
    _approve(request, claim, services.claim_approve, again_states=(S.APPROVED, S.AWAITING_SECOND))


def _approve_second(request, claim) -> None:
    _approve(request, claim, services.claim_approve_second, again_states=(S.APPROVED,))


@require_POST
@staff_view
def claim_approve(request, pk):
    claim = _claim(request, pk)
    _approve_first(request, claim)
    return _back(claim)


@require_POST
@staff_view
def claim_approve_second(request, pk):
    claim = _claim(request, pk)
    _approve_second(request, claim)
    return _back(claim)


# The steps the claim page offers through the shared partial (core/_transitions.html: {transition, comment}).
# Returning, adjusting, rejecting and paying again ask for more than a comment: they keep their own forms.
PAGE_STEPS = {"start_review": _start_review, "approve": _approve_first, "approve_second": _approve_second}


def page_transitions(claim, user) -> list:
    """The steps of PAGE_STEPS the user may take on the claim now (the workflow's own permission check)."""
    return [t for t in CLAIM_FLOW.available(claim, user) if t.name in PAGE_STEPS]


@require_POST
@staff_view
def claim_transition(request, pk):
    """A step posted by the shared transitions partial; each runs as its own action does (its service's checks,
    its messages, a repeated approval said to change nothing)."""
    claim = _claim(request, pk)
    step = PAGE_STEPS.get(request.POST.get("transition", ""))
    if step is None:
        messages.error(request, _("This step is not taken here."))
    else:
        step(request, claim)
    return _back(claim)


@require_POST
@staff_view
def claim_reject(request, pk):
    claim = _claim(request, pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        act(request, services.claim_reject, actor=request.user, claim=claim, code=form.cleaned_data["code"],
            note=form.cleaned_data["note"], success=_("The claim was rejected; the filer sees the reason."))
    else:
        _form_errors(request, form)
    return _back(claim)


@require_POST
@staff_view
def claim_requeue(request, pk):
    claim = _claim(request, pk)
    form = RequeueForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    outcome = act(request, services.claim_requeue, actor=request.user, claim=claim,
                           bank_account=data.get("bank_account", ""), bank_name=data.get("bank_name", ""),
                           success=_("The claim is back among the approved claims for the next batch."))
    if outcome.ok and selectors.claim_bank_change_pending(claim):
        messages.warning(request, _("The other bank account awaits a reviewer's approval; the claim is paid only "
                                    "after that."))
    return _back(claim)


# --- changes of the payee's bank account: a reviewer who did not ask for them decides ----------------------

@staff_view
def bank_change_list(request):
    require_anywhere(request.user, P.VIEW)
    status, order, filter_context = queue_filter(request, BankAccountChange.Status.choices,
                                                 queue=BankAccountChange.Status.PENDING, date_field="requested_at")
    page, query_string = paginate(request, selectors.bank_changes_visible(request.user, status=status)
                                  .order_by(*order))
    return render(request, "mutual_aid/staff/bank_changes.html", {"page": page, "query_string": query_string,
                                                                  **filter_context})


@staff_view
def bank_change_detail(request, pk):
    change = selectors.bank_change_get(request.user, pk)
    return render(request, "mutual_aid/staff/bank_change_detail.html", {
        "change": change, "can_decide": selectors.bank_change_decidable(request.user, change),
        "bank_change_form": BankChangeDecisionForm(), "history": selectors.bank_change_history(change)})


def _decide_bank_change(request, pk, service, success):
    change = selectors.bank_change_get(request.user, pk)
    form = BankChangeDecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    act(request, service, actor=request.user, change=change, note=note, success=success)
    return _back(change.claim)


@require_POST
@staff_view
def bank_change_approve(request, pk):
    return _decide_bank_change(request, pk, services.bank_change_approve,
                               _("The new bank account is approved: the next payout batch uses it."))


@require_POST
@staff_view
def bank_change_reject(request, pk):
    return _decide_bank_change(request, pk, services.bank_change_reject,
                               _("The change was rejected: the claim keeps its approved bank account."))
